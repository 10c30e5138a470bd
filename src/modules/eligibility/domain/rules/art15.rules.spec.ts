import { eligibleFacts } from '../eligibility-facts.fixture';
import { art15IRule } from './art15-i.rule';
import { art15IIRule } from './art15-ii.rule';

const answers = (I_1: boolean, I_2: boolean, II: boolean) => ({ I_1, I_2, II });

describe('ART15_I — I 1° or I 2°', () => {
  it.each([
    [true, false, true],
    [false, true, true],
    [true, true, true],
    [false, false, false],
  ])('I_1=%s, I_2=%s → passed=%s', (I_1, I_2, passed) => {
    const result = art15IRule(eligibleFacts({ answers: answers(I_1, I_2, true) }));
    expect(result).toMatchObject({ ruleId: 'ART15_I', passed });
    expect(result.legalReference).toContain('art. 15, I');
  });

  it('explains a failure in French', () => {
    expect(art15IRule(eligibleFacts({ answers: answers(false, false, true) })).reason).toContain('ne remplit ni le critère I 1°');
    expect(art15IRule(eligibleFacts({ answers: answers(true, true, true) })).reason).toContain('I 1°');
  });
});

describe('ART15_II — market financing difficulty, unless a collectivité territoriale funds', () => {
  it('passes when II is established', () => {
    const result = art15IIRule(eligibleFacts({ answers: answers(true, false, true) }));
    expect(result).toMatchObject({ ruleId: 'ART15_II', passed: true });
    expect(result.legalReference).toContain('art. 15, II');
  });

  it('fails without II when the funder is not a collectivité territoriale (State or Avise funding)', () => {
    const result = art15IIRule(eligibleFacts({ answers: answers(true, false, false) }));
    expect(result.passed).toBe(false);
    expect(result.reason).toContain("le financeur n'est pas une collectivité territoriale");
  });

  it('exempts a collectivité territoriale funder from II', () => {
    const result = art15IIRule(eligibleFacts({ answers: answers(true, false, false), funderIsCollectiviteTerritoriale: true }));
    expect(result.passed).toBe(true);
    expect(result.reason).toContain('collectivité territoriale');
    expect(result.reason).toContain("ne s'applique pas");
  });

  it('does not judge I: the exemption says nothing about I 1° / I 2°', () => {
    const facts = eligibleFacts({ answers: answers(false, false, false), funderIsCollectiviteTerritoriale: true });
    expect(art15IIRule(facts).passed).toBe(true);
    expect(art15IRule(facts).passed).toBe(false);
  });
});
