/** One report still to be paid, as the payment forecast reads it (docs/domain/payments.md). */
export interface ForecastReport {
  applicationId: string;
  kind: 'INTERMEDIATE' | 'FINAL';
  /** The report's due date (postponement included), YYYY-MM-DD. */
  dueDate: string;
}

export interface ForecastOperation {
  applicationId: string;
  euCeilingCents: number;
  interimCapBp: number;
  /** Validated payments less settled recoveries. */
  paidCents: number;
  /** Reports not yet paid, in due-date order. */
  pending: readonly ForecastReport[];
}

export interface QuarterForecast {
  /** « 2027-T2 » */
  quarter: string;
  operations: number;
  amountCents: number;
}

const DAY = 86_400_000;
const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const quarterOf = (date: string): string => `${date.slice(0, 4)}-T${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The payment forecast by quarter, from the report schedules: each pending report is expected to be paid at the end of
 * the 80-day deadline after its due date (CPR art. 74(1)(b)). What remains of the interim cap is spread evenly over the
 * pending intermediate reports (the last one takes the remainder of the division); the final report carries what the
 * ceiling leaves above the larger of the cap and what was paid. An assumption (everything claimed, everything retained):
 * the forecast is an upper bound, never an amount due.
 */
export function forecastByQuarter(operations: readonly ForecastOperation[]): QuarterForecast[] {
  const byQuarter = new Map<string, { ops: Set<string>; amount: number }>();
  const add = (date: string, applicationId: string, amount: number): void => {
    if (amount <= 0) return;
    const q = quarterOf(plusDays(date, 80));
    const e = byQuarter.get(q) ?? { ops: new Set<string>(), amount: 0 };
    e.ops.add(applicationId);
    e.amount += amount;
    byQuarter.set(q, e);
  };
  for (const op of operations) {
    const cap = Math.floor((op.euCeilingCents * op.interimCapBp) / 10_000);
    const interim = op.pending.filter((r) => r.kind === 'INTERMEDIATE');
    const remainingInterim = Math.max(0, cap - op.paidCents);
    const share = interim.length ? Math.floor(remainingInterim / interim.length) : 0;
    interim.forEach((r, i) => add(r.dueDate, op.applicationId, i === interim.length - 1 ? remainingInterim - share * (interim.length - 1) : share));
    const final = op.pending.find((r) => r.kind === 'FINAL');
    if (final) add(final.dueDate, op.applicationId, op.euCeilingCents - Math.max(op.paidCents, interim.length ? cap : op.paidCents));
  }
  return [...byQuarter.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([quarter, e]) => ({ quarter, operations: e.ops.size, amountCents: e.amount }));
}
