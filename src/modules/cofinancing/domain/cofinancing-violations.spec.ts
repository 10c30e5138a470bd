import { DomainError } from '../../../common/errors/domain-error';
import { computeFinancingPlan, type FinancingPlan } from './cofinancing';

const codes = (plan: FinancingPlan) => plan.violations.map((v) => v.code);

describe('computeFinancingPlan — simplified costs under 200 000 € (CPR art. 53(2))', () => {
  const realCosts = (cte: number, stateAid: boolean) =>
    computeFinancingPlan({
      costOption: 'REAL_COSTS',
      rateBp: 9500,
      stateAid,
      lines: [{ category: 'STAFF', amountCents: cte }],
      resources: [],
    });

  it('refuses real costs at exactly 200 000,00 €', () => {
    const plan = realCosts(20_000_000, false);
    expect(codes(plan)).toContain('SCO_REQUIRED_UNDER_200K');
    expect(plan.violations.find((v) => v.code === 'SCO_REQUIRED_UNDER_200K')?.message).toContain('200\u202f000,00\u202f€');
  });

  it('accepts real costs at 200 000,01 €', () => {
    expect(codes(realCosts(20_000_001, false))).not.toContain('SCO_REQUIRED_UNDER_200K');
  });

  it('accepts real costs under 200 000 € when the support is State aid', () => {
    expect(codes(realCosts(10_000_000, true))).not.toContain('SCO_REQUIRED_UNDER_200K');
  });
});

describe('computeFinancingPlan — EU amount', () => {
  const base = {
    costOption: 'INDIRECT_15_STAFF' as const,
    rateBp: 9500,
    stateAid: false,
    lines: [{ category: 'STAFF' as const, amountCents: 10_000_000 }],
  };

  it('refuses one cent above the rate, even when the plan balances', () => {
    const plan = computeFinancingPlan({
      ...base,
      resources: [
        { type: 'ESF_PLUS', amountCents: 10_925_001 },
        { type: 'SELF', amountCents: 574_999 },
      ],
    });
    expect(plan.maxEsfPlusCents).toBe(10_925_000);
    expect(plan.balanced).toBe(true);
    expect(codes(plan)).toEqual(['ESF_EXCEEDS_RATE']);
  });

  it('adds up several ESF+ resource lines', () => {
    const plan = computeFinancingPlan({
      ...base,
      resources: [
        { type: 'ESF_PLUS', amountCents: 10_000_000 },
        { type: 'ESF_PLUS', amountCents: 925_000 },
        { type: 'PRIVATE', amountCents: 300_000 },
        { type: 'REVENUE', amountCents: 275_000 },
      ],
    });
    expect(plan.requestedEsfPlusCents).toBe(10_925_000);
    expect(plan.otherResourcesCents).toBe(575_000);
    expect(plan.violations).toEqual([]);
  });

  it('checks the call minimum and maximum', () => {
    const call = { allowedOptions: [{ option: 'INDIRECT_15_STAFF' as const, rateBp: 1500 }], minEuCents: 5_000_000, maxEuCents: 8_000_000 };
    const below = computeFinancingPlan({
      ...base,
      call,
      resources: [
        { type: 'ESF_PLUS', amountCents: 4_999_999 },
        { type: 'SELF', amountCents: 6_500_001 },
      ],
    });
    const above = computeFinancingPlan({
      ...base,
      call,
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_000_001 },
        { type: 'SELF', amountCents: 3_499_999 },
      ],
    });
    const atMax = computeFinancingPlan({
      ...base,
      call,
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_000_000 },
        { type: 'SELF', amountCents: 3_500_000 },
      ],
    });
    expect(codes(below)).toEqual(['ESF_BELOW_CALL_MINIMUM']);
    expect(codes(above)).toEqual(['ESF_ABOVE_CALL_MAXIMUM']);
    expect(codes(atMax)).toEqual([]);
  });
});

