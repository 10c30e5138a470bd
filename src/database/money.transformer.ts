import { ValueTransformer } from 'typeorm';
import { toCentsOrNull } from '../common/money/cents';

/** pg returns bigint as a string: a non-money bigint (a size, a count) must still be a safe integer. */
export function parseSafeInteger(raw: string | number): number {
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(raw)}`);
  return n;
}

export const centsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value)) throw new RangeError(`cents must be a safe integer: ${String(value)}`);
    return value;
  },
  from: (value: string | null) => toCentsOrNull(value),
};
