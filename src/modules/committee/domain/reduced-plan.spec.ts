import fc from 'fast-check';
import { DomainError } from '../../../common/errors/domain-error';
import { COMMITTEE_SELF_LABEL, type PlanVersion, reducePlan } from './reduced-plan';

// docs/domain/cofinancing.md worked example: CTE 112 000 €, ESF+ 106 400 € at 95 %, own funds 5 600 €.
const v1: PlanVersion = {
  costOption: 'INDIRECT_15_STAFF',
  flatRateBp: 1500,
  rateBp: 9500,
  euCents: 10_640_000,
  lines: [
    { category: 'STAFF', label: 'Coordinatrice', amountCents: 8_000_000 },
    { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
    { type: 'SELF', funderName: null, amountCents: 560_000 },
  ],
};

describe('reduced plan', () => {
  it('keeps the costs, lowers the ESF+ and moves the difference to own funds', () => {
    const r = reducePlan(v1, 9_000_000);
    expect(r.resources).toEqual([
      { type: 'ESF_PLUS', funderName: null, amountCents: 9_000_000 },
      { type: 'SELF', funderName: null, amountCents: 2_200_000 },
    ]);
    expect(r.plan).toMatchObject({
      totalEligibleCostsCents: 11_200_000,
      maxEsfPlusCents: 10_640_000,
      requestedEsfPlusCents: 9_000_000,
      otherResourcesCents: 2_200_000,
      balanced: true,
    });
    expect(v1.resources[0]?.amountCents).toBe(10_640_000);
  });

  it('adds an own-funds resource when the plan had none', () => {
    const r = reducePlan(
      {
        ...v1,
        resources: [
          { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
          { type: 'PUBLIC', funderName: 'Région', amountCents: 560_000 },
        ],
      },
      10_000_000,
    );
    expect(r.resources[2]).toEqual({ type: 'SELF', funderName: COMMITTEE_SELF_LABEL, amountCents: 640_000 });
    expect(r.plan.balanced).toBe(true);
  });

  it('refuses anything but a reduction', () => {
    for (const eu of [10_640_000, 10_640_001, 0, 1.5]) expect(() => reducePlan(v1, eu)).toThrow(DomainError);
  });

  it('always balances and never exceeds the rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_639_999 }), (eu) => {
        const r = reducePlan(v1, eu);
        return r.plan.balanced && r.plan.requestedEsfPlusCents === eu && r.plan.requestedEsfPlusCents <= r.plan.maxEsfPlusCents;
      }),
    );
  });
});
