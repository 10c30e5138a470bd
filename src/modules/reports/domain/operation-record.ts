import { cents, shareBp } from '../../../common/money/cents';
import type { ApplicationStatus } from '../../applications/domain/application-status';

export type DecisionOutcome = 'FAVORABLE' | 'DEFAVORABLE' | 'POSTPONED';

/**
 * One dossier as the report queries read it. Amounts come from the retained plan (highest financing_plan_version);
 * `euCents` is the FAVORABLE committee decision's amount when there is one, else the retained plan's.
 */
export interface OperationRecord {
  number: string;
  callReference: string;
  callTitle: string;
  priority: number;
  specificObjective: string;
  interventionField: string;
  fund: string;
  organisationName: string;
  siret: string;
  postalCode: string;
  /** Where the operation takes place (the dossier's département, else the beneficiary's). */
  departement: string | null;
  /** Expected and actual achievements (CPR art. 49(3)(e)): participants planned, participants entered so far. */
  plannedParticipants?: number | null;
  actualParticipants?: number | null;
  /** Paris calendar date of the last update of the operation's data (CPR art. 49(3)). */
  lastUpdate?: string | null;
  /** Category of region stored on the dossier (CPR art. 108), null for dossiers saved before it was stored. */
  regionCategory?: string | null;
  title: string | null;
  summary: string | null;
  /** Calendar dates, YYYY-MM-DD. */
  startDate: string | null;
  endDate: string | null;
  status: ApplicationStatus;
  totalEligibleCents: number;
  euCents: number;
  otherResourcesCents: number;
  decisionOutcome: DecisionOutcome | null;
  /** YYYY-MM-DD, Paris calendar date of the decision. */
  decisionDate: string | null;
  envelopeCents: number;
  /** EU amount of the call's programmed operations up to and including this row (in dossier-number order). */
  programmedToDateCents: number;
  /** Eligible expenditure declared by the beneficiary in its submitted reports (docs/domain/payments.md). */
  declaredCents: number;
  /** Eligible expenditure retained by the FINALISED management verifications (CPR art. 74(1)(a)). */
  verifiedCents: number;
  /** EU amount paid: validated payments less settled recoveries. */
  paidCents: number;
  /** Σ amounts of the irregularities recorded on the operation (CPR art. 69(2)). */
  irregularityCents: number;
}

/** Statuses that make a dossier an "operation selected" (CPR art. 2(4)), counted in every report. */
export const OPERATION_STATUSES: readonly ApplicationStatus[] = ['PROGRAMMED', 'CONVENTION_ISSUED', 'CONVENTION_SIGNED', 'IN_PROGRESS', 'CLOSED'];

/**
 * Statuses listed in the programming table: every dossier that reached the programming committee. AWARD_PROPOSED (a
 * reduced amount awaiting the beneficiary's acceptance) is listed but is not an operation selected: it is not counted
 * in the programmed amount until accepted (docs/domain/reports.md).
 */
export const PROGRAMMING_STATUSES: readonly ApplicationStatus[] = [
  'IN_COMMITTEE',
  'AWARD_PROPOSED',
  'PROGRAMMED',
  'REFUSED',
  'POSTPONED',
  'CONVENTION_ISSUED',
  'CONVENTION_SIGNED',
  'IN_PROGRESS',
  'CLOSED',
];

/** EU share of the total eligible cost, floored to the basis point so it never overstates the co-financing. */
export function euRateBp(euCents: number, totalEligibleCents: number): number {
  return Math.min(10_000, shareBp(cents(euCents), cents(totalEligibleCents)));
}
