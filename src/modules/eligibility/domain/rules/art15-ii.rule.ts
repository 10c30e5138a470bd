import type { EligibilityRule } from '../eligibility-facts';
import { LEGAL_REFERENCES } from './legal-references';

/** Article 15, II: market-financing difficulty, waived only when the support is granted by a collectivité territoriale (../grantor.ts). */
export const art15IIRule: EligibilityRule = ({ answers, funderIsCollectiviteTerritoriale }) => {
  let reason: string;
  if (funderIsCollectiviteTerritoriale) {
    reason = "L'aide est accordée par une collectivité territoriale : la condition de l'article 15, II ne s'applique pas.";
  } else if (answers.II) {
    reason = 'Le caractère innovant du projet rend difficile son financement intégral aux conditions normales du marché (article 15, II).';
  } else {
    reason =
      "Le porteur n'établit pas que le caractère innovant du projet rend difficile son financement intégral aux conditions normales du marché (article 15, II), et le financeur n'est pas une collectivité territoriale.";
  }
  return {
    ruleId: 'ART15_II',
    passed: funderIsCollectiviteTerritoriale || answers.II,
    reason,
    legalReference: LEGAL_REFERENCES.ART15_II,
  };
};
