import { computeFinancingPlan, type FinancingPlan } from './cofinancing';
import { PROGRAMME_MAX_RATE_BP, priorityTitle, rateCapFor } from './rate-caps';

/** The cost-option rules only: these plans carry no resources, so balance checks are left out. */
const codes = (plan: FinancingPlan) => plan.violations.map((v) => v.code).filter((c) => c !== 'PLAN_UNBALANCED' && c !== 'IN_KIND_MISMATCH');
const base = { rateBp: 9500, stateAid: false, resources: [] };

describe('CPR art. 53(2): small operations use simplified cost options (docs/domain/cost-options.md)', () => {
  it('refuses 100 000 € of external services under « 15 % of staff »: no simplified option is actually used', () => {
    const plan = computeFinancingPlan({ ...base, costOption: 'INDIRECT_15_STAFF', lines: [{ category: 'EXTERNAL_SERVICES', amountCents: 10_000_000 }] });
    expect(codes(plan)).toEqual(['SCO_REQUIRED_UNDER_200K']);
  });

  it('refuses a 120 000 € plan of staff, other direct costs and services under 15 % of staff, one violation per real-cost line', () => {
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'INDIRECT_15_STAFF',
      lines: [
        { category: 'STAFF', amountCents: 6_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 3_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 2_100_000 },
      ],
    });
    expect(plan.totalEligibleCostsCents).toBe(12_000_000);
    expect(codes(plan)).toEqual(['SCO_REQUIRED_UNDER_200K', 'SCO_REQUIRED_UNDER_200K']);
  });

  it('accepts the same plan under 7 % of direct costs: the flat rate is calculated on every direct line', () => {
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'INDIRECT_7_DIRECT',
      lines: [
        { category: 'STAFF', amountCents: 6_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 3_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 2_100_000 },
      ],
    });
    expect(codes(plan)).toEqual([]);
  });

  it('REAL_COSTS under the threshold only with participant costs; State aid lifts the rule (art. 53(2) second subparagraph)', () => {
    expect(codes(computeFinancingPlan({ ...base, costOption: 'REAL_COSTS', lines: [{ category: 'PARTICIPANTS', amountCents: 5_000_000 }] }))).toEqual([]);
    expect(codes(computeFinancingPlan({ ...base, costOption: 'REAL_COSTS', lines: [{ category: 'STAFF', amountCents: 5_000_000 }] }))).toEqual([
      'SCO_REQUIRED_UNDER_200K',
    ]);
    expect(codes(computeFinancingPlan({ ...base, stateAid: true, costOption: 'REAL_COSTS', lines: [{ category: 'STAFF', amountCents: 5_000_000 }] }))).toEqual(
      [],
    );
  });

  it('counts in-kind contributions in the threshold: 190 000 € of staff + 20 000 € in kind is above it', () => {
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'REAL_COSTS',
      lines: [
        { category: 'STAFF', amountCents: 19_000_000 },
        { category: 'IN_KIND', amountCents: 2_000_000 },
      ],
    });
    expect(plan.totalEligibleCostsCents).toBe(21_000_000);
    expect(codes(plan)).toEqual([]);
  });

  it('40 % of staff: only staff and participant lines, no in-kind line (CPR art. 56(1)-(2))', () => {
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'OTHER_COSTS_40_STAFF',
      lines: [
        { category: 'STAFF', amountCents: 5_000_000 },
        { category: 'PARTICIPANTS', amountCents: 1_000_000 },
        { category: 'IN_KIND', amountCents: 100_000 },
      ],
    });
    expect(plan.flatRateCostsCents).toBe(2_000_000);
    expect(codes(plan)).toEqual(['LINE_NOT_ALLOWED_FOR_OPTION']);
  });
});

