import { LEGAL_REFERENCES } from './legal-references';
import { ARTICLE15_QUESTIONS } from '../../../applications/domain/labels';

describe('legal references printed to users', () => {
  it('carry no internal rule id, cite the ESF+ definition beside article 15 and the official priority title', () => {
    for (const ref of Object.values(LEGAL_REFERENCES)) expect(ref).not.toMatch(/\[|SI-B|CPR-/);
    expect(LEGAL_REFERENCES.ART15_I).toContain('règlement (UE) 2021/1057');
    expect(LEGAL_REFERENCES.P6_SCOPE).toContain("« Favoriser l'innovation sociale et l'essaimage des dispositifs innovants »");
  });

  it('quote article 15 exactly in the applicant questions', () => {
    expect(ARTICLE15_QUESTIONS.i1).toContain('« répondre à des besoins sociaux non ou mal satisfaits, que ce soit dans les conditions actuelles du marché ou dans le cadre des politiques publiques »');
    expect(ARTICLE15_QUESTIONS.i2).toContain('par un processus innovant de production de biens ou de services');
    expect(ARTICLE15_QUESTIONS.i2).toContain('relèvent également de l\'innovation sociale');
  });
});
