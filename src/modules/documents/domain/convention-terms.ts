import { applyRateFloor, bp, cents, shareBp, type Cents } from '../../../common/money/cents';
import { durationBetween } from '../../applications/domain/duration';

export interface ExecutionReport {
  kind: 'INTERMEDIATE' | 'FINAL';
  /** Calendar dates (YYYY-MM-DD) of the period the report covers. */
  periodStart: string;
  periodEnd: string;
  /** The final report: 6 months after the end of the operation; an intermediate one: 2 months after its period. */
  dueDate: string;
}

/** How long after its period an intermediate report is due (our reading, docs/domain/execution.md). */
export const INTERMEDIATE_REPORT_DUE_MONTHS = 2;

/**
 * The execution reports of an operation (docs/domain/documents.md): one intermediate report at each 12-month anniversary that
 * falls strictly before the end, due 2 months after its period, then the final report, due 6 months after the end. This gives 0 intermediate up to
 * 12 months, 1 up to 24 (rule: at most 1), 2 up to 36 (rule: at least 1) and 3 up to 48 (rule: at least 2).
 */
export function executionReportSchedule(startDate: string, endDate: string): ExecutionReport[] {
  const { months, extraDays } = durationBetween(startDate, endDate);
  const reports: ExecutionReport[] = [];
  let periodStart = startDate;
  for (let k = 1; 12 * k < months || (12 * k === months && extraDays > 0); k++) {
    const next = addMonths(startDate, 12 * k);
    reports.push({ kind: 'INTERMEDIATE', periodStart, periodEnd: addDays(next, -1), dueDate: addMonths(addDays(next, -1), INTERMEDIATE_REPORT_DUE_MONTHS) });
    periodStart = next;
  }
  reports.push({ kind: 'FINAL', periodStart: startDate, periodEnd: endDate, dueDate: addMonths(endDate, 6) });
  return reports;
}

/** Advance categories that receive no advance: collectivités, OPCO and State operators (docs/domain/documents.md). */
export const ADVANCE_EXEMPT_CATEGORIES: readonly string[] = ['COLLECTIVITE', 'OPCO', 'STATE_OPERATOR'];
export const ADVANCE_RATE_BP = bp(3000);

/** The advance: 30 % of the EU amount, floored to the cent so it never exceeds 30 %; none for exempt categories. */
export function advanceCents(euCents: Cents, advanceCategory: string): Cents {
  return ADVANCE_EXEMPT_CATEGORIES.includes(advanceCategory) ? cents(0) : applyRateFloor(euCents, ADVANCE_RATE_BP);
}

/** Advance and interim payments together stop at the call's cap of the EU amount (docs/domain/payments.md), floored to the cent. */
export function interimCapCents(euCents: Cents, capBp: number): Cents {
  return applyRateFloor(euCents, bp(capBp));
}

/** CPR art. 63(2): expenditure of the 2021-2027 programmes must be paid by 31 December 2029. */
export const PROGRAMME_ELIGIBILITY_END = '2029-12-31';

/** The last day expenditure may be paid: the final report's due date, never after the programme's end. */
export function paymentDeadline(finalDueDate: string): string {
  return finalDueDate < PROGRAMME_ELIGIBILITY_END ? finalDueDate : PROGRAMME_ELIGIBILITY_END;
}

/** CPR art. 50(1)(b)-(c): a durable plaque above 100 000 € of total cost with physical investment or equipment. */
export const PLAQUE_THRESHOLD_CENTS: Cents = cents(10_000_000);

export function publicitySupport(totalCostCents: Cents, physicalInvestment: boolean): 'PLAQUE' | 'POSTER' {
  return physicalInvestment && totalCostCents > PLAQUE_THRESHOLD_CENTS ? 'PLAQUE' : 'POSTER';
}

/** CPR art. 82: documents are kept 5 years from 31 December of the year of the last payment. */
export function retentionEnd(lastPaymentDate: string): string {
  return `${Number(lastPaymentDate.slice(0, 4)) + 5}-12-31`;
}

/** EU amount ÷ total, floored to the basis point so that the printed rate never overstates the EU share. */
export function rateBp(euCents: Cents, totalCents: Cents): number {
  return Math.min(10_000, shareBp(euCents, totalCents));
}

/** `YYYY-MM-DD` + n months, clamped to the end of the target month (31 August + 6 months = 28 February). */
export function addMonths(date: string, n: number): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