describe('more cost options', () => {
  it('staff costs as 20 % of the other direct costs (CPR art. 55(1)); a staff line beside it is refused', () => {
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'STAFF_20_OTHER_DIRECT',
      lines: [
        { category: 'OTHER_DIRECT', amountCents: 3_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 1_000_000 },
        { category: 'PARTICIPANTS', amountCents: 1_000_001 },
      ],
    });
    expect(plan.flatRateCostsCents).toBe(1_000_000); // 20 % of 5 000 010,01 € floored
    expect(plan.totalEligibleCostsCents).toBe(6_000_001);
    expect(codes(plan)).toEqual([]);
    const withStaff = computeFinancingPlan({ ...base, costOption: 'STAFF_20_OTHER_DIRECT', lines: [{ category: 'STAFF', amountCents: 100 }] });
    expect(codes(withStaff)).toEqual(['LINE_NOT_ALLOWED_FOR_OPTION']);
  });

  it('indirect costs at a justified rate up to 25 % (CPR art. 54(c)), on the base the call names', () => {
    const call = {
      allowedOptions: [
        {
          option: 'INDIRECT_25_CALCULATED' as const,
          rateBp: 2000,
          justification: 'Taux 2014-2020',
          baseCategories: ['STAFF' as const, 'OTHER_DIRECT' as const],
        },
      ],
      minEuCents: 0,
      maxEuCents: null,
    };
    const plan = computeFinancingPlan({
      ...base,
      stateAid: true,
      costOption: 'INDIRECT_25_CALCULATED',
      lines: [
        { category: 'STAFF', amountCents: 12_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 8_000_000 },
      ],
      call,
    });
    // The French 2014-2020 example: 200 000 € of direct costs including 80 000 € of services → 24 000 € indirect.
    expect(plan.flatRateCostsCents).toBe(2_400_000);
    expect(plan.totalEligibleCostsCents).toBe(22_400_000);
    expect(() => computeFinancingPlan({ ...base, costOption: 'INDIRECT_25_CALCULATED', flatRateBp: 2501, lines: [] })).toThrow();
  });

  it('a unit cost and a lump sum of the call cover lines that would otherwise be refused under 200 000 €', () => {
    const call = {
      allowedOptions: [{ option: 'INDIRECT_15_STAFF' as const, rateBp: 1500 }],
      minEuCents: 0,
      maxEuCents: null,
      simplifiedCosts: [
        {
          code: 'HEURE_ATELIER',
          kind: 'UNIT_COST' as const,
          label: "Heure d'atelier",
          category: 'EXTERNAL_SERVICES' as const,
          amountCents: 6_000,
          method: 'art. 53(3)(a)',
        },
        {
          code: 'KIT_COMMUNICATION',
          kind: 'LUMP_SUM' as const,
          label: 'Kit de communication',
          category: 'OTHER_DIRECT' as const,
          amountCents: 250_000,
          method: 'art. 53(3)(b)',
        },
      ],
    };
    const plan = computeFinancingPlan({
      ...base,
      costOption: 'INDIRECT_15_STAFF',
      lines: [
        { category: 'STAFF', amountCents: 5_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 1_200_000, simplifiedCostCode: 'HEURE_ATELIER', quantity: 200 },
        { category: 'OTHER_DIRECT', amountCents: 250_000, simplifiedCostCode: 'KIT_COMMUNICATION', quantity: 1 },
      ],
      call,
    });
    expect(codes(plan)).toEqual([]);
    const wrong = computeFinancingPlan({
      ...base,
      costOption: 'INDIRECT_15_STAFF',
      lines: [
        { category: 'EXTERNAL_SERVICES', amountCents: 1_200_001, simplifiedCostCode: 'HEURE_ATELIER', quantity: 200 },
        { category: 'OTHER_DIRECT', amountCents: 500_000, simplifiedCostCode: 'KIT_COMMUNICATION', quantity: 2 },
        { category: 'STAFF', amountCents: 6_000, simplifiedCostCode: 'HEURE_ATELIER', quantity: 1 },
        { category: 'STAFF', amountCents: 1, simplifiedCostCode: 'INCONNU', quantity: 1 },
      ],
      call,
    });
    expect(codes(wrong)).toEqual(['SIMPLIFIED_COST_MISMATCH', 'SIMPLIFIED_COST_MISMATCH', 'SIMPLIFIED_COST_MISMATCH', 'SIMPLIFIED_COST_UNKNOWN']);
  });

  it('the draft-budget method covers every line under 200 000 € and is refused above (CPR art. 53(3)(b))', () => {
    const lines = (amount: number) => [
      { category: 'STAFF' as const, amountCents: amount },
      { category: 'EXTERNAL_SERVICES' as const, amountCents: 1_000_000 },
      { category: 'IN_KIND' as const, amountCents: 0 },
    ];
    expect(codes(computeFinancingPlan({ ...base, costOption: 'DRAFT_BUDGET', lines: lines(19_000_000) }))).toEqual([]);
    expect(codes(computeFinancingPlan({ ...base, costOption: 'DRAFT_BUDGET', lines: lines(19_000_001) }))).toEqual(['DRAFT_BUDGET_ABOVE_200K']);
  });
});

describe('rate basis (CPR art. 112(2))', () => {
  it('public expenditure: 95 % of (EU + other public money) — with 10 000 € of public co-financing, at most 190 000 €', () => {
    const plan = computeFinancingPlan({
      costOption: 'REAL_COSTS',
      rateBp: 9500,
      rateBasis: 'PUBLIC_EXPENDITURE',
      stateAid: true,
      lines: [{ category: 'STAFF', amountCents: 30_000_000 }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 19_000_001 },
        { type: 'PUBLIC', amountCents: 1_000_000 },
        { type: 'PRIVATE', amountCents: 9_999_999 },
      ],
    });
    expect(plan.maxEsfPlusCents).toBe(19_000_000);
    expect(codes(plan)).toEqual(['ESF_EXCEEDS_RATE']);
    expect(plan.violations[0]?.message).toContain('dépense publique');
  });
});

describe('rate caps of the PN FSE+ (CPR art. 112(3), ESF+ art. 14(4))', () => {
  it('gives 95 % for Priority 6 and 90 % for Priority 5 everywhere, by region category for the others', () => {
    expect(rateCapFor(6, null)).toMatchObject({ ok: true, capBp: 9500 });
    expect(rateCapFor(5, 'MORE_DEVELOPED')).toMatchObject({ ok: true, capBp: 9000 });
    expect(rateCapFor(1, 'LESS_DEVELOPED')).toMatchObject({ ok: true, capBp: 8500 });
    expect(rateCapFor(3, 'TRANSITION')).toMatchObject({ ok: true, capBp: 6000 });
    expect(rateCapFor(2, 'MORE_DEVELOPED')).toMatchObject({ ok: true, capBp: 4000 });
    expect(rateCapFor(1, null)).toEqual({ ok: false, reason: 'REGION_CATEGORY_REQUIRED' });
    expect(rateCapFor(12, 'TRANSITION')).toEqual({ ok: false, reason: 'UNKNOWN_PRIORITY' });
    expect(PROGRAMME_MAX_RATE_BP).toBe(9500);
  });

  it('prints the official title of a priority, never a bare number', () => {
    expect(priorityTitle(6)).toBe('Priorité 6 — Favoriser l’innovation sociale et l’essaimage des dispositifs innovants');
  });
});
