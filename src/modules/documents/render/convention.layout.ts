import { type Cents, formatEuros, formatRate } from '../../../common/money/cents';
import { durationBetween } from '../../applications/domain/duration';
import type { IssuingBody } from '../../../config/issuing-body';
import { advanceCents, executionReportSchedule, interimCapCents, paymentDeadline, publicitySupport, rateBp, retentionEnd } from '../domain/convention-terms';
import { calendarDate, fill } from './fill';
import { issuerHeader } from './issuer-header';
import type { LayoutBlock, LayoutModel } from './layout-model';
import { frenchDate } from '../../../common/fr';
import { last } from '../../../common/collections';

export interface ConventionData {
  issuer: IssuingBody;
  version: number;
  number: string;
  call: { reference: string; title: string; cci: string; priority: number; specificObjective: string; interventionField: string; interimCapBp: number };
  organisation: { legalName: string; siret: string; address: string; advanceCategory: string };
  project: { title: string; startDate: string; endDate: string; physicalInvestment: boolean };
  plan: {
    versionNo: number;
    costOption: string;
    flatRateBp: number | null;
    lines: { category: string; label: string; amountCents: Cents }[];
    resources: { type: string; funderName?: string | null; amountCents: Cents }[];
    totalDirectCents: Cents;
    totalFlatRateCents: Cents;
    totalEligibleCents: Cents;
    euCents: Cents;
  };
  /** The FAVORABLE committee decision, when there is one: its amount prevails over the plan's. */
  decision: { euCents: Cents; conditions: string | null; decidedAt: Date } | null;
  /** The last accepted amendment: this version is « Avenant n° N » and the plan in force is its plan. */
  amendment?: { number: number; reason: string; decidedAt: Date } | null;
  /**
   * State aid: whether the applicant declared the support to be State aid, and the instructor's assessment of the
   * regime (the instruction report's « Aides d'État » section), quoted in the convention.
   */
  /** `clause`: the regime the applicant declared, in words (DocumentDataRepository.conventionStateAid, docs/domain/state-aid.md). */
  stateAid?: { declared: boolean; assessment: string | null; clause?: string | null };
  /** Indicator targets in force (ESF+ Annex I), printed when the dossier declared some. */
  targets?: { code: string; total: number; women: number | null; men: number | null; nonBinary: number | null }[];
}

export interface ConventionTexts {
  title: string;
  subtitle: string;
  intro: string;
  headings: Record<
    | 'visas'
    | 'parties'
    | 'object'
    | 'period'
    | 'amounts'
    | 'advance'
    | 'payments'
    | 'reports'
    | 'accounting'
    | 'publicity'
    | 'compliance'
    | 'horizontal'
    | 'retention'
    | 'audits'
    | 'dataProtection'
    | 'amendments'
    | 'termination'
    | 'conditions'
    | 'court'
    | 'signatures'
    | 'annex',
    string
  >;
  labels: Record<
    | 'operator'
    | 'beneficiary'
    | 'siret'
    | 'address'
    | 'number'
    | 'projectTitle'
    | 'call'
    | 'programme'
    | 'period'
    | 'duration'
    | 'totalEligible'
    | 'euAmount'
    | 'rate'
    | 'otherResources'
    | 'costOption'
    | 'advance'
    | 'report'
    | 'reportPeriod'
    | 'reportDue'
    | 'intermediate'
    | 'final'
    | 'atPeriodEnd'
    | 'category'
    | 'lineLabel'
    | 'amount'
    | 'resource'
    | 'funder'
    | 'total'
    | 'representative'
    | 'beneficiaryRepresentative'
    | 'eligibility'
    | 'interimCap',
    string
  >;
  visas: string[];
  [text: string]: string | string[] | Record<string, string>;
}

/** The EU amount of the convention: the committee's (possibly reduced) amount, else the retained plan's. */
export function conventionEuCents(d: Pick<ConventionData, 'plan' | 'decision' | 'amendment'>): Cents {
  if (d.amendment) return d.plan.euCents; // an amendment's plan version never exceeds the programmed amount
  return d.decision?.euCents ?? d.plan.euCents;
}

/**
 * Convention attributive (CPR art. 73(3), docs/domain/documents.md): parties, object, dates, amounts and rate, advance, report
 * schedule, publicity (art. 50), retention (art. 82), audits, conditions, signatures and the retained plan as annex.
 */
