import type { EligibilityRule } from '../eligibility-facts';
import { LEGAL_REFERENCES } from './legal-references';

/** I 2° in the law's words: a form of enterprise, a production process of goods or services, or a work organisation. */
const I2_LABEL = "I 2° (forme innovante d'entreprise, processus innovant de production de biens ou de services, ou mode innovant d'organisation du travail)";

/** Article 15, I: the project meets I 1° or I 2° (either suffices). */
export const art15IRule: EligibilityRule = ({ answers }) => {
  const met = [answers.I_1 ? 'I 1° (besoins sociaux non ou mal satisfaits)' : null, answers.I_2 ? I2_LABEL : null].filter(
    (label): label is string => label !== null,
  );
  return {
    ruleId: 'ART15_I',
    passed: met.length > 0,
    reason:
      met.length > 0
        ? `Innovation sociale au sens de l'article 15, I : critère ${met.join(' et critère ')} rempli.`
        : `Le projet ne remplit ni le critère I 1° (besoins sociaux non ou mal satisfaits) ni le critère ${I2_LABEL}.`,
    legalReference: LEGAL_REFERENCES.ART15_I,
  };
};
