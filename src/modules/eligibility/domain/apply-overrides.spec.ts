import { DomainError } from '../../../common/errors/domain-error';
import { applyOverrides } from './apply-overrides';
import { eligibleFacts } from './eligibility-facts.fixture';
import { evaluateEligibility } from './evaluate-eligibility';

const failingScope = () => evaluateEligibility(eligibleFacts({ targetPublics: ['PERSONNES_DETENUES'] }));

describe('applyOverrides', () => {
  it('overrides a rule, recomputes the verdict and keeps the engine result beside it', () => {
    const report = failingScope();
    expect(report.eligible).toBe(false);
    const reviewed = applyOverrides(report, [
      { ruleId: 'P6_TARGET_PUBLIC', passed: true, reason: '  Public assimilé aux demandeurs d’emploi de longue durée (note DGEFP).  ' },
    ]);
    expect(reviewed.eligible).toBe(true);
    expect(reviewed.engineEligible).toBe(false);
    const scope = reviewed.results.find((r) => r.ruleId === 'P6_TARGET_PUBLIC');
    expect(scope).toMatchObject({
      passed: true,
      reason: 'Public assimilé aux demandeurs d’emploi de longue durée (note DGEFP).',
      override: { passed: true, reason: 'Public assimilé aux demandeurs d’emploi de longue durée (note DGEFP).' },
      engineResult: report.results[2],
    });
    expect(reviewed.results.find((r) => r.ruleId === 'ART15_I')?.override).toBeNull();
  });

  it('can turn an engine pass into a failure', () => {
    const reviewed = applyOverrides(evaluateEligibility(eligibleFacts()), [
      { ruleId: 'ART15_I', passed: false, reason: 'Le besoin invoqué est déjà couvert par le dispositif local.' },
    ]);
    expect(reviewed.eligible).toBe(false);
    expect(reviewed.engineEligible).toBe(true);
  });

  it('accepts a written confirmation and leaves the engine report untouched', () => {
    const report = failingScope();
    const snapshot = structuredClone(report);
    const reviewed = applyOverrides(report, [{ ruleId: 'P6_TARGET_PUBLIC', passed: false, reason: 'Confirmé.' }]);
    expect(reviewed.eligible).toBe(false);
    expect(report).toEqual(snapshot);
  });

  it('without overrides the verdict is the engine one', () => {
    const reviewed = applyOverrides(failingScope(), []);
    expect(reviewed.eligible).toBe(false);
    expect(reviewed.results.every((r) => r.override === null && r.passed === r.engineResult.passed)).toBe(true);
  });

  it('requires a reason, a known rule and one decision per rule', () => {
    try {
      applyOverrides(failingScope(), [
        { ruleId: 'P6_TARGET_PUBLIC', passed: true, reason: '   ' },
        { ruleId: 'ART99', passed: true, reason: 'x' },
        { ruleId: 'ART15_I', passed: true, reason: 'ok' },
        { ruleId: 'ART15_I', passed: false, reason: 'ko' },
      ]);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details.errors?.map((f) => `${f.path}:${f.code}`)).toEqual([
        'overrides[0].reason:REASON_REQUIRED',
        'overrides[1].ruleId:UNKNOWN_RULE',
        'overrides[3].ruleId:DUPLICATE_RULE',
      ]);
    }
  });
});
