import fc from 'fast-check';
import { applyOverrides } from './apply-overrides';
import { eligibleFacts } from './eligibility-facts.fixture';
import { evaluateEligibility } from './evaluate-eligibility';
import { verdictOf } from './verdict';
import { at } from '../../../common/collections';

describe('verdictOf', () => {
  it('is ELIGIBLE when every effective result passes, with no reason', () => {
    expect(verdictOf(applyOverrides(evaluateEligibility(eligibleFacts()), []))).toEqual({ verdict: 'ELIGIBLE', reasons: [] });
  });

  it('gives every failing rule as a reason, after overrides', () => {
    const report = evaluateEligibility(eligibleFacts({ answers: { I_1: false, I_2: false, II: false }, operationType: 'FORMATION' }));
    const reviewed = applyOverrides(report, [{ ruleId: 'ART15_II', passed: true, reason: 'Difficulté de financement établie par les pièces.' }]);
    const v = verdictOf(reviewed);
    expect(v.verdict).toBe('INELIGIBLE');
    expect(v.reasons.map((r) => r.ruleId)).toEqual(['ART15_I', 'P6_OPERATION_TYPE']);
    expect(v.reasons[0]?.legalReference).toContain('art. 15, I');
  });

  it('an override can make an ineligible dossier eligible, and the reverse', () => {
    const failing = evaluateEligibility(eligibleFacts({ targetPublics: ['RETRAITES'] }));
    expect(verdictOf(applyOverrides(failing, [{ ruleId: 'P6_TARGET_PUBLIC', passed: true, reason: 'Public assimilé par la note de cadrage.' }])).verdict).toBe(
      'ELIGIBLE',
    );
    const passing = evaluateEligibility(eligibleFacts());
    expect(verdictOf(applyOverrides(passing, [{ ruleId: 'ART15_I', passed: false, reason: 'Besoin déjà couvert sur le territoire.' }])).verdict).toBe(
      'INELIGIBLE',
    );
  });

  it('property: the Article 15 formula and the scope rules decide, whatever the facts and overrides', () => {
    const ruleIds = ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'];
    fc.assert(
      fc.property(
        fc.record({ I_1: fc.boolean(), I_2: fc.boolean(), II: fc.boolean() }),
        fc.boolean(),
        fc.boolean(),
        fc.subarray(ruleIds).chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }))),
        (answers, collectivite, inScope, [ids, passes]) => {
          const facts = eligibleFacts({ answers, funderIsCollectiviteTerritoriale: collectivite, operationType: inScope ? 'AVEC_PARTICIPANTS' : 'AUTRE' });
          const overrides = ids.map((ruleId, i) => ({ ruleId, passed: at(passes, i, 'fixture'), reason: 'Motif écrit de l’instructeur.' }));
          const v = verdictOf(applyOverrides(evaluateEligibility(facts), overrides));
          const effective = (id: string, engine: boolean) => (ids.includes(id) ? passes[ids.indexOf(id)] : engine);
          const art15 = effective('ART15_I', answers.I_1 || answers.I_2) && effective('ART15_II', collectivite || answers.II);
          const scope = effective('P6_TARGET_PUBLIC', true) && effective('P6_OPERATION_TYPE', inScope) && effective('P6_EXISTING_PROJECT', true);
          expect(v.verdict).toBe(art15 && scope ? 'ELIGIBLE' : 'INELIGIBLE');
          expect(v.reasons.length === 0).toBe(art15 && scope);
        },
      ),
    );
  });
});
