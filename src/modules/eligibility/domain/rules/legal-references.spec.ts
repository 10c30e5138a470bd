import fc from 'fast-check';
import { LEGAL_REFERENCES } from './legal-references';
import { ARTICLE15_CHAPEAU, ARTICLE15_QUESTIONS, ESF_PLUS_SOCIAL_INNOVATION } from '../../../applications/domain/labels';
import { art15IIWaivedFor } from '../grantor';
import { eligibleFacts } from '../eligibility-facts.fixture';
import { art15IRule } from './art15-i.rule';
import { art15IIRule } from './art15-ii.rule';

describe('legal references printed to users', () => {
  it('carry no internal rule id, cite the ESF+ definition beside article 15 and the official priority title', () => {
    for (const ref of Object.values(LEGAL_REFERENCES)) expect(ref).not.toMatch(/\[|SI-B|CPR-/);
    expect(LEGAL_REFERENCES.ART15_I).toContain('règlement (UE) 2021/1057');
    expect(LEGAL_REFERENCES.P6_SCOPE).toContain("« Favoriser l'innovation sociale et l'essaimage des dispositifs innovants »");
  });

  it('quote article 15 exactly in the applicant questions', () => {
    expect(ARTICLE15_QUESTIONS.i1).toContain(
      '« répondre à des besoins sociaux non ou mal satisfaits, que ce soit dans les conditions actuelles du marché ou dans le cadre des politiques publiques »',
    );
    expect(ARTICLE15_QUESTIONS.i2).toContain('par un processus innovant de production de biens ou de services');
    expect(ARTICLE15_QUESTIONS.i2).toContain("relèvent également de l'innovation sociale");
  });
});

describe('article 15, II waiver (loi n° 2014-856, art. 15, II, second sentence)', () => {
  it('follows the grantor: only support granted by a collectivité territoriale is exempt', () => {
    expect(art15IIWaivedFor('COLLECTIVITE_TERRITORIALE')).toBe(true);
    expect(art15IIWaivedFor('STATE_DESIGNATED_BODY')).toBe(false);
  });

  it('never waives II for a State-designated grantor, whatever the answers (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (I_1, I_2, II) => {
        const facts = eligibleFacts({ answers: { I_1, I_2, II }, funderIsCollectiviteTerritoriale: art15IIWaivedFor('STATE_DESIGNATED_BODY') });
        expect(art15IIRule(facts).passed).toBe(II);
        expect(art15IRule(facts).passed).toBe(I_1 || I_2);
      }),
    );
  });

  it('words the rules with the law: I 2° names the production process of goods or services, the reference cites art. 2, point 8', () => {
    const facts = eligibleFacts({ answers: { I_1: false, I_2: false, II: false }, funderIsCollectiviteTerritoriale: false });
    expect(art15IRule(facts).reason).toContain('processus innovant de production de biens ou de services');
    expect(art15IRule(facts).legalReference).toContain('règlement (UE) 2021/1057 du 24 juin 2021 (FSE+), art. 2, point 8');
    expect(art15IIRule(facts).legalReference).toContain('art. 2, point 8');
    expect(ARTICLE15_QUESTIONS.ii).toContain("« Pour bénéficier des financements publics au titre de l'innovation sociale");
    expect(ARTICLE15_QUESTIONS.ii).toContain("Cette condition ne s'applique pas aux financements accordés par les collectivités territoriales. »");
    expect(ARTICLE15_CHAPEAU).toContain("le projet d'une ou de plusieurs entreprises consistant à offrir des produits ou des services");
    expect(ESF_PLUS_SOCIAL_INNOVATION).toContain('article 2, point 8');
    for (const text of [ARTICLE15_CHAPEAU, ESF_PLUS_SOCIAL_INNOVATION, ...Object.values(ARTICLE15_QUESTIONS)])
      expect(text).not.toMatch(/SI-B|CPR-|ESF-|ART15_/);
  });
});
