import type { ApplicationContent, CallRules } from './application-content';
import { EMPTY_PROJECT } from './application-content';
import { checklist, checkSubmission, computeApplicationPlan } from './submission-checks';
import { frenchCalendarDate } from '../../../common/fr';

const NOW = new Date('2026-03-10T10:00:00Z');

const call = (overrides: Partial<CallRules> = {}): CallRules => ({
  status: 'PUBLISHED',
  opensAt: new Date('2026-01-01T00:00:00Z'),
  closesAt: new Date('2026-03-31T10:00:00Z'),
  maxRateBp: 9500,
  minEuCents: 5_000_000,
  maxEuCents: 40_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 36,
  eligibilityStart: '2021-01-01',
  eligibilityEnd: '2029-12-31',
  costOptions: [
    { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
    { option: 'REAL_COSTS', rateBp: 0 },
  ],
  requiredDocumentTypes: ['STATUTS', 'RIB'],
  targetPublics: ['JEUNES_NEET', 'HABITANTS_QPV'],
  allowedOperationTypes: ['EXPERIMENTATION', 'ESSAIMAGE'],
  participantsExpected: true,
  ...overrides,
});

/** Worked example (docs/domain/cost-options.md): STAFF 80 000 €, PARTICIPANTS 20 000 €, 15 % indirect → CTE 112 000 €, ESF+ 106 400 €. */
const complete = (): ApplicationContent => ({
  project: {
    title: 'Ruches partagées',
    summary: 'Des ruchers collectifs en pied d’immeuble.',
    socialNeed: 'Isolement des jeunes sans emploi.',
    targetPublics: ['JEUNES_NEET'],
    startDate: '2026-04-01',
    endDate: '2027-09-30',
    place: 'Lyon 8e',
    departement: '69',
    withParticipants: true,
    plannedParticipants: 40,
    operationType: 'EXPERIMENTATION',
    existingProject: false,
    experimentationStartDate: null,
    newTerritory: null,
    substantialChange: null,
  },
  article15: {
    i1: { answer: true, justification: 'Besoin non couvert.' },
    i2: { answer: false, justification: 'Organisation classique.' },
    ii: { answer: true, justification: 'Pas de modèle économique de marché.' },
  },
  financingPlan: {
    costOption: 'INDIRECT_15_STAFF',
    flatRateBp: null,
    stateAid: false,
    lines: [
      { category: 'STAFF', label: 'Animatrice', amountCents: 8_000_000 },
      { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
    ],
    resources: [
      { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
      { type: 'SELF', funderName: null, amountCents: 560_000 },
    ],
  },
  documentTypes: ['STATUTS', 'RIB'],
});

const codes = (content: ApplicationContent, rules = call(), now = NOW) => checkSubmission(content, rules, now).errors.map((e) => `${e.path}:${e.code}`);

describe('checkSubmission', () => {
  it('accepts a complete dossier and returns its plan', () => {
    const result = checkSubmission(complete(), call(), NOW);
    expect(result.errors).toEqual([]);
    expect(result.plan).toMatchObject({ totalEligibleCostsCents: 11_200_000, maxEsfPlusCents: 10_640_000, requestedEsfPlusCents: 10_640_000, balanced: true });
  });

  it('lists every missing item of an empty dossier at once', () => {
    const empty: ApplicationContent = {
      project: EMPTY_PROJECT,
      article15: { i1: null, i2: null, ii: null },
      financingPlan: { costOption: null, flatRateBp: null, stateAid: false, lines: [], resources: [] },
      documentTypes: [],
    };
    expect(codes(empty)).toEqual([
      'project.title:REQUIRED',
      'project.summary:REQUIRED',
      'project.socialNeed:REQUIRED',
      'project.targetPublics:REQUIRED',
      'project.place:REQUIRED',
      'project.departement:REQUIRED',
      'project.withParticipants:REQUIRED',
      'project.operationType:REQUIRED',
      'project.existingProject:REQUIRED',
      'project.startDate:REQUIRED',
      'project.endDate:REQUIRED',
      'article15.i1.answer:REQUIRED',
      'article15.i1.justification:REQUIRED',
      'article15.i2.answer:REQUIRED',
      'article15.i2.justification:REQUIRED',
      'article15.ii.answer:REQUIRED',
      'article15.ii.justification:REQUIRED',
      'financingPlan.costOption:REQUIRED',
      'financingPlan.lines:REQUIRED',
      'financingPlan.resources:ESF_PLUS_MISSING',
      'documents.STATUTS:DOCUMENT_MISSING',
      'documents.RIB:DOCUMENT_MISSING',
    ]);
  });

  it('refuses after closing and before opening, by the clock it is given', () => {
    expect(codes(complete(), call(), new Date('2026-03-31T10:00:00Z'))).toEqual(['call:CALL_CLOSED']);
    expect(codes(complete(), call({ status: 'ARCHIVED' }))).toEqual(['call:CALL_CLOSED']);
    expect(codes(complete(), call({ opensAt: new Date('2026-03-11T00:00:00Z') }))).toEqual(['call:CALL_NOT_OPEN']);
  });

  it('names each missing required document', () => {
    const c = complete();
    c.documentTypes = ['STATUTS', 'AUTRE'];
    const result = checkSubmission(c, call(), NOW);
    expect(result.errors).toEqual([{ path: 'documents.RIB', code: 'DOCUMENT_MISSING', message: "Pièce manquante : Relevé d'identité bancaire (RIB)." }]);
  });

  it('refuses a project already finished (CPR art. 63(6)), outside the eligibility window or with inverted dates', () => {
    const done = complete();
    done.project.startDate = '2024-01-01';
    done.project.endDate = '2026-03-09';
    expect(codes(done)).toEqual(['project.endDate:PROJECT_ALREADY_COMPLETED']);

    const late = complete();
    late.project.startDate = '2029-01-01';
    late.project.endDate = '2030-06-30';
    expect(codes(late)).toEqual(['project.endDate:OUTSIDE_ELIGIBILITY_WINDOW']);

    const inverted = complete();
    inverted.project.endDate = '2026-03-31';
    expect(codes(inverted)).toEqual(['project.endDate:DATES_INVERTED']);
  });

  it('applies the call duration bounds', () => {
    const short = complete();
    short.project.endDate = '2027-03-30'; // 11 months and 30 days
    expect(codes(short)).toEqual(['project.duration:DURATION_TOO_SHORT']);
    const long = complete();
    long.project.endDate = '2029-04-01'; // 36 months and 1 day
    expect(codes(long)).toEqual(['project.duration:DURATION_TOO_LONG']);
  });

  it('reports the co-financing violations with their stable codes, and the EU bounds of the call', () => {
    const c = complete();
    c.financingPlan.resources = [{ type: 'ESF_PLUS', funderName: null, amountCents: 10_640_001 }];
    expect(codes(c)).toEqual(['financingPlan:ESF_EXCEEDS_RATE', 'financingPlan:PLAN_UNBALANCED']);
    expect(codes(complete(), call({ maxEuCents: 10_000_000 }))).toEqual(['financingPlan:ESF_ABOVE_CALL_MAXIMUM']);
    const notAllowed = complete();
    notAllowed.financingPlan.costOption = 'INDIRECT_7_DIRECT';
    expect(codes(notAllowed)).toContain('financingPlan:OPTION_NOT_ALLOWED_BY_CALL');
  });

  it('requires participants when announced, the funder of public co-financing and targets within the call', () => {
    const c = complete();
    c.project.plannedParticipants = 0;
    c.project.targetPublics = ['JEUNES_NEET', 'SENIORS'];
    c.financingPlan.resources = [
      { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
      { type: 'PUBLIC', funderName: ' ', amountCents: 560_000 },
    ];
    expect(codes(c)).toEqual([
      'project.targetPublics:TARGET_PUBLIC_NOT_IN_CALL',
      'project.plannedParticipants:REQUIRED',
      'financingPlan.resources[1].funderName:REQUIRED',
    ]);
  });
});

describe('checkSubmission — Priority 6 facts', () => {
  it('requires an operation type of the call and the existing-project answer', () => {
    const c = complete();
    c.project.operationType = 'FORMATION';
    c.project.existingProject = null;
    expect(codes(c)).toEqual(['project.operationType:OPERATION_TYPE_NOT_IN_CALL', 'project.existingProject:REQUIRED']);
    // A call without a list of operation types accepts any declared type.
    expect(codes({ ...complete(), project: { ...complete().project, operationType: 'FORMATION' } }, call({ allowedOperationTypes: [] }))).toEqual([]);
  });

  it('an existing project answers its three grounds, with a start date in the past', () => {
    const c = complete();
    c.project.existingProject = true;
    expect(codes(c)).toEqual(['project.experimentationStartDate:REQUIRED', 'project.newTerritory:REQUIRED', 'project.substantialChange:REQUIRED']);
    Object.assign(c.project, { experimentationStartDate: '2026-03-11', newTerritory: false, substantialChange: true });
    expect(codes(c)).toEqual(['project.experimentationStartDate:DATE_IN_FUTURE']);
    c.project.experimentationStartDate = '2025-06-01';
    expect(codes(c)).toEqual([]);
  });
});

describe('computeApplicationPlan', () => {
  it('is null until a cost option is chosen', () => {
    expect(computeApplicationPlan({ costOption: null, flatRateBp: null, stateAid: false, lines: [], resources: [] }, call())).toEqual({
      plan: null,
      errors: [],
    });
  });

  it('turns malformed input into errors instead of throwing', () => {
    const r = computeApplicationPlan({ ...complete().financingPlan, flatRateBp: 2000 }, call());
    expect(r.plan).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ path: 'financingPlan.flatRateBp', code: 'TOO_LARGE' })]);
  });
});

