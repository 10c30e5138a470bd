import type { EligibilityRule } from '../eligibility-facts';
import { operationTypeLabel } from '../../../applications/domain/labels';
import { LEGAL_REFERENCES } from './legal-references';

/**
 * Priority 6 scope: the operation type is one the call accepts. The scope rules are configured by the call: a call
 * that lists no operation type does not restrict them (as at submission).
 */
export const p6OperationTypeRule: EligibilityRule = ({ operationType, allowedOperationTypes }) => {
  const unrestricted = allowedOperationTypes.length === 0;
  const passed = unrestricted || (operationType !== null && allowedOperationTypes.includes(operationType));
  return {
    ruleId: 'P6_OPERATION_TYPE',
    passed,
    reason: unrestricted
      ? "L'appel ne restreint pas les types d'opération."
      : operationType === null
        ? "Aucun type d'opération n'est déclaré pour le dossier."
        : passed
          ? `Le type d'opération « ${operationTypeLabel(operationType)} » est prévu par l'appel.`
          : `Le type d'opération « ${operationTypeLabel(operationType)} » n'est pas prévu par l'appel (types admis : ${allowedOperationTypes.map(operationTypeLabel).join(', ') || 'aucun'}).`,
    legalReference: LEGAL_REFERENCES.P6_SCOPE,
  };
};
