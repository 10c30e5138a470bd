import fc from 'fast-check';
import { applyRateFloor, bp, cents, formatEuros, formatRate, shareBp, toCents, toCentsOrNull } from './cents';

describe('money', () => {
  it('floors the rate product to the cent', () => {
    expect(applyRateFloor(11_200_000, 9500)).toBe(10_640_000);
    expect(applyRateFloor(1, 9500)).toBe(0);
    expect(applyRateFloor(99, 9500)).toBe(94);
  });

  it('never exceeds amount × rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 10_000 }), (amount, rate) => {
        const share = applyRateFloor(amount, rate);
        expect(Number.isSafeInteger(share)).toBe(true);
        expect(BigInt(share) * 10_000n <= BigInt(amount) * BigInt(rate)).toBe(true);
        expect((BigInt(share) + 1n) * 10_000n > BigInt(amount) * BigInt(rate)).toBe(true);
      }),
    );
  });

  it('rejects floats', () => {
    expect(() => applyRateFloor(10.5, 9500)).toThrow('integer');
    expect(() => applyRateFloor(100, 95.5)).toThrow('between 0 and 10000');
  });

  it('formats euros and rates in French', () => {
    expect(formatEuros(123_456_789)).toBe('1\u202f234\u202f567,89\u202f€');
    expect(formatEuros(5)).toBe('0,05\u202f€');
    expect(formatEuros(-100)).toBe('-1,00\u202f€');
    expect(formatRate(9500)).toBe('95\u202f%');
    expect(formatRate(1525)).toBe('15,25\u202f%');
    expect(formatRate(750)).toBe('7,5\u202f%');
  });

  it('decodes bigint columns exactly, once', () => {
    expect(toCents('10640000')).toBe(10_640_000);
    expect(toCents('-5')).toBe(-5);
    expect(toCents(42)).toBe(42);
    expect(toCents(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(toCentsOrNull(null)).toBeNull();
    // What a float cast would have produced is refused rather than rounded.
    for (const bad of ['1.5', '1e3', '', ' ', 'abc', '9007199254740993', 1.5, Number.NaN]) expect(() => toCents(bad)).toThrow(RangeError);
    expect(() => toCents(9_007_199_254_740_993n)).toThrow(RangeError);
  });

  it('brands validated literals', () => {
    expect(cents(100)).toBe(100);
    expect(() => cents(0.5)).toThrow('integer');
    expect(bp(9500)).toBe(9500);
    expect(() => bp(10_001)).toThrow('between 0 and 10000');
  });

  it('computes a share in basis points, rounded down', () => {
    expect(shareBp(cents(10_640_000), cents(11_200_000))).toBe(9500);
    expect(shareBp(cents(200), cents(300))).toBe(6666);
    expect(shareBp(cents(1), cents(3))).toBe(3333);
    expect(shareBp(cents(3), cents(2))).toBe(15_000);
    expect(shareBp(cents(1), cents(0))).toBe(0);
    expect(shareBp(cents(-1), cents(10))).toBe(0);
  });

  it('never overstates the share and is within one basis point of it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 1, max: 2 ** 50 }), (a, b) => {
        // Shares of real amounts: the part is at most a hundred times the whole.
        const [part, whole] = a <= b * 100 ? [a, b] : [b, a];
        const share = BigInt(shareBp(cents(part), cents(whole)));
        expect(share * BigInt(whole) <= BigInt(part) * 10_000n).toBe(true);
        expect((share + 1n) * BigInt(whole) > BigInt(part) * 10_000n).toBe(true);
      }),
    );
  });
});
