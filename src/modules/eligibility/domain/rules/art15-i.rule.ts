import type { EligibilityRule } from '../eligibility-facts';
import { LEGAL_REFERENCES } from './legal-references';

/** Article 15, I: the project meets I 1° or I 2° (either suffices). */
export const art15IRule: EligibilityRule = ({ answers }) => {
  const met = [
    answers.I_1 ? 'I 1° (besoins sociaux non ou mal satisfaits)' : null,
    answers.I_2 ? "I 2° (forme innovante d'entreprise, de production ou d'organisation du travail)" : null,
  ].filter((label): label is string => label !== null);
  return {
    ruleId: 'ART15_I',
    passed: met.length > 0,
    reason:
      met.length > 0
        ? `Innovation sociale au sens de l'article 15, I : critère ${met.join(' et critère ')} rempli.`
        : "Le projet ne remplit ni le critère I 1° (besoins sociaux non ou mal satisfaits) ni le critère I 2° (forme innovante d'entreprise, de production ou d'organisation du travail).",
    legalReference: LEGAL_REFERENCES.ART15_I,
  };
};