export function conventionLayout(d: ConventionData, t: ConventionTexts): LayoutModel {
  const l = t.labels;
  const h = t.headings;
  const s = (key: string): string => t[key] as string;
  const map = (key: string): Record<string, string> => t[key] as Record<string, string>;
  const eu = conventionEuCents(d);
  const rate = rateBp(eu, d.plan.totalEligibleCents);
  const advance = advanceCents(eu, d.organisation.advanceCategory);
  const reports = executionReportSchedule(d.project.startDate, d.project.endDate);
  const final = last(reports, 'final execution report');
  const { months } = durationBetween(d.project.startDate, d.project.endDate);
  const lastPaymentYear = final.dueDate.slice(0, 4);
  const optionText = fill(map('costOptions')[d.plan.costOption] ?? d.plan.costOption, { rate: formatRate(d.plan.flatRateBp ?? 0) });
  let intermediate = 0;

  const issuer = d.issuer;
  const start = calendarDate(d.project.startDate);
  const end = calendarDate(d.project.endDate);
  const p = (key: string, values: Record<string, string | number> = {}): LayoutBlock => ({ kind: 'paragraph', text: fill(s(key), values) });
  const section = (heading: string, ...content: LayoutBlock[]): LayoutBlock[] => [{ kind: 'heading', text: heading }, ...content];
  const visaValues = { cci: d.call.cci, globalGrant: issuer.globalGrant, operator: issuer.name, number: d.number, callTitle: d.call.title };

  const blocks: LayoutBlock[] = [
    ...(d.amendment
      ? ([
          { kind: 'heading', text: `Avenant n° ${d.amendment.number}` },
          {
            kind: 'paragraph',
            text: `Le présent avenant n° ${d.amendment.number}, accepté le ${frenchDate(new Date(d.amendment.decidedAt))}, modifie la convention attributive : ${d.amendment.reason}. Les stipulations ci-dessous remplacent celles de la version précédente.`,
          },
        ] satisfies LayoutBlock[])
      : []),
    { kind: 'paragraph', text: t.intro },
    ...section(
      h.visas,
      ...t.visas.map((v): LayoutBlock => ({ kind: 'paragraph', text: fill(v, visaValues) })),
      ...(d.decision ? [p('visaCommittee', { decidedAt: frenchDate(d.decision.decidedAt) })] : []),
      p('agreed'),
    ),
    ...section(
      h.parties,
      p('partyOperator', {
        operator: issuer.name,
        address: issuer.address,
        siret: issuer.siret,
        representative: issuer.representative.name,
        representativeTitle: issuer.representative.title,
      }),
      p('partyBeneficiary', { beneficiary: d.organisation.legalName, address: d.organisation.address, siret: d.organisation.siret }),
    ),
    ...section(
      h.object,
      p('object', {
        projectTitle: d.project.title,
        callTitle: d.call.title,
        cci: d.call.cci,
        priority: d.call.priority,
        objective: d.call.specificObjective,
        field: d.call.interventionField,
      }),
      {
        kind: 'keyValues',
        rows: [
          [l.number, d.number],
          [l.projectTitle, d.project.title],
          [l.call, `${d.call.reference} — ${d.call.title}`],
        ],
      },
    ),
    ...section(
      h.period,
      p('entryIntoForce', { start, end, months }),
      p('eligibilityPeriod', { start, end, paidBy: calendarDate(paymentDeadline(final.dueDate)) }),
      p('end'),
    ),
    ...section(
      h.amounts,
      {
        kind: 'keyValues',
        rows: [
          [l.totalEligible, formatEuros(d.plan.totalEligibleCents)],
          [l.euAmount, formatEuros(eu)],
          [l.rate, formatRate(rate)],
          [l.otherResources, formatEuros(d.plan.totalEligibleCents - eu)],
          [l.costOption, optionText],
        ],
      },
      d.decision ? p('amounts', { decidedAt: frenchDate(d.decision.decidedAt) }) : p('amountsFromPlan'),
    ),
    ...section(
      h.advance,
      advance > 0
        ? p('advance', { amount: formatEuros(advance) })
        : p('advanceExempt', { category: map('advanceCategories')[d.organisation.advanceCategory] ?? d.organisation.advanceCategory }),
      { kind: 'keyValues', rows: [[l.advance, formatEuros(advance)]] },
    ),
    ...section(
      h.payments,
      p('payments', { cap: formatRate(d.call.interimCapBp), capAmount: formatEuros(interimCapCents(eu, d.call.interimCapBp)) }),
      p('paymentDelay'),
    ),
    ...section(
      h.reports,
      p('reports'),
      {
        kind: 'table',
        columns: [
          { label: l.report, align: 'left', width: 3 },
          { label: l.reportPeriod, align: 'left', width: 4 },
          { label: l.reportDue, align: 'left', width: 3 },
        ],
        rows: reports.map((r) => [
          r.kind === 'FINAL' ? l.final : fill(l.intermediate, { n: ++intermediate }),
          fill(s('period'), { start: calendarDate(r.periodStart), end: calendarDate(r.periodEnd) }),
          calendarDate(r.dueDate),
        ]),
      },
      p('reportContent'),
    ),
    ...(d.targets?.length
      ? ([
          { kind: 'heading', text: 'Indicateurs : cibles (annexe I du règlement (UE) 2021/1057)' },
          {
            kind: 'table',
            columns: [
              { label: 'Indicateur', align: 'left', width: 3 },
              { label: 'Cible', align: 'right', width: 2 },
              { label: 'Femmes / hommes / non binaires', align: 'right', width: 5 },
            ],
            rows: d.targets.map((x) => [x.code, String(x.total), x.women === null ? '—' : `${x.women} / ${x.men ?? 0} / ${x.nonBinary ?? 0}`]),
          },
        ] satisfies LayoutBlock[])
      : []),
    ...section(h.accounting, p('accounting')),
    ...section(
      h.publicity,
      p('publicityCommon'),
      publicitySupport(d.plan.totalEligibleCents, d.project.physicalInvestment) === 'PLAQUE' ? p('publicityPlaque') : p('publicityPoster'),
      p('publicityReduction'),
    ),
    ...section(
      h.compliance,
      p('doubleFunding'),
      p('procurement'),
      p('stateAid'),
      ...(d.stateAid?.clause ? [p('stateAidRegime', { clause: d.stateAid.clause })] : []),
      ...(d.stateAid?.assessment
        ? [p('stateAidAssessment', { assessment: d.stateAid.assessment })]
        : d.stateAid?.declared && !d.stateAid.clause
          ? [p('stateAidDeclared')]
          : []),
    ),
    ...section(h.horizontal, p('horizontal')),
    ...section(h.retention, p('retention', { year: lastPaymentYear, until: calendarDate(retentionEnd(final.dueDate)) })),
    ...section(h.audits, p('audits')),
    ...section(h.dataProtection, p('dataProtection')),
    ...section(h.amendments, p('amendmentsText')),
    ...section(h.termination, p('termination')),
    ...section(h.conditions, { kind: 'paragraph', text: d.decision?.conditions?.trim() || s('noConditions') }),
    ...section(h.court, p('court', { court: issuer.court.name, courtAddress: issuer.court.address })),
    ...section(h.signatures, {
      kind: 'paragraph',
      keepTogether: true,
      text: [
        fill(s('signatureOperator'), { signatory: issuer.signatory.name, signatoryTitle: issuer.signatory.title }),
        `${s('signatureLine')}\n\n\n`,
        fill(s('signatureBeneficiary'), { beneficiary: d.organisation.legalName }),
        `${s('signatureLine')}\n\n\n`,
      ].join('\n'),
    }),
    { kind: 'heading', text: fill(h.annex, { planVersion: d.plan.versionNo }) },
    {
      kind: 'table',
      columns: [
        { label: l.category, align: 'left', width: 4 },
        { label: l.lineLabel, align: 'left', width: 6 },
        { label: l.amount, align: 'right', width: 3 },
      ],
      rows: [
        ...d.plan.lines.map((x) => [map('categories')[x.category] ?? x.category, x.label, formatEuros(x.amountCents)]),
        ...(d.plan.totalFlatRateCents > 0
          ? [[fill(s('flatRateLine'), { option: formatRate(d.plan.flatRateBp ?? 0) }), optionText, formatEuros(d.plan.totalFlatRateCents)]]
          : []),
      ],
      footer: [l.total, l.totalEligible, formatEuros(d.plan.totalEligibleCents)],
    },
    {
      kind: 'table',
      columns: [
        { label: l.resource, align: 'left', width: 4 },
        { label: l.funder, align: 'left', width: 6 },
        { label: l.amount, align: 'right', width: 3 },
      ],
      rows: d.plan.resources.map((r) => [map('resources')[r.type] ?? r.type, r.funderName ?? '', formatEuros(r.amountCents)]),
      footer: [l.total, '', formatEuros(d.plan.resources.reduce((a, r) => a + r.amountCents, 0))],
    },
  ];
  const values = { number: d.number, version: d.version };
  const subtitle = d.amendment ? `Avenant n° ${d.amendment.number} — ${fill(t.subtitle, values)}` : fill(t.subtitle, values);
  return {
    title: t.title,
    subtitle,
    issuer: issuerHeader(d.issuer),
    reference: `${d.call.reference} — ${d.number}`,
    footer: fill(s('footer'), values),
    blocks,
  };
}
