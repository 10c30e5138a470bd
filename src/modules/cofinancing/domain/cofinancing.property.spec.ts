import fc from 'fast-check';
import {
  ALLOWED_LINE_CATEGORIES,
  COST_OPTIONS,
  FLAT_RATE_BASE_CATEGORIES,
  LINE_CATEGORIES,
  REGULATION_MAX_FLAT_RATE_BP,
  RESOURCE_TYPES,
  SCO_THRESHOLD_CENTS,
  computeFinancingPlan,
  type CostOption,
} from './cofinancing';

// Up to 10 billion euros per line: far above any ESF+ budget, far below the safe-integer limit once summed.
const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });
const option = fc.constantFrom(...COST_OPTIONS);
const rate = fc.integer({ min: 0, max: 10_000 });
const lines = fc.array(fc.record({ category: fc.constantFrom(...LINE_CATEGORIES), amountCents: amount }), { maxLength: 8 });
const resources = fc.array(fc.record({ type: fc.constantFrom(...RESOURCE_TYPES), amountCents: amount }), { maxLength: 8 });
const flatRate = (o: CostOption) => fc.integer({ min: 0, max: REGULATION_MAX_FLAT_RATE_BP[o] });
const optionAndFlatRate = option.chain((o) => fc.tuple(fc.constant(o), flatRate(o)));

