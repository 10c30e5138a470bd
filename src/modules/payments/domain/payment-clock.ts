/** The payment deadline of CPR art. 74(1)(b): 80 days from the submission of the payment claim. */
export const PAYMENT_DEADLINE_DAYS = 80;
/** Listed as soon-late when this many days or fewer remain. */
export const SOON_LATE_DAYS = 15;

export interface ClockPause {
  /** ISO date the clock stopped (corrections sent to the beneficiary). */
  readonly from: string;
  /** ISO date it started again (the beneficiary answered); open when undefined. */
  readonly to?: string;
}

const DAY = 86_400_000;
const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);

/**
 * Days counted on the 80-day clock at `today`: calendar days since submission, less the days the clock was stopped
 * while the contradictory step waited on the beneficiary (art. 74(1)(b) allows the interruption when information is
 * missing). Overlapping pauses count once.
 */
export function elapsedClockDays(submittedOn: string, pauses: readonly ClockPause[], today: string): number {
  const start = dayNumber(submittedOn);
  const end = dayNumber(today);
  if (end <= start) return 0;
  const stopped = new Set<number>();
  for (const pause of pauses) {
    const from = Math.max(start, dayNumber(pause.from));
    const to = Math.min(end, pause.to ? dayNumber(pause.to) : end);
    for (let d = from; d < to; d++) stopped.add(d);
  }
  return end - start - stopped.size;
}

export type ClockState = 'ON_TIME' | 'SOON_LATE' | 'LATE';

export function clockState(elapsedDays: number): ClockState {
  const left = PAYMENT_DEADLINE_DAYS - elapsedDays;
  if (left < 0) return 'LATE';
  return left <= SOON_LATE_DAYS ? 'SOON_LATE' : 'ON_TIME';
}
