import { eligibleFacts } from '../eligibility-facts.fixture';
import { p6OperationTypeRule } from './p6-operation-type.rule';
import { p6TargetPublicRule } from './p6-target-public.rule';

describe('P6_TARGET_PUBLIC', () => {
  it('passes when every target public is within the call', () => {
    const result = p6TargetPublicRule(eligibleFacts({ targetPublics: ['JEUNES_NEET', 'FAMILLES_MONOPARENTALES'] }));
    expect(result).toMatchObject({ ruleId: 'P6_TARGET_PUBLIC', passed: true });
    expect(result.legalReference).toContain('priorité 6');
  });

  it('fails when one public is outside, naming it', () => {
    const result = p6TargetPublicRule(eligibleFacts({ targetPublics: ['JEUNES_NEET', 'RETRAITES', 'SENIORS'] }));
    expect(result.passed).toBe(false);
    expect(result.reason).toBe("Publics cibles hors du champ de l'appel : Retraites ; Seniors.");
  });

  it('fails when the dossier declares no target public', () => {
    const result = p6TargetPublicRule(eligibleFacts({ targetPublics: [] }));
    expect(result.passed).toBe(false);
    expect(result.reason).toBe("Aucun public cible n'est déclaré pour le dossier.");
  });
});

describe('P6_OPERATION_TYPE', () => {
  it('passes for a type the call allows', () => {
    expect(p6OperationTypeRule(eligibleFacts({ operationType: 'SANS_PARTICIPANTS' }))).toMatchObject({
      ruleId: 'P6_OPERATION_TYPE',
      passed: true,
    });
  });

  it('fails for another type, listing the allowed ones', () => {
    const result = p6OperationTypeRule(eligibleFacts({ allowedOperationTypes: ['SANS_PARTICIPANTS'] }));
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      "Le type d'opération « Opération avec participants » n'est pas prévu par l'appel (types admis : Opération sans participants (appui aux structures)).",
    );
  });
});

describe('P6_OPERATION_TYPE — no declared type', () => {
  it('fails when the dossier declares no operation type', () => {
    expect(p6OperationTypeRule(eligibleFacts({ operationType: null }))).toMatchObject({
      passed: false,
      reason: "Aucun type d'opération n'est déclaré pour le dossier.",
    });
  });
});

describe('P6 scope — a call that lists no code does not restrict', () => {
  it('passes any operation type, even an undeclared one, when the call lists none', () => {
    expect(p6OperationTypeRule(eligibleFacts({ allowedOperationTypes: [], operationType: 'FORMATION' }))).toMatchObject({
      passed: true,
      reason: "L'appel ne restreint pas les types d'opération.",
    });
    expect(p6OperationTypeRule(eligibleFacts({ allowedOperationTypes: [], operationType: null })).passed).toBe(true);
  });

  it('passes any declared public when the call lists none, but still needs one', () => {
    expect(p6TargetPublicRule(eligibleFacts({ allowedTargetPublics: [], targetPublics: ['RETRAITES'] }))).toMatchObject({
      passed: true,
      reason: expect.stringContaining('ne restreint pas'),
    });
    expect(p6TargetPublicRule(eligibleFacts({ allowedTargetPublics: [], targetPublics: [] })).passed).toBe(false);
  });
});