/** Splits `total` into `parts` non-negative integers that add up to it exactly. */
const splitOf = (total: number, parts: number) =>
  fc
    .array(fc.integer({ min: 0, max: total }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => [0, ...[...cuts].sort((a, b) => a - b), total].slice(1).map((c, i, all) => c - (all[i - 1] ?? 0)));

describe('computeFinancingPlan (properties)', () => {
  it('returns only safe integers, with CTE = direct + flat and flat = floor(base × flat rate)', () => {
    fc.assert(
      fc.property(optionAndFlatRate, rate, fc.boolean(), lines, resources, ([o, flat], r, stateAid, ls, rs) => {
        const plan = computeFinancingPlan({ costOption: o, flatRateBp: flat, rateBp: r, stateAid, lines: ls, resources: rs });
        for (const value of [
          plan.directCostsCents,
          plan.flatRateCostsCents,
          plan.totalEligibleCostsCents,
          plan.maxEsfPlusCents,
          plan.requestedEsfPlusCents,
          plan.otherResourcesCents,
        ]) {
          expect(Number.isSafeInteger(value)).toBe(true);
        }
        const base = ls.filter((l) => FLAT_RATE_BASE_CATEGORIES[o].includes(l.category)).reduce((s, l) => s + BigInt(l.amountCents), 0n);
        expect(BigInt(plan.flatRateCostsCents)).toBe((base * BigInt(flat)) / 10_000n);
        expect(plan.totalEligibleCostsCents).toBe(plan.directCostsCents + plan.flatRateCostsCents);
      }),
    );
  });

  it('never lets the EU maximum exceed the rate, and misses it by less than one cent', () => {
    fc.assert(
      fc.property(option, rate, lines, (o, r, ls) => {
        const plan = computeFinancingPlan({ costOption: o, rateBp: r, stateAid: false, lines: ls, resources: [] });
        const cteTimesRate = BigInt(plan.totalEligibleCostsCents) * BigInt(r);
        expect(BigInt(plan.maxEsfPlusCents) * 10_000n <= cteTimesRate).toBe(true);
        expect((BigInt(plan.maxEsfPlusCents) + 1n) * 10_000n > cteTimesRate).toBe(true);
      }),
    );
  });

  it('is balanced exactly when the resources add up to the CTE', () => {
    fc.assert(
      fc.property(option, lines, resources, (o, ls, rs) => {
        const plan = computeFinancingPlan({ costOption: o, rateBp: 9500, stateAid: false, lines: ls, resources: rs });
        const total = rs.reduce((s, x) => s + x.amountCents, 0);
        expect(plan.balanced).toBe(total === plan.totalEligibleCostsCents);
        expect(plan.violations.some((v) => v.code === 'PLAN_UNBALANCED')).toBe(!plan.balanced);
        expect(plan.requestedEsfPlusCents + plan.otherResourcesCents).toBe(total);
      }),
    );
  });

  it('balances when the CTE is split across resources, and stops balancing one cent off', () => {
    const planAndCte = fc.tuple(option, lines).map(([o, ls]) => {
      const cte = computeFinancingPlan({ costOption: o, rateBp: 9500, stateAid: false, lines: ls, resources: [] }).totalEligibleCostsCents;
      return { o, ls, cte };
    });
    fc.assert(
      fc.property(
        planAndCte.chain((p) => fc.tuple(fc.constant(p), splitOf(p.cte, 3), fc.constantFrom(-1, 1))),
        ([{ o, ls, cte }, [esf = 0, self = 0, pub = 0], delta]) => {
          expect(esf + self + pub).toBe(cte);
          const rs = [
            { type: 'ESF_PLUS' as const, amountCents: esf },
            { type: 'SELF' as const, amountCents: self },
            { type: 'PUBLIC' as const, amountCents: pub },
          ];
          expect(computeFinancingPlan({ costOption: o, rateBp: 9500, stateAid: false, lines: ls, resources: rs }).balanced).toBe(true);
          rs[1] = { type: 'SELF', amountCents: self + delta };
          expect(computeFinancingPlan({ costOption: o, rateBp: 9500, stateAid: false, lines: ls, resources: rs }).balanced).toBe(false);
        },
      ),
    );
  });

  // State aid: the small-operation rule of art. 53(2) is left to its own properties below.
  it('has no violation when a flat-rate plan under State aid asks for exactly the maximum and funds the rest itself', () => {
    const flatOption = fc.constantFrom<CostOption>('INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT');
    fc.assert(
      fc.property(flatOption, rate, lines, (o, r, ls) => {
        const { totalEligibleCostsCents: cte, maxEsfPlusCents: esf } = computeFinancingPlan({
          costOption: o,
          rateBp: r,
          stateAid: true,
          lines: ls,
          resources: [],
        });
        const inKind = ls.filter((l) => l.category === 'IN_KIND').reduce((s, l) => s + l.amountCents, 0);
        const self = cte - esf - inKind;
        fc.pre(self >= 0);
        const plan = computeFinancingPlan({
          costOption: o,
          rateBp: r,
          stateAid: true,
          lines: ls,
          resources: [
            { type: 'ESF_PLUS', amountCents: esf },
            { type: 'SELF', amountCents: self },
            { type: 'IN_KIND', amountCents: inKind },
          ],
        });
        expect(plan.violations).toEqual([]);
      }),
    );
  });

  it('requires simplified costs up to 200 000,00 € included, not one cent above (CPR art. 53(2))', () => {
    const refused = (ls: { category: (typeof LINE_CATEGORIES)[number]; amountCents: number }[], stateAid: boolean) =>
      computeFinancingPlan({ costOption: 'REAL_COSTS', rateBp: 9500, stateAid, lines: ls, resources: [] }).violations.some(
        (v) => v.code === 'SCO_REQUIRED_UNDER_200K',
      );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 * SCO_THRESHOLD_CENTS }), fc.boolean(), (cte, stateAid) => {
        expect(refused([{ category: 'STAFF', amountCents: cte }], stateAid)).toBe(!stateAid && cte <= SCO_THRESHOLD_CENTS);
        // Participant allowances and salaries may always stay at real cost (art. 53(1)(a), ESF+ art. 16).
        expect(refused([{ category: 'PARTICIPANTS', amountCents: cte }], stateAid)).toBe(false);
      }),
    );
  });

  it('flags exactly the positive real-cost lines outside the flat-rate base, beside participants (docs/domain/cost-options.md)', () => {
    fc.assert(
      fc.property(optionAndFlatRate, fc.boolean(), lines, ([o, flat], stateAid, ls) => {
        const plan = computeFinancingPlan({ costOption: o, flatRateBp: flat, rateBp: 9500, stateAid, lines: ls, resources: [] });
        const small = plan.totalEligibleCostsCents <= SCO_THRESHOLD_CENTS;
        const flagged = plan.violations.filter((v) => v.code === 'SCO_REQUIRED_UNDER_200K').length;
        const notAllowed = plan.violations.filter((v) => v.code === 'LINE_NOT_ALLOWED_FOR_OPTION').length;
        const expected =
          small && !stateAid && o !== 'DRAFT_BUDGET'
            ? ls.filter(
                (l) =>
                  l.amountCents > 0 &&
                  ALLOWED_LINE_CATEGORIES[o].includes(l.category) &&
                  l.category !== 'PARTICIPANTS' &&
                  !FLAT_RATE_BASE_CATEGORIES[o].includes(l.category),
              ).length
            : 0;
        expect(flagged).toBe(expected);
        // A line is never reported twice: not allowed at all, or not at real cost.
        expect(notAllowed).toBe(ls.filter((l) => !ALLOWED_LINE_CATEGORIES[o].includes(l.category)).length);
        // The draft-budget method exists only under the threshold (art. 53(3)(b)).
        expect(plan.violations.some((v) => v.code === 'DRAFT_BUDGET_ABOVE_200K')).toBe(o === 'DRAFT_BUDGET' && !small);
      }),
    );
  });

  it('a line priced by a unit cost of the call is never at real cost, and its amount must be quantity × unit amount', () => {
    const def = { code: 'HEURE', kind: 'UNIT_COST' as const, label: 'Heure', category: 'EXTERNAL_SERVICES' as const, amountCents: 4_500, method: 'm' };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -2, max: 2 }), (qty, delta) => {
        const amount = qty * def.amountCents + delta;
        const plan = computeFinancingPlan({
          costOption: 'INDIRECT_15_STAFF',
          rateBp: 9500,
          stateAid: false,
          lines: [{ category: 'EXTERNAL_SERVICES', amountCents: Math.max(amount, 0), simplifiedCostCode: 'HEURE', quantity: qty }],
          resources: [],
          call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }], minEuCents: 0, maxEuCents: null, simplifiedCosts: [def] },
        });
        const c = plan.violations.map((v) => v.code);
        expect(c).not.toContain('SCO_REQUIRED_UNDER_200K');
        expect(c.includes('SIMPLIFIED_COST_MISMATCH')).toBe(Math.max(amount, 0) !== qty * def.amountCents);
      }),
    );
  });

  it('under a public-expenditure basis, the EU maximum is the largest E with E ≤ floor((E + P) × r)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 9_999 }), (pub, r) => {
        const cte = 10 * pub + 1_000_000;
        const plan = computeFinancingPlan({
          costOption: 'REAL_COSTS',
          rateBp: r,
          rateBasis: 'PUBLIC_EXPENDITURE',
          stateAid: true,
          lines: [{ category: 'STAFF', amountCents: cte }],
          resources: [{ type: 'PUBLIC', amountCents: pub }],
        });
        const e = BigInt(plan.maxEsfPlusCents);
        const p = BigInt(pub);
        expect(e * 10_000n <= (e + p) * BigInt(r)).toBe(true);
        // Maximal, unless the total eligible cost itself is the bound.
        if (plan.maxEsfPlusCents < cte) expect((e + 1n) * 10_000n <= (e + 1n + p) * BigInt(r)).toBe(false);
        expect(plan.maxEsfPlusCents <= cte).toBe(true);
      }),
    );
  });
});
