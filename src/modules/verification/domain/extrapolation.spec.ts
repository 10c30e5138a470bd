import fc from 'fast-check';
import { categoryOutcome, type VerifiedLine } from './extrapolation';

describe('categoryOutcome', () => {
  it('extrapolates the sample error to the unsampled lines, floored', () => {
    const lines: VerifiedLine[] = [
      { id: 'a', amountCents: 1_000_000, selection: 'EXHAUSTIVE', retainedCents: 900_000 },
      { id: 'b', amountCents: 30_000, selection: 'SAMPLED', retainedCents: 20_000 },
      { id: 'c', amountCents: 30_000, selection: 'SAMPLED', retainedCents: 30_000 },
      { id: 'd', amountCents: 40_001, selection: 'UNSAMPLED' },
    ];
    // rejected in sample 10 000 on 60 000 sampled; unsampled 40 001 → floor(10 000 × 40 001 / 60 000) = 6 666
    expect(categoryOutcome(lines)).toEqual({
      declaredCents: 1_100_001,
      rejectedInCheckedCents: 110_000,
      rejectedInSampleCents: 10_000,
      sampledCents: 60_000,
      unsampledCents: 40_001,
      extrapolatedCents: 6_666,
      retainedCents: 983_335,
    });
  });

  it('extrapolates nothing when nothing was sampled', () => {
    const out = categoryOutcome([
      { id: 'a', amountCents: 700_000, selection: 'EXHAUSTIVE', retainedCents: 0 },
      { id: 'b', amountCents: 5_000, selection: 'UNSAMPLED' },
    ]);
    expect(out.extrapolatedCents).toBe(0);
    expect(out.retainedCents).toBe(5_000);
  });

  it('never retains more than declared nor less than zero', () => {
    const lineArb = fc.record({
      id: fc.string(),
      amountCents: fc.integer({ min: 0, max: 10_000_000 }),
      selection: fc.constantFrom('EXHAUSTIVE' as const, 'SAMPLED' as const, 'UNSAMPLED' as const),
      retainedFraction: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), (raw) => {
        const lines = raw.map((l) => ({ ...l, retainedCents: Math.floor((l.amountCents * l.retainedFraction) / 100) }));
        const out = categoryOutcome(lines);
        expect(out.retainedCents).toBeGreaterThanOrEqual(0);
        expect(out.retainedCents).toBeLessThanOrEqual(out.declaredCents);
        expect(out.extrapolatedCents).toBeLessThanOrEqual(out.unsampledCents);
      }),
    );
  });
});
