import fc from 'fast-check';
import type { EligibilityFacts } from './eligibility-facts';
import { eligibleFacts } from './eligibility-facts.fixture';
import { ELIGIBILITY_RULES, RULE_SET_VERSION, evaluateEligibility } from './evaluate-eligibility';

const ALL_RULES = ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'];

describe('evaluateEligibility — scenarios', () => {
  it('an eligible dossier: every rule passes, one result per rule, with the rule-set version', () => {
    const report = evaluateEligibility(eligibleFacts());
    expect(report.ruleSetVersion).toBe(RULE_SET_VERSION);
    expect(report.eligible).toBe(true);
    expect(report.results.map((r) => r.ruleId)).toEqual(ALL_RULES);
    expect(report.results.every((r) => r.passed && r.reason.length > 0 && r.legalReference.length > 0)).toBe(true);
  });

  it('does not stop at the first failure: every failing rule is reported', () => {
    const report = evaluateEligibility(
      eligibleFacts({
        answers: { I_1: false, I_2: false, II: false },
        targetPublics: ['RETRAITES'],
        existingProject: true,
        experimentationStartDate: '2019-09-01',
      }),
    );
    expect(report.eligible).toBe(false);
    expect(report.results.filter((r) => !r.passed).map((r) => r.ruleId)).toEqual(['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_EXISTING_PROJECT']);
  });

  it('rejects malformed facts before running any rule', () => {
    expect(() => evaluateEligibility(eligibleFacts({ submissionDate: '2025-3-15' }))).toThrow('Invalid eligibility facts');
  });
});

const code = fc.constantFrom('A', 'B', 'C', 'D');
const isoDate = fc
  .integer({ min: Date.UTC(2015, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const factsArb: fc.Arbitrary<EligibilityFacts> = fc.record({
  answers: fc.record({ I_1: fc.boolean(), I_2: fc.boolean(), II: fc.boolean() }),
  funderIsCollectiviteTerritoriale: fc.boolean(),
  targetPublics: fc.array(code, { maxLength: 3 }),
  allowedTargetPublics: fc.array(code, { maxLength: 4 }),
  operationType: code,
  allowedOperationTypes: fc.array(code, { maxLength: 4 }),
  existingProject: fc.boolean(),
  experimentationStartDate: fc.option(isoDate, { nil: null }),
  submissionDate: isoDate,
  newTerritory: fc.boolean(),
  substantialChange: fc.boolean(),
});

describe('evaluateEligibility — properties', () => {
  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const before = structuredClone(facts);
        expect(evaluateEligibility(facts)).toEqual(evaluateEligibility(structuredClone(facts)));
        expect(facts).toEqual(before);
      }),
    );
  });

  it('reports every rule once, every failing rule among them, and is eligible iff all pass', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const report = evaluateEligibility(facts);
        expect(report.results.map((r) => r.ruleId)).toEqual(ALL_RULES);
        const failing = ELIGIBILITY_RULES.map((rule) => rule(facts)).filter((r) => !r.passed);
        for (const failure of failing) expect(report.results).toContainEqual(failure);
        expect(report.eligible).toBe(failing.length === 0);
        expect(report.eligible).toBe(report.results.every((r) => r.passed));
      }),
    );
  });

  it('agrees with the Article 15 formula of docs/domain/eligibility.md', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const { I_1, I_2, II } = facts.answers;
        const art15 = evaluateEligibility(facts).results.filter((r) => r.ruleId.startsWith('ART15'));
        expect(art15.every((r) => r.passed)).toBe((I_1 || I_2) && (facts.funderIsCollectiviteTerritoriale || II));
      }),
    );
  });

  it('an existing project on its dates alone passes the day before the anniversary, fails on it', () => {
    const notLeapDay = isoDate.filter((date) => !date.endsWith('-02-29'));
    fc.assert(
      fc.property(notLeapDay, (start) => {
        const anniversary = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
        const dayBefore = new Date(Date.parse(`${anniversary}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const verdict = (submissionDate: string) =>
          evaluateEligibility(eligibleFacts({ existingProject: true, experimentationStartDate: start, submissionDate })).eligible;
        expect(verdict(dayBefore)).toBe(true);
        expect(verdict(anniversary)).toBe(false);
      }),
    );
  });
});
