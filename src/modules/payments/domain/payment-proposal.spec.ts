import fc from 'fast-check';
import { advanceCents } from '../../documents/domain/convention-terms';
import { cents } from '../../../common/money/cents';
import { proposalFor } from './payment-proposal';

describe('proposalFor', () => {
  const l = { euCeilingCents: 9_500_000, rateBp: 9_500, otherResourcesCents: 0, interimCapBp: 8_000 };

  it('pays an interim claim, then the balance', () => {
    expect(proposalFor('INTERMEDIATE', { ...l, retainedEligibleCents: 4_000_000, paidCents: 2_850_000 })).toMatchObject({
      action: 'PAY',
      kind: 'INTERIM',
      amountCents: 950_000,
    });
    expect(proposalFor('FINAL', { ...l, retainedEligibleCents: 9_000_000, paidCents: 3_800_000 })).toMatchObject({
      action: 'PAY',
      kind: 'BALANCE',
      amountCents: 8_550_000 - 3_800_000,
    });
  });

  it('recovers at the final report what was paid above the amount due, and pays nothing when it matches', () => {
    expect(proposalFor('FINAL', { ...l, retainedEligibleCents: 2_000_000, paidCents: 2_850_000 })).toMatchObject({ action: 'RECOVER', amountCents: 950_000 });
    expect(proposalFor('FINAL', { ...l, retainedEligibleCents: 3_000_000, paidCents: 2_850_000 })).toMatchObject({ action: 'NOTHING' });
  });

  it('settles to the amount due: advance + interim payments + balance − recovery = EU due at the final report', () => {
    const scenario = fc.record({
      ceiling: fc.integer({ min: 0, max: 500_000_000 }),
      rateBp: fc.integer({ min: 0, max: 10_000 }),
      capBp: fc.integer({ min: 0, max: 10_000 }),
      other: fc.integer({ min: 0, max: 100_000_000 }),
      exempt: fc.boolean(),
      reports: fc.array(fc.integer({ min: 0, max: 300_000_000 }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        let paid: number = advanceCents(cents(s.ceiling), s.exempt ? 'COLLECTIVITE' : 'OTHER');
        let retained = 0;
        let recovered = 0;
        let last = null as ReturnType<typeof proposalFor> | null;
        s.reports.forEach((r, i) => {
          retained += r;
          const kind = i === s.reports.length - 1 ? 'FINAL' : 'INTERMEDIATE';
          const p = proposalFor(kind, {
            euCeilingCents: s.ceiling,
            rateBp: s.rateBp,
            retainedEligibleCents: retained,
            otherResourcesCents: s.other,
            paidCents: paid - recovered,
            interimCapBp: s.capBp,
          });
          if (p.action === 'PAY') paid += p.amountCents;
          if (p.action === 'RECOVER') recovered += p.amountCents;
          expect(p.due.euDueCents).toBeLessThanOrEqual(s.ceiling);
          last = p;
        });
        expect(paid - recovered).toBe(last!.due.euDueCents);
        expect(last!.due.euDueCents + last!.due.releasedCents).toBe(s.ceiling);
      }),
    );
  });
});
