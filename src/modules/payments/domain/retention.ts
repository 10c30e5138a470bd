/**
 * End of the document retention period (CPR art. 82(1)): five years from 31 December of the year in which the last
 * payment to the beneficiary is made, so the period ends on 31 December of that year + 5. A longer period (state aid
 * regimes: ten years) is passed as `years`. ISO date in, ISO date out (calendar dates, no time zone).
 */
export function retentionEnd(lastPaymentDate: string, years = 5): string {
  const year = Number(lastPaymentDate.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000) throw new RangeError(`invalid date ${lastPaymentDate}`);
  return `${year + years}-12-31`;
}
