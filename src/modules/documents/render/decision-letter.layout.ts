import { type Cents, formatEuros, formatRate } from '../../../common/money/cents';
import type { IssuingBody } from '../../../config/issuing-body';
import { rateBp } from '../domain/convention-terms';
import { calendarDate, fill } from './fill';
import { issuerHeader } from './issuer-header';
import type { LayoutBlock, LayoutModel } from './layout-model';
import { frenchDate } from '../../../common/fr';

export const LETTER_OUTCOMES = ['INADMISSIBLE', 'INELIGIBLE', 'DEFAVORABLE', 'POSTPONED', 'FAVORABLE', 'AWARD_PROPOSED'] as const;
export type LetterOutcome = (typeof LETTER_OUTCOMES)[number];

export interface DecisionLetterData {
  issuer: IssuingBody;
  version: number;
  number: string;
  outcome: LetterOutcome;
  decidedAt: Date;
  organisation: { legalName: string; address: string };
  /** startDate: the first day expenditure may be eligible (YYYY-MM-DD). */
  project: { title: string; startDate: string | null };
  call: { reference: string; title: string };
  /** Why: admissibility reasons, the failed eligibility rules one by one, the committee's reason, or the postponement requests. */
  reasons: string[];
  reasonCode?: string | null;
  committee?: { title: string; date: Date } | null;
  favorable?: { euCents: Cents; totalEligibleCents: Cents; conditions: string | null; signatureDeadlineDays: number } | null;
  /**
   * A reduced award (docs/domain/committee.md): the amount retained at instruction, the amount the committee proposes
   * and the day the beneficiary's acceptance is due (`YYYY-MM-DD`); refusal or silence is a renunciation.
   */
  proposal?: { retainedEuCents: Cents; proposedEuCents: Cents; answerDueDate: string } | null;
}

export interface DecisionLetterTexts {
  title: string;
  subtitle: string;
  labels: Record<
    | 'recipient'
    | 'address'
    | 'number'
    | 'projectTitle'
    | 'call'
    | 'decidedAt'
    | 'committee'
    | 'decision'
    | 'euAmount'
    | 'totalEligible'
    | 'rate'
    | 'retainedEu'
    | 'proposedEu'
    | 'answerDueDate',
    string
  >;
  greeting: string;
  outcomes: Record<LetterOutcome, { decision: string; body: string; reasonsHeading: string }>;
  reasonCodes: Record<string, string>;
  noConditions: string;
  favorableTerms: string[];
  proposalTerms: string[];
  redressHeading: string;
  redress: string;
  closing: string;
  signature: string;
  footer: string;
}

/** A decision letter (docs/domain/documents.md) for each outcome, with its reasons and the means of redress. */
export function decisionLetterLayout(d: DecisionLetterData, t: DecisionLetterTexts): LayoutModel {
  const l = t.labels;
  const o = t.outcomes[d.outcome];
  const values = {
    number: d.number,
    version: d.version,
    projectTitle: d.project.title,
    callTitle: d.call.title,
    committeeDate: d.committee ? frenchDate(d.committee.date) : frenchDate(d.decidedAt),
    operator: d.issuer.name,
    court: d.issuer.court.name,
    courtAddress: d.issuer.court.address,
    signatory: d.issuer.signatory.name,
    signatoryTitle: d.issuer.signatory.title,
    startDate: d.project.startDate ? calendarDate(d.project.startDate) : '',
    signatureDays: d.favorable?.signatureDeadlineDays ?? '',
    retainedEu: d.proposal ? formatEuros(d.proposal.retainedEuCents) : '',
    proposedEu: d.proposal ? formatEuros(d.proposal.proposedEuCents) : '',
    answerDate: d.proposal ? calendarDate(d.proposal.answerDueDate) : '',
  };
  const reasons = [...(d.reasonCode && t.reasonCodes[d.reasonCode] ? [t.reasonCodes[d.reasonCode]] : []), ...d.reasons.filter((r) => r.trim())];
  const facts: [string, string][] = [
    [l.recipient, d.organisation.legalName],
    [l.address, d.organisation.address],
    [l.number, d.number],
    [l.projectTitle, d.project.title],
    [l.call, `${d.call.reference} — ${d.call.title}`],
    [l.decidedAt, frenchDate(d.decidedAt)],
    ...(d.committee ? [[l.committee, d.committee.title] as [string, string]] : []),
    [l.decision, o.decision],
  ];
  const blocks: LayoutBlock[] = [
    { kind: 'keyValues', rows: facts },
    { kind: 'paragraph', text: t.greeting },
    { kind: 'paragraph', text: fill(o.body, values) },
  ];
  if (d.outcome === 'FAVORABLE' && d.favorable) {
    blocks.push({
      kind: 'keyValues',
      rows: [
        [l.totalEligible, formatEuros(d.favorable.totalEligibleCents)],
        [l.euAmount, formatEuros(d.favorable.euCents)],
        [l.rate, formatRate(rateBp(d.favorable.euCents, d.favorable.totalEligibleCents))],
      ],
    });
    blocks.push(...t.favorableTerms.map((x): LayoutBlock => ({ kind: 'paragraph', text: fill(x, values) })));
    blocks.push({ kind: 'heading', text: o.reasonsHeading }, { kind: 'paragraph', text: d.favorable.conditions?.trim() || t.noConditions });
  } else if (d.outcome === 'AWARD_PROPOSED' && d.proposal) {
    // A proposal, not a grant: the amounts, the answer date, and what acceptance, refusal and silence mean.
    blocks.push({
      kind: 'keyValues',
      rows: [
        ...(d.favorable ? [[l.totalEligible, formatEuros(d.favorable.totalEligibleCents)] as [string, string]] : []),
        [l.retainedEu, formatEuros(d.proposal.retainedEuCents)],
        [l.proposedEu, formatEuros(d.proposal.proposedEuCents)],
        [l.answerDueDate, calendarDate(d.proposal.answerDueDate)],
      ],
    });
    blocks.push(...t.proposalTerms.map((x): LayoutBlock => ({ kind: 'paragraph', text: fill(x, values) })));
    blocks.push({ kind: 'heading', text: o.reasonsHeading }, { kind: 'paragraph', text: d.favorable?.conditions?.trim() || t.noConditions });
  } else {
    blocks.push({ kind: 'heading', text: o.reasonsHeading }, ...reasons.map((r, i): LayoutBlock => ({ kind: 'paragraph', text: `${i + 1}. ${r}` })));
  }
  blocks.push(
    { kind: 'heading', text: t.redressHeading },
    { kind: 'paragraph', text: fill(t.redress, values) },
    { kind: 'paragraph', keepTogether: true, text: `${t.closing}\n\n${fill(t.signature, values)}` },
  );
  return {
    title: t.title,
    subtitle: fill(t.subtitle, values),
    issuer: issuerHeader(d.issuer),
    reference: `${d.call.reference} — ${d.number}`,
    footer: fill(t.footer, values),
    blocks,
  };
}