describe('checkSubmission — State aid regime (docs/domain/state-aid.md)', () => {
  const none = { regime: 'NONE' as const, justification: 'Activité non économique.', gberArticle: null, reference: null, deMinimisReceivedCents: null };

  it('requires a declaration when the caller loads it, and says so in French in the checklist', () => {
    expect(checkSubmission(complete(), call(), NOW).errors).toEqual([]); // not loaded (a resubmission): not checked
    const missing = checkSubmission({ ...complete(), stateAid: null }, call(), NOW).errors;
    expect(missing).toEqual([{ path: 'stateAid.regime', code: 'REQUIRED', message: expect.stringContaining("Aides d'État : déclarez le régime applicable") }]);
    expect(checklist(missing).find((s) => s.key === 'stateAid')).toMatchObject({ label: "Aides d'État", complete: false, errors: missing });
    expect(codes({ ...complete(), stateAid: none })).toEqual([]);
  });

  it('re-checks the declared facts and the de minimis ceiling with the ESF+ amount of the plan at submission', () => {
    expect(codes({ ...complete(), stateAid: { ...none, justification: ' ' } })).toEqual(['stateAid.justification:REQUIRED']);
    const deMinimis = (received: number) => ({ ...none, regime: 'DE_MINIMIS' as const, justification: null, deMinimisReceivedCents: received });
    // 106 400 € requested: 193 600 € received reaches 300 000 € exactly (allowed), one cent more is over.
    expect(codes({ ...complete(), stateAid: deMinimis(19_360_000) })).toEqual([]);
    expect(codes({ ...complete(), stateAid: deMinimis(19_360_001) })).toEqual(['stateAid.deMinimisReceivedCents:DE_MINIMIS_CEILING_EXCEEDED']);
  });
});

