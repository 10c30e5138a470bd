import fc from 'fast-check';
import { computeAmountDue, type AmountDueInput } from './amount-due';

const base: AmountDueInput = {
  euCeilingCents: 9_500_000,
  rateBp: 9_500,
  retainedEligibleCents: 8_000_000,
  otherResourcesCents: 0,
  paidCents: 2_850_000,
  kind: 'INTERIM',
  interimCapBp: 8_000,
};

describe('computeAmountDue', () => {
  it('pays an interim claim up to the rate share, less what was paid', () => {
    expect(computeAmountDue(base)).toEqual({ euDueCents: 7_600_000, payableCents: 4_750_000, recoveryCents: 0, releasedCents: 0 });
  });

  it('caps interim payments at 80 % of the ceiling', () => {
    const out = computeAmountDue({ ...base, retainedEligibleCents: 10_000_000 });
    expect(out.euDueCents).toBe(9_500_000);
    expect(out.payableCents).toBe(7_600_000 - 2_850_000);
  });

  it('limits the EU amount to the gap left by other resources', () => {
    const out = computeAmountDue({ ...base, otherResourcesCents: 1_000_000, kind: 'FINAL', paidCents: 0 });
    expect(out.euDueCents).toBe(7_000_000);
    expect(out.releasedCents).toBe(2_500_000);
  });

  it('recovers at the balance what was paid above the amount due', () => {
    const out = computeAmountDue({ ...base, retainedEligibleCents: 2_000_000, kind: 'FINAL' });
    expect(out).toEqual({ euDueCents: 1_900_000, payableCents: 0, recoveryCents: 950_000, releasedCents: 7_600_000 });
  });

  const inputArb = fc.record({
    euCeilingCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    rateBp: fc.integer({ min: 0, max: 10_000 }),
    retainedEligibleCents: fc.integer({ min: 0, max: 2_000_000_000 }),
    otherResourcesCents: fc.integer({ min: 0, max: 2_000_000_000 }),
    paidCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    kind: fc.constantFrom('INTERIM' as const, 'FINAL' as const),
    interimCapBp: fc.integer({ min: 0, max: 10_000 }),
  });

  it('never exceeds the ceiling, the rate share or the gap after other resources', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { euDueCents, payableCents } = computeAmountDue(input);
        expect(euDueCents).toBeLessThanOrEqual(input.euCeilingCents);
        expect(euDueCents * 10_000).toBeLessThanOrEqual(input.retainedEligibleCents * input.rateBp);
        expect(euDueCents).toBeLessThanOrEqual(Math.max(0, input.retainedEligibleCents - input.otherResourcesCents));
        expect(euDueCents).toBeGreaterThanOrEqual(0);
        expect(payableCents + input.paidCents).toBeLessThanOrEqual(Math.max(input.paidCents, input.euCeilingCents));
      }),
    );
  });

  it('settles to the amount due at the balance: paid + payable − recovery = due, and due + released = ceiling', () => {
    fc.assert(
      fc.property(inputArb, (raw) => {
        const input = { ...raw, kind: 'FINAL' as const };
        const out = computeAmountDue(input);
        expect(input.paidCents + out.payableCents - out.recoveryCents).toBe(out.euDueCents);
        expect(out.euDueCents + out.releasedCents).toBe(input.euCeilingCents);
        expect(out.payableCents === 0 || out.recoveryCents === 0).toBe(true);
      }),
    );
  });
});
