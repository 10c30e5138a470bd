import { computeFinancingPlan, type FinancingPlan } from './cofinancing';

const codes = (plan: FinancingPlan) => plan.violations.map((v) => v.code);

describe('computeFinancingPlan — worked example of docs/domain/cost-options.md', () => {
  it('STAFF 160 000 € + OTHER_DIRECT 40 000 € at 15 % of staff: CTE 224 000 €, maxEsf 212 800 €, balanced by 11 200 € own funds', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 16_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 4_000_000 },
      ],
      resources: [
        { type: 'SELF', amountCents: 1_120_000 },
        { type: 'ESF_PLUS', amountCents: 21_280_000 },
      ],
    });
    expect(plan).toEqual({
      directCostsCents: 20_000_000,
      flatRateCostsCents: 2_400_000,
      totalEligibleCostsCents: 22_400_000,
      rateBaseCents: 22_400_000,
      maxEsfPlusCents: 21_280_000,
      requestedEsfPlusCents: 21_280_000,
      otherResourcesCents: 1_120_000,
      balanced: true,
      violations: [],
    });
  });

  it('halve every line and the plan falls under 200 000 €: the other direct costs at real cost break CPR art. 53(2)', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 8_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 2_000_000 },
      ],
      resources: [
        { type: 'SELF', amountCents: 560_000 },
        { type: 'ESF_PLUS', amountCents: 10_640_000 },
      ],
    });
    expect(plan.totalEligibleCostsCents).toBe(11_200_000);
    expect(codes(plan)).toEqual(['SCO_REQUIRED_UNDER_200K']);
    expect(plan.violations[0]?.message).toContain('Ligne de dépense n° 2 (autres coûts directs de fonctionnement)');
  });

  it('passes the checks of a call that allows the option and the amount', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 8_000_000 },
        { category: 'PARTICIPANTS', amountCents: 2_000_000 },
      ],
      resources: [
        { type: 'SELF', amountCents: 560_000 },
        { type: 'ESF_PLUS', amountCents: 10_640_000 },
      ],
      call: {
        allowedOptions: [
          { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
          { option: 'OTHER_COSTS_40_STAFF', rateBp: 4000 },
        ],
        minEuCents: 5_000_000,
        maxEuCents: 50_000_000,
      },
    });
    expect(plan.violations).toEqual([]);
  });
});

describe('computeFinancingPlan — flat rates', () => {
  it('INDIRECT_7_DIRECT applies 7 % to every direct category except in-kind, floored to the cent', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_7_DIRECT',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 3_333_333 },
        { category: 'OTHER_DIRECT', amountCents: 1_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 500_000 },
        { category: 'PARTICIPANTS', amountCents: 200_000 },
        { category: 'IN_KIND', amountCents: 100_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 5_211_382 },
        { type: 'SELF', amountCents: 174_284 },
        { type: 'IN_KIND', amountCents: 100_000 },
      ],
    });
    expect(plan.directCostsCents).toBe(5_133_333);
    expect(plan.flatRateCostsCents).toBe(352_333); // 352 333,31 → floor
    expect(plan.totalEligibleCostsCents).toBe(5_485_666);
    expect(plan.maxEsfPlusCents).toBe(5_211_382); // 5 211 382,70 → floor
    expect(plan.otherResourcesCents).toBe(274_284);
    expect(plan.balanced).toBe(true);
    // Under 200 000 €, the in-kind line is in no flat-rate base: refused (docs/domain/cost-options.md).
    expect(codes(plan)).toEqual(['SCO_REQUIRED_UNDER_200K']);
    expect(plan.violations[0]?.message).toContain('Ligne de dépense n° 5 (contributions en nature)');
  });

  it('floors the flat rate: 15 % of 999,99 € is 149,99 €, of 0,01 € is 0', () => {
    const flat = (staff: number) =>
      computeFinancingPlan({
        costOption: 'INDIRECT_15_STAFF',
        rateBp: 9500,
        stateAid: false,
        lines: [{ category: 'STAFF', amountCents: staff }],
        resources: [],
      }).flatRateCostsCents;
    expect(flat(99_999)).toBe(14_999);
    expect(flat(1)).toBe(0);
  });

  it('OTHER_COSTS_40_STAFF: 40 % of staff, participants at real cost', () => {
    const plan = computeFinancingPlan({
      costOption: 'OTHER_COSTS_40_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 5_000_000 },
        { category: 'PARTICIPANTS', amountCents: 1_000_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 7_600_000 },
        { type: 'PUBLIC', amountCents: 400_000 },
      ],
    });
    expect(plan.flatRateCostsCents).toBe(2_000_000);
    expect(plan.totalEligibleCostsCents).toBe(8_000_000);
    expect(plan.maxEsfPlusCents).toBe(7_600_000);
    expect(plan.violations).toEqual([]);
  });

  it('OTHER_COSTS_40_STAFF refuses each line the 40 % already covers', () => {
    const plan = computeFinancingPlan({
      costOption: 'OTHER_COSTS_40_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 5_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 300_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 200_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 7_125_000 },
        { type: 'SELF', amountCents: 375_000 },
      ],
    });
    expect(codes(plan)).toEqual(['LINE_NOT_ALLOWED_FOR_OPTION', 'LINE_NOT_ALLOWED_FOR_OPTION']);
    expect(plan.violations[0]?.message).toContain('n° 2');
    expect(plan.violations[1]?.message).toContain('n° 3');
  });

  it('keeps every cent on amounts where a float product would round wrongly', () => {
    const plan = computeFinancingPlan({
      costOption: 'REAL_COSTS',
      rateBp: 9500,
      stateAid: true,
      lines: [{ category: 'STAFF', amountCents: 6_000_000_000_000_001 }],
      resources: [],
    });
    // 6 000 000 000 000 001 × 0,95 = 5 700 000 000 000 000,95: floating point gives …001.
    expect(plan.maxEsfPlusCents).toBe(5_700_000_000_000_000);
  });
});

describe('computeFinancingPlan — call options', () => {
  const lines = [{ category: 'STAFF' as const, amountCents: 8_000_000 }];

  it('refuses an option the call does not allow', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_7_DIRECT',
      rateBp: 9500,
      stateAid: false,
      lines,
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_120_000 },
        { type: 'SELF', amountCents: 440_000 },
      ],
      call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }], minEuCents: 0, maxEuCents: null },
    });
    expect(codes(plan)).toEqual(['OPTION_NOT_ALLOWED_BY_CALL']);
  });

  it('refuses a flat rate above the rate the call sets for the option', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      flatRateBp: 1500,
      rateBp: 9500,
      stateAid: false,
      lines,
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_740_000 },
        { type: 'SELF', amountCents: 460_000 },
      ],
      call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1000 }], minEuCents: 0, maxEuCents: null },
    });
    expect(codes(plan)).toEqual(['OPTION_NOT_ALLOWED_BY_CALL']);
    expect(plan.violations[0]?.message).toContain('10\u202f%');
  });

  it("applies the call's lower rate when no flat rate is given", () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines,
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_360_000 },
        { type: 'SELF', amountCents: 440_000 },
      ],
      call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1000 }], minEuCents: 0, maxEuCents: null },
    });
    expect(plan.flatRateCostsCents).toBe(800_000);
    expect(plan.violations).toEqual([]);
  });

  it('defaults to the regulation maximum without a call', () => {
    const plan = computeFinancingPlan({ costOption: 'OTHER_COSTS_40_STAFF', rateBp: 9500, stateAid: false, lines, resources: [] });
    expect(plan.flatRateCostsCents).toBe(3_200_000);
  });
});