describe('checklist', () => {
  it('groups errors by section in filling order', () => {
    const c = complete();
    c.documentTypes = [];
    const sections = checklist(checkSubmission(c, call(), NOW).errors);
    expect(sections.map((s) => [s.key, s.complete, s.errors.length])).toEqual([
      ['project', true, 0],
      ['article15', true, 0],
      ['financingPlan', true, 0],
      ['stateAid', true, 0],
      ['indicatorTargets', true, 0],
      ['documents', false, 2],
      ['call', true, 0],
    ]);
  });

  it('asks a target for EECO01 with its breakdown by sex and for every indicator of the call, when targets are checked', () => {
    const rules = { ...call(), indicatorCodes: ['EECO02', 'EECR04'] };
    expect(checkSubmission(complete(), rules, NOW).errors).toEqual([]); // targets not loaded: not checked
    const none = checkSubmission({ ...complete(), indicatorTargets: [] }, rules, NOW).errors;
    expect(none.map((e) => [e.path, e.code])).toEqual([
      ['indicatorTargets.EECO01', 'TARGET_REQUIRED'],
      ['indicatorTargets.EECO02', 'TARGET_REQUIRED'],
      ['indicatorTargets.EECR04', 'TARGET_REQUIRED'],
    ]);
    const t = (code: string, total: number, women: number | null = null, men: number | null = null, nonBinary: number | null = null) => ({
      code,
      total,
      women,
      men,
      nonBinary,
    });
    const partial = checkSubmission({ ...complete(), indicatorTargets: [t('EECO01', 10), t('EECO02', 4), t('EECR04', 2)] }, rules, NOW).errors;
    expect(partial.map((e) => [e.path, e.code])).toEqual([['indicatorTargets.EECO01.women', 'SEX_BREAKDOWN_REQUIRED']]);
    const full = checkSubmission({ ...complete(), indicatorTargets: [t('EECO01', 10, 5, 5, 0), t('EECO02', 4), t('EECR04', 2)] }, rules, NOW);
    expect(full.errors).toEqual([]);
    expect(checklist(partial).find((s) => s.key === 'indicatorTargets')).toMatchObject({ complete: false, label: 'Cibles des indicateurs' });
  });
});

describe('frenchCalendarDate', () => {
  it('writes a calendar date in French', () => {
    expect(frenchCalendarDate('2029-12-31')).toBe('31 décembre 2029');
    expect(frenchCalendarDate('2021-01-01')).toBe('1er janvier 2021');
  });
});
