import type { EligibilityRule } from '../eligibility-facts';
import { targetPublicLabel } from '../../../applications/domain/labels';
import { LEGAL_REFERENCES } from './legal-references';

/**
 * Priority 6 scope: every target public of the dossier is one the call accepts; a call that lists none does not
 * restrict them (as at submission), but the dossier must still declare at least one.
 */
export const p6TargetPublicRule: EligibilityRule = ({ targetPublics, allowedTargetPublics }) => {
  const allowed = new Set(allowedTargetPublics);
  const outside = allowed.size === 0 ? [] : [...new Set(targetPublics)].filter((code) => !allowed.has(code));
  let reason: string;
  // An empty declaration cannot show the dossier is in scope, so it fails rather than passing vacuously.
  if (targetPublics.length === 0) reason = "Aucun public cible n'est déclaré pour le dossier.";
  else if (outside.length > 0) reason = `Publics cibles hors du champ de l'appel : ${outside.map(targetPublicLabel).join(' ; ')}.`;
  else if (allowed.size === 0)
    reason = `L'appel ne restreint pas les publics cibles (publics déclarés : ${[...new Set(targetPublics)].map(targetPublicLabel).join(' ; ')}).`;
  else reason = `Tous les publics cibles du dossier relèvent de l'appel (${[...new Set(targetPublics)].map(targetPublicLabel).join(' ; ')}).`;
  return {
    ruleId: 'P6_TARGET_PUBLIC',
    passed: targetPublics.length > 0 && outside.length === 0,
    reason,
    legalReference: LEGAL_REFERENCES.P6_SCOPE,
  };
};
