import fc from 'fast-check';
import type { PlanLine, PlanResource } from '../../applications/domain/application-content';
import { answerDueDate, answerOpen, type AwardBasis, checkAwardPlan } from './award-proposal';

// Retained plan: staff 80 000 € + participants 20 000 €, 15 % of staff = 12 000 €, CTE 112 000 €, 95 % → 106 400 €.
const LINES: PlanLine[] = [
  { category: 'STAFF', label: 'Coordinatrice et animateurs', amountCents: 8_000_000 },
  { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
];
const BASIS: AwardBasis = { costOption: 'INDIRECT_15_STAFF', flatRateBp: 1500, rateBp: 9500, stateAid: false, lines: LINES };
const res = (esf: number, self: number): PlanResource[] => [
  { type: 'ESF_PLUS', funderName: null, amountCents: esf },
  { type: 'SELF', funderName: null, amountCents: self },
];

describe('reduced award: the revised plan (docs/domain/committee.md)', () => {
  it('accepts the same costs with the gap moved to own funds, the ESF+ at the proposed amount', () => {
    const r = checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 8_000_000 }, { amountCents: 2_000_000 }], resources: res(9_000_000, 2_200_000) });
    expect(r.errors).toEqual([]);
    expect(r.plan).toMatchObject({ totalEligibleCostsCents: 11_200_000, requestedEsfPlusCents: 9_000_000 });
    expect(r.lines[0]).toEqual(LINES[0]);
  });

  it('accepts lower costs that still carry the proposed amount within the rate', () => {
    // Staff 72 000 € → CTE 72 000 + 10 800 + 20 000 = 102 800 €; 95 % = 97 660 € ≥ 90 000 €.
    const r = checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 7_200_000 }, { amountCents: 2_000_000 }], resources: res(9_000_000, 1_280_000) });
    expect(r.errors).toEqual([]);
    expect(r.plan!.totalEligibleCostsCents).toBe(10_280_000);
  });

  it('refuses a raised line, a changed number of lines, an ESF+ other than proposed, and an unbalanced plan or one above the rate', () => {
    const raised = checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 8_000_001 }, { amountCents: 2_000_000 }], resources: res(9_000_000, 2_200_001) });
    expect(raised.errors.map((e) => [e.path, e.code])).toEqual([['lines[0].amountCents', 'LINE_INCREASED']]);
    expect(checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 1 }], resources: res(1, 0) }).errors[0]?.code).toBe('LINES_CHANGED');
    const other = checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 8_000_000 }, { amountCents: 2_000_000 }], resources: res(8_500_000, 2_700_000) });
    expect(other.errors.map((e) => e.code)).toEqual(['EU_AMOUNT_NOT_PROPOSED']);
    const unbalanced = checkAwardPlan(BASIS, 9_000_000, { lines: [{ amountCents: 8_000_000 }, { amountCents: 2_000_000 }], resources: res(9_000_000, 0) });
    expect(unbalanced.errors.map((e) => e.code)).toEqual(['PLAN_UNBALANCED']);
    // Staff 50 000 € → CTE 77 500 €, 95 % = 73 625 € < 90 000 €.
    const aboveRate = checkAwardPlan(BASIS, 9_000_000, {
      lines: [{ amountCents: 5_000_000 }, { amountCents: 2_000_000 }],
      resources: res(9_000_000, -1_250_000),
    });
    expect(aboveRate.errors.map((e) => e.code)).toContain('ESF_EXCEEDS_RATE');
    expect(aboveRate.plan).toBeNull();
  });

  it('property: with the costs kept and own funds filling the gap, any proposed amount up to the retained ESF+ fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_640_000 }), (proposed) => {
        const r = checkAwardPlan(BASIS, proposed, {
          lines: [{ amountCents: 8_000_000 }, { amountCents: 2_000_000 }],
          resources: res(proposed, 11_200_000 - proposed),
        });
        expect(r.errors).toEqual([]);
        expect(r.plan!.requestedEsfPlusCents + r.plan!.otherResourcesCents).toBe(r.plan!.totalEligibleCostsCents);
      }),
    );
  });

  it('property: a revised plan is accepted only if its ESF+ is the proposed amount and within the rate of its total cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8_000_000 }),
        fc.integer({ min: 1, max: 10_640_000 }),
        fc.integer({ min: 1, max: 10_640_000 }),
        (staff, proposed, esf) => {
          const cte = staff + Math.floor((staff * 1500) / 10_000) + 2_000_000;
          const r = checkAwardPlan(BASIS, proposed, { lines: [{ amountCents: staff }, { amountCents: 2_000_000 }], resources: res(esf, cte - esf) });
          const fits = esf === proposed && esf <= Math.floor((cte * 9500) / 10_000) && cte - esf >= 0;
          expect(r.errors.length === 0).toBe(fits);
        },
      ),
    );
  });

  it('dates the answer 30 calendar days after the decision and keeps it open through that day', () => {
    expect(answerDueDate('2026-12-05')).toBe('2027-01-04');
    expect(answerDueDate('2026-02-27', 2)).toBe('2026-03-01');
    expect(answerOpen('2027-01-04', '2027-01-04')).toBe(true);
    expect(answerOpen('2027-01-04', '2027-01-05')).toBe(false);
  });
});
