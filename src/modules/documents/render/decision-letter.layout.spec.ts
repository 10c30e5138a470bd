import { cents } from '../../../common/money/cents';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionLetterData, decisionLetterLayout, DecisionLetterTexts, LETTER_OUTCOMES } from './decision-letter.layout';
import { TEST_ISSUER } from './issuer.fixture';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/decision-letter.json'), 'utf8')) as DecisionLetterTexts;
const NB = '\u202f';

const base: DecisionLetterData = {
  issuer: TEST_ISSUER,
  version: 1,
  number: 'AAP-2026-000042',
  outcome: 'INADMISSIBLE',
  decidedAt: new Date('2026-05-04T08:00:00Z'),
  organisation: { legalName: 'Association Les Ruches Solidaires', address: '1 rue de la Paix, 69003 Lyon' },
  project: { title: 'Tiers-lieu de l’emploi', startDate: '2026-09-01' },
  call: { reference: 'AAP-P6-2026-01', title: 'Innovation sociale' },
  reasons: ['Pièce manquante : RIB.', 'Montant FSE+ inférieur au minimum de l’appel.'],
};
const committee = { title: 'Comité de programmation du 15 juin 2026', date: new Date('2026-06-15T08:00:00Z') };
const text = (d: DecisionLetterData): string => JSON.stringify(decisionLetterLayout(d, texts)).replace(/\u00a0/g, ' ');

describe('decision letter layout', () => {
  it('states the means of redress in every outcome', () => {
    for (const outcome of LETTER_OUTCOMES) {
      const all = text({
        ...base,
        outcome,
        committee,
        favorable: { euCents: cents(100), totalEligibleCents: cents(200), conditions: null, signatureDeadlineDays: 30 },
      });
      expect(all).toContain('Voies et délais de recours');
      expect(all).toContain(`recours gracieux adressé à ${TEST_ISSUER.name}`);
      expect(all).toContain('délai de deux mois');
      expect(all).toContain('devant le Tribunal administratif de Lyon (184 rue Duguesclin, 69003 Lyon)');
      // CRPA art. L212-1: the signatory's name and title.
      expect(all).toContain('Dominique Bernard\\ndirectrice générale, par délégation de la présidente');
    }
  });

  it('inadmissible: lists the reasons of the admissibility review', () => {
    const all = text(base);
    expect(all).toContain('Demande irrecevable');
    expect(all).toContain('1. Pièce manquante : RIB.');
    expect(all).toContain('2. Montant FSE+ inférieur au minimum');
    expect(all).toContain('4 mai 2026');
  });

  it('ineligible: cites Article 15 and the failed rules', () => {
    const all = text({ ...base, outcome: 'INELIGIBLE', reasons: ['Article 15 I : aucun besoin social mal satisfait démontré.'] });
    expect(all).toContain('article 15 de la loi n° 2014-856');
    expect(all).toContain('1. Article 15 I : aucun besoin social');
    expect(all).toContain('règle par règle, le rapport d’éligibilité');
  });

  it('défavorable: prints the reason code wording then the committee reason', () => {
    const all = text({ ...base, outcome: 'DEFAVORABLE', reasonCode: 'BUDGET', reasons: ['Rang 14, enveloppe épuisée.'], committee });
    expect(all).toContain('réuni le 15 juin 2026');
    expect(all).toContain('1. Enveloppe de l’appel à projets insuffisante');
    expect(all).toContain('2. Rang 14, enveloppe épuisée.');
  });

  it('ajourné: lists the requests', () => {
    const all = text({ ...base, outcome: 'POSTPONED', reasons: ['Préciser le budget de communication.'], committee });
    expect(all).toContain('Demande ajournée');
    expect(all).toContain('Éléments demandés');
    expect(all).toContain('1. Préciser le budget de communication.');
  });

  it('favorable: prints the amount, the rate and the conditions', () => {
    const all = text({
      ...base,
      outcome: 'FAVORABLE',
      reasons: [],
      committee,
      favorable: { euCents: cents(9_000_000), totalEligibleCents: cents(11_200_000), conditions: 'Recruter un second animateur.', signatureDeadlineDays: 30 },
    });
    expect(all).toContain(`90${NB}000,00${NB}€`);
    expect(all).toContain(`112${NB}000,00${NB}€`);
    expect(all).toContain(`80,35${NB}%`);
    expect(all).toContain('Recruter un second animateur.');
    expect(all).not.toContain('Pièce manquante');
    expect(all).toContain('Décision d’attribution, sous réserve de la signature de la convention');
    expect(all).toContain('subordonnée à la signature de la convention attributive');
    expect(all).toContain('vous disposerez de 30 jours à compter de sa mise à disposition pour la signer');
    expect(all).toContain('qu’à compter du 1er septembre 2026');
    expect(all).toContain('l’est à vos risques');
  });

  it('reduced award: a proposal to accept by revising the plan before the answer date; refusal or silence is renunciation', () => {
    const all = text({
      ...base,
      outcome: 'AWARD_PROPOSED',
      reasons: [],
      committee,
      favorable: { euCents: cents(12_000_000), totalEligibleCents: cents(16_000_000), conditions: 'Recruter un coordinateur.', signatureDeadlineDays: 30 },
      proposal: { retainedEuCents: cents(15_000_000), proposedEuCents: cents(12_000_000), answerDueDate: '2026-07-15' },
    });
    expect(all).toContain('Proposition d’attribution d’un montant FSE+ réduit, à accepter');
    expect(all).toContain(`pour un montant FSE+ réduit à 120${NB}000,00${NB}€ au lieu des 150${NB}000,00${NB}€ retenus à l’instruction`);
    expect(all).toContain('Ce montant est une proposition : il ne vous est attribué que si vous l’acceptez');
    expect(all).toContain(`dans la limite du montant FSE+ proposé (120${NB}000,00${NB}€)`);
    expect(all).toContain('au plus tard le 15 juillet 2026');
    expect(all).toContain('votre refus comme votre silence valent renonciation à la subvention');
    expect(all).toContain('["Date limite de réponse","15 juillet 2026"]');
    expect(all).toContain('Recruter un coordinateur.');
    // Not a grant: no signature deadline, no « décision d'attribution ».
    expect(all).not.toContain('Décision d’attribution');
    expect(all).not.toContain('pour la signer');
  });
});