describe('computeFinancingPlan — balance and in-kind', () => {
  it('reports an unbalanced plan and in-kind resources that differ from in-kind costs', () => {
    const plan = computeFinancingPlan({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 1_000_000 },
        { category: 'IN_KIND', amountCents: 50_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 1_000_000 },
        { type: 'IN_KIND', amountCents: 40_000 },
      ],
    });
    expect(plan.totalEligibleCostsCents).toBe(1_200_000);
    expect(plan.balanced).toBe(false);
    expect(codes(plan)).toEqual(['SCO_REQUIRED_UNDER_200K', 'PLAN_UNBALANCED', 'IN_KIND_MISMATCH']);
  });
});

describe('computeFinancingPlan — all violations at once', () => {
  it('reports negative amounts with every other problem in one pass', () => {
    const plan = computeFinancingPlan({
      costOption: 'REAL_COSTS',
      rateBp: 9500,
      stateAid: false,
      lines: [
        { category: 'STAFF', amountCents: 1_000_000 },
        { category: 'OTHER_DIRECT', amountCents: -10_000 },
        { category: 'IN_KIND', amountCents: 20_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 2_000_000 },
        { type: 'SELF', amountCents: -1 },
      ],
      call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }], minEuCents: 2_500_000, maxEuCents: 1_500_000 },
    });
    expect(codes(plan)).toEqual([
      'NEGATIVE_AMOUNT',
      'NEGATIVE_AMOUNT',
      'OPTION_NOT_ALLOWED_BY_CALL',
      'SCO_REQUIRED_UNDER_200K',
      'SCO_REQUIRED_UNDER_200K',
      'ESF_EXCEEDS_RATE',
      'ESF_BELOW_CALL_MINIMUM',
      'ESF_ABOVE_CALL_MAXIMUM',
      'PLAN_UNBALANCED',
      'IN_KIND_MISMATCH',
    ]);
    expect(plan.directCostsCents).toBe(1_010_000);
  });
});

describe('computeFinancingPlan — malformed input is a 400, not a violation', () => {
  const valid = { costOption: 'INDIRECT_15_STAFF' as const, rateBp: 9500, stateAid: false, lines: [], resources: [] };

  it('throws VALIDATION_FAILED on a non-integer amount, naming the field', () => {
    const run = () => computeFinancingPlan({ ...valid, lines: [{ category: 'STAFF', amountCents: 100.5 }] });
    expect(run).toThrow(DomainError);
    try {
      run();
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details.errors?.[0]?.path).toBe('lines[0].amountCents');
    }
    expect(() => computeFinancingPlan({ ...valid, resources: [{ type: 'SELF', amountCents: Number.NaN }] })).toThrow(DomainError);
  });

  it('throws on rates outside 0..10 000 bp or above the regulation maximum', () => {
    expect(() => computeFinancingPlan({ ...valid, rateBp: 9500.5 })).toThrow(DomainError);
    expect(() => computeFinancingPlan({ ...valid, rateBp: 10_001 })).toThrow(DomainError);
    expect(() => computeFinancingPlan({ ...valid, flatRateBp: 1501 })).toThrow('must not exceed 1500');
    expect(() => computeFinancingPlan({ ...valid, costOption: 'REAL_COSTS', flatRateBp: 100 })).toThrow('must not exceed 0');
  });

  it('throws on unknown options, categories and resource types', () => {
    const raw = (patch: object) => computeFinancingPlan({ ...valid, ...patch } as Parameters<typeof computeFinancingPlan>[0]);
    expect(() => raw({ costOption: 'UNIT_COSTS' })).toThrow('costOption must be one of');
    expect(() => raw({ lines: [{ category: 'TRAVEL', amountCents: 1 }] })).toThrow('lines[0].category');
    expect(() => raw({ resources: [{ type: 'LOAN', amountCents: 1 }] })).toThrow('resources[0].type');
  });

  it('throws rather than lose cents when a total leaves the safe-integer range', () => {
    const huge = { category: 'STAFF' as const, amountCents: Number.MAX_SAFE_INTEGER };
    expect(() => computeFinancingPlan({ ...valid, lines: [huge, huge] })).toThrow('safe integer range');
  });
});
