import type { CallRules } from '../../applications/domain/application-content';
import {
  type AdmissibilityFacts,
  datesInEligibilityWindow,
  durationWithinBounds,
  euAmountWithinBounds,
  financingPlanValid,
  organisationLegalPerson,
  projectNotCompleted,
  requiredDocumentsPresent,
  runAdmissibilityChecks,
  submittedBeforeClosing,
} from './admissibility-checks';

const CALL: CallRules = {
  status: 'PUBLISHED',
  opensAt: new Date('2026-01-01T00:00:00Z'),
  closesAt: new Date('2026-03-31T10:00:00Z'),
  maxRateBp: 9500,
  minEuCents: 5_000_000,
  maxEuCents: 40_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 36,
  eligibilityStart: '2026-01-01',
  eligibilityEnd: '2028-12-31',
  costOptions: [
    { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
    { option: 'REAL_COSTS', rateBp: 0 },
  ],
  requiredDocumentTypes: ['STATUTS', 'RIB'],
  targetPublics: [],
  participantsExpected: true,
};

/** docs/domain/cofinancing.md worked example; a Luhn-valid SIRET (Danone's head office, published by INSEE). */
const FACTS: AdmissibilityFacts = {
  firstSubmittedAt: new Date('2026-03-15T09:00:00Z'),
  latestSubmittedAt: new Date('2026-03-15T09:00:00Z'),
  call: CALL,
  project: { startDate: '2026-06-01', endDate: '2027-11-30' },
  financingPlan: {
    costOption: 'INDIRECT_15_STAFF',
    flatRateBp: 1500,
    stateAid: false,
    lines: [
      { category: 'STAFF', label: 'Personnel', amountCents: 8_000_000 },
      { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
    ],
    resources: [
      { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
      { type: 'SELF', funderName: null, amountCents: 560_000 },
    ],
  },
  documentTypes: ['STATUTS', 'RIB', 'AUTRE'],
  organisation: { siret: '55203253400646', legalForm: 'ASSOCIATION_1901' },
};

describe('admissibility checks (docs/domain/admissibility.md)', () => {
  it('passes every check on a complete dossier, each with a reason, in a fixed order', () => {
    const checks = runAdmissibilityChecks(FACTS);
    expect(checks.map((c) => c.checkId)).toEqual([
      'SUBMITTED_BEFORE_CLOSING',
      'REQUIRED_DOCUMENTS_PRESENT',
      'EU_AMOUNT_WITHIN_CALL_BOUNDS',
      'DURATION_WITHIN_CALL_BOUNDS',
      'DATES_IN_ELIGIBILITY_WINDOW',
      'PROJECT_NOT_COMPLETED',
      'FINANCING_PLAN_VALID',
      'ORGANISATION_LEGAL_PERSON',
    ]);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(checks.every((c) => c.reason.length > 10)).toBe(true);
    expect(checks[6]?.reason).toBe(
      'Plan de financement équilibré : coût total éligible 112\u202f000,00\u202f€, FSE+ 106\u202f400,00\u202f€ (plafond 106\u202f400,00\u202f€).',
    );
  });

  it('judges the deadline on the first submission, by the instant', () => {
    expect(submittedBeforeClosing({ ...FACTS, firstSubmittedAt: new Date('2026-03-31T09:59:59Z') }).passed).toBe(true);
    const late = submittedBeforeClosing({ ...FACTS, firstSubmittedAt: new Date('2026-03-31T10:00:00Z') });
    expect(late).toEqual({ checkId: 'SUBMITTED_BEFORE_CLOSING', passed: false, reason: expect.stringContaining('après la clôture') });
  });

  it('names every missing required document', () => {
    const r = requiredDocumentsPresent({ call: CALL, documentTypes: ['AUTRE'] });
    expect(r).toEqual({
      checkId: 'REQUIRED_DOCUMENTS_PRESENT',
      passed: false,
      reason: "Pièce(s) manquante(s) : Statuts de la structure, Relevé d'identité bancaire (RIB).",
    });
  });

  it('keeps the ESF+ amount within the call bounds, both included', () => {
    const withEu = (eu: number) => ({ ...FACTS.financingPlan, resources: [{ type: 'ESF_PLUS' as const, funderName: null, amountCents: eu }] });
    expect(euAmountWithinBounds({ call: CALL, financingPlan: withEu(5_000_000) }).passed).toBe(true);
    expect(euAmountWithinBounds({ call: CALL, financingPlan: withEu(40_000_000) }).passed).toBe(true);
    expect(euAmountWithinBounds({ call: CALL, financingPlan: withEu(4_999_999) }).reason).toBe(
      "Montant FSE+ demandé de 49\u202f999,99\u202f€, inférieur au minimum de l'appel (50\u202f000,00\u202f€).",
    );
    expect(euAmountWithinBounds({ call: CALL, financingPlan: withEu(40_000_001) }).passed).toBe(false);
    expect(euAmountWithinBounds({ call: { ...CALL, maxEuCents: null }, financingPlan: withEu(90_000_000) }).passed).toBe(true);
  });

  it('keeps the duration within the call bounds', () => {
    expect(durationWithinBounds({ call: CALL, project: { startDate: '2026-01-01', endDate: '2026-12-31' } }).passed).toBe(true);
    expect(durationWithinBounds({ call: CALL, project: { startDate: '2026-01-01', endDate: '2026-12-30' } }).reason).toBe(
      "Durée de 11 mois et 30 jour(s), inférieure au minimum de l'appel (12 mois).",
    );
    expect(durationWithinBounds({ call: CALL, project: { startDate: '2026-01-01', endDate: '2029-01-01' } }).passed).toBe(false);
    expect(durationWithinBounds({ call: CALL, project: { startDate: null, endDate: '2027-01-01' } }).passed).toBe(false);
  });

  it('keeps the dates inside the eligibility window', () => {
    expect(datesInEligibilityWindow({ call: CALL, project: { startDate: '2026-01-01', endDate: '2028-12-31' } }).passed).toBe(true);
    expect(datesInEligibilityWindow({ call: CALL, project: { startDate: '2025-12-31', endDate: '2027-01-01' } }).passed).toBe(false);
    expect(datesInEligibilityWindow({ call: CALL, project: { startDate: '2027-01-01', endDate: '2029-01-01' } }).reason).toContain(
      "hors de la période d'éligibilité",
    );
  });

  it('refuses a project finished before the latest submission (CPR art. 63(6)), judged on the Paris date', () => {
    const at = new Date('2026-03-14T23:30:00Z'); // already 15 March in Paris
    expect(projectNotCompleted({ latestSubmittedAt: at, project: { startDate: '2025-01-01', endDate: '2026-03-15' } }).passed).toBe(true);
    const done = projectNotCompleted({ latestSubmittedAt: at, project: { startDate: '2025-01-01', endDate: '2026-03-14' } });
    expect(done).toEqual({ checkId: 'PROJECT_NOT_COMPLETED', passed: false, reason: expect.stringContaining('article 63(6)') });
  });

  it('validates the financing plan with the co-financing code and lists its violations', () => {
    const unbalanced = { ...FACTS.financingPlan, resources: [{ type: 'ESF_PLUS' as const, funderName: null, amountCents: 10_640_000 }] };
    const r = financingPlanValid({ call: CALL, financingPlan: unbalanced });
    expect(r.passed).toBe(false);
    expect(r.reason).toMatch(/^Plan de financement non conforme : /);
    expect(financingPlanValid({ call: CALL, financingPlan: { ...FACTS.financingPlan, costOption: null } }).passed).toBe(false);
    const smallRealCosts = { ...FACTS.financingPlan, costOption: 'REAL_COSTS' as const, flatRateBp: 0 };
    expect(financingPlanValid({ call: CALL, financingPlan: smallRealCosts }).passed).toBe(false);
  });

  it('requires a legal person with a valid SIRET (Luhn, La Poste rule)', () => {
    expect(organisationLegalPerson({ organisation: { siret: '55203253400646', legalForm: 'SCIC' } }).reason).toBe(
      "Personne morale (Société coopérative d'intérêt collectif (SCIC)), SIRET 55203253400646 valide.",
    );
    expect(organisationLegalPerson({ organisation: { siret: '35600000000097', legalForm: 'ETABLISSEMENT_PUBLIC' } }).passed).toBe(true);
    const badKey = organisationLegalPerson({ organisation: { siret: '55203253400647', legalForm: 'ASSOCIATION_1901' } });
    expect(badKey).toEqual({ checkId: 'ORGANISATION_LEGAL_PERSON', passed: false, reason: expect.stringContaining('clé de contrôle') });
    expect(organisationLegalPerson({ organisation: { siret: '55203253400646', legalForm: 'ENTREPRISE_INDIVIDUELLE' } }).passed).toBe(false);
    expect(organisationLegalPerson({ organisation: { siret: '55203253400646', legalForm: null } }).passed).toBe(false);
  });
});
