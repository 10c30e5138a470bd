import fc from 'fast-check';
import { LINE_CATEGORIES, type LineCategory } from '../../cofinancing/domain/cofinancing';
import { type OutcomeLine, type OutcomePlan, retainedFor, verificationOutcome } from './verification-outcome';

const PLAN: OutcomePlan = {
  costOption: 'INDIRECT_15_STAFF',
  flatRateBp: 1500,
  rateBp: 6000,
  lines: [
    { category: 'STAFF', amountCents: 1_000_000 },
    { category: 'OTHER_DIRECT', amountCents: 200_000 },
  ],
};

describe('verificationOutcome', () => {
  it('extrapolates per category, applies the tolerance and recomputes the flat rate on the retained bases', () => {
    const lines: OutcomeLine[] = [
      { id: 'a', category: 'STAFF', declaredCents: 600_000, selection: 'EXHAUSTIVE', retainedCents: 600_000 },
      { id: 'b', category: 'STAFF', declaredCents: 100_000, selection: 'SAMPLED', retainedCents: 0 },
      { id: 'c', category: 'STAFF', declaredCents: 100_000, selection: 'SAMPLED', retainedCents: 100_000 },
      { id: 'd', category: 'STAFF', declaredCents: 100_000, selection: 'UNSAMPLED' },
      // Other direct: 250 000 declared, planned 200 000 + 10 % tolerance = 220 000 → 30 000 over the tolerance.
      { id: 'e', category: 'OTHER_DIRECT', declaredCents: 250_000, selection: 'EXHAUSTIVE', retainedCents: 250_000 },
    ];
    const out = verificationOutcome(lines, PLAN, 1000);
    const staff = out.categories.find((c) => c.category === 'STAFF')!;
    // Sample: 100 000 rejected on 200 000 → extrapolated floor(100 000 × 100 000 / 200 000) = 50 000.
    expect(staff).toMatchObject({
      declaredCents: 900_000,
      rejectedInCheckedCents: 100_000,
      extrapolatedCents: 50_000,
      retainedCents: 750_000,
      overToleranceCents: 0,
      finalRetainedCents: 750_000,
    });
    const other = out.categories.find((c) => c.category === 'OTHER_DIRECT')!;
    expect(other).toMatchObject({ allowedCents: 220_000, overToleranceCents: 30_000, finalRetainedCents: 220_000 });
    expect(out).toMatchObject({
      directDeclaredCents: 1_150_000,
      flatRateDeclaredCents: 135_000, // 15 % of 900 000 declared staff
      declaredCents: 1_285_000,
      directRetainedCents: 970_000,
      flatRateRetainedCents: 112_500, // 15 % of 750 000 retained staff
      retainedCents: 1_082_500,
      undecided: 0,
    });
  });

  it('counts what earlier verifications retained against the tolerance', () => {
    const lines: OutcomeLine[] = [{ id: 'a', category: 'OTHER_DIRECT', declaredCents: 100_000, selection: 'EXHAUSTIVE', retainedCents: 100_000 }];
    const out = verificationOutcome(lines, PLAN, 1000, { OTHER_DIRECT: 180_000 });
    expect(out.categories.find((c) => c.category === 'OTHER_DIRECT')).toMatchObject({
      allowedCents: 40_000,
      overToleranceCents: 60_000,
      finalRetainedCents: 40_000,
    });
  });

  it('counts undecided checked lines as retained in a provisional outcome', () => {
    const out = verificationOutcome([{ id: 'a', category: 'STAFF', declaredCents: 10_000, selection: 'SAMPLED' }], PLAN, 1000);
    expect(out).toMatchObject({ undecided: 1, directRetainedCents: 10_000 });
  });

  const lineArb = fc.record({
    category: fc.constantFrom<LineCategory>('STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES'),
    declaredCents: fc.integer({ min: 0, max: 10_000_000 }),
    selection: fc.constantFrom<OutcomeLine['selection']>('EXHAUSTIVE', 'SAMPLED', 'UNSAMPLED'),
    keepBp: fc.integer({ min: 0, max: 10_000 }),
  });

  it('never retains more than declared, and totals are the sum of the categories plus the flat rate (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), fc.integer({ min: 0, max: 10_000 }), (specs, toleranceBp) => {
        const lines = specs.map((s, i) => ({
          id: String(i),
          category: s.category,
          declaredCents: s.declaredCents,
          selection: s.selection,
          retainedCents: s.selection === 'UNSAMPLED' ? null : Math.floor((s.declaredCents * s.keepBp) / 10_000),
        }));
        const out = verificationOutcome(lines, PLAN, toleranceBp);
        expect(out.retainedCents).toBeLessThanOrEqual(out.declaredCents);
        for (const c of out.categories) {
          expect(c.finalRetainedCents).toBeGreaterThanOrEqual(0);
          expect(c.finalRetainedCents).toBeLessThanOrEqual(c.declaredCents);
          expect(c.extrapolatedCents).toBeLessThanOrEqual(c.unsampledCents);
          expect(LINE_CATEGORIES).toContain(c.category);
        }
        expect(out.directRetainedCents).toBe(out.categories.reduce((s, c) => s + c.finalRetainedCents, 0));
        expect(out.retainedCents).toBe(out.directRetainedCents + out.flatRateRetainedCents);
        expect(out.flatRateRetainedCents).toBeLessThanOrEqual(out.flatRateDeclaredCents);
      }),
    );
  });

  it('is deterministic: the same lines give the same outcome in any order (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (specs) => {
        const lines = specs.map((s, i) => ({
          id: String(i),
          category: s.category,
          declaredCents: s.declaredCents,
          selection: s.selection,
          retainedCents: s.selection === 'UNSAMPLED' ? null : s.declaredCents,
        }));
        expect(verificationOutcome([...lines].reverse(), PLAN, 1000)).toEqual(verificationOutcome(lines, PLAN, 1000));
      }),
    );
  });
});

describe('retainedFor', () => {
  it('derives the retained amount from the decision', () => {
    expect(retainedFor('RETAINED', 5_000, null)).toBe(5_000);
    expect(retainedFor('REJECTED', 5_000, 4_000)).toBe(0);
    expect(retainedFor('REDUCED', 5_000, 4_000)).toBe(4_000);
    expect(retainedFor('REDUCED', 5_000, null)).toBe('REDUCED_AMOUNT_REQUIRED');
    expect(retainedFor('REDUCED', 5_000, 5_000)).toBe('REDUCED_AMOUNT_OUT_OF_RANGE');
    expect(retainedFor('REDUCED', 5_000, Number.NaN)).toBe('REDUCED_AMOUNT_OUT_OF_RANGE');
  });
});
