import { isLessThanOneYearBefore, parseCalendarDate } from '../calendar-date';
import type { EligibilityFacts, EligibilityRule } from '../eligibility-facts';
import { LEGAL_REFERENCES } from './legal-references';
import { frenchNumericDate } from '../../../../common/fr';

/**
 * Priority 6 scope: a new project passes; an existing one passes only if its experimental phase began less than
 * one year before submission, or it spreads to a territory never funded before, or it changes its approach substantially.
 */
export const p6ExistingProjectRule: EligibilityRule = (facts) => {
  const result = (passed: boolean, reason: string) => ({
    ruleId: 'P6_EXISTING_PROJECT' as const,
    passed,
    reason,
    legalReference: LEGAL_REFERENCES.P6_SCOPE,
  });
  if (!facts.existingProject) {
    return result(true, "Projet nouveau : la condition relative aux projets existants ne s'applique pas.");
  }
  const recent = recentExperimentation(facts);
  const grounds = [
    recent.met ? recent.text : null,
    facts.newTerritory ? 'il essaime sur un territoire jamais financé auparavant' : null,
    facts.substantialChange ? 'il modifie substantiellement son approche' : null,
  ].filter((ground): ground is string => ground !== null);
  if (grounds.length > 0) return result(true, `Projet existant éligible : ${grounds.join(' ; ')}.`);
  return result(
    false,
    `Projet existant non éligible : ${recent.text} ; il n'essaime pas sur un territoire jamais financé et ne modifie pas substantiellement son approche.`,
  );
};

function recentExperimentation(facts: EligibilityFacts): { met: boolean; text: string } {
  const submitted = parseCalendarDate(facts.submissionDate, 'submissionDate');
  if (facts.experimentationStartDate === null) {
    return { met: false, text: "la date de début de la phase expérimentale n'est pas renseignée" };
  }
  const start = parseCalendarDate(facts.experimentationStartDate, 'experimentationStartDate');
  const met = isLessThanOneYearBefore(start, submitted);
  const dates = `débutée le ${frenchNumericDate(start)}, dépôt le ${frenchNumericDate(submitted)}`;
  return {
    met,
    text: met
      ? `sa phase expérimentale a débuté moins d'un an avant le dépôt (${dates})`
      : `sa phase expérimentale a débuté un an ou plus avant le dépôt (${dates})`,
  };
}
