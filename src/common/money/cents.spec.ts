import fc from 'fast-check';
import { applyRateFloor, formatEuros, formatRate } from './cents';

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
});
