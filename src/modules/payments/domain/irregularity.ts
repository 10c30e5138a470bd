/** Irregularity types, as reported to the managing authority (CPR Annex XII, simplified to the intermediate body's cases). */
export const IRREGULARITY_TYPES = ['INELIGIBLE_EXPENDITURE', 'PUBLIC_PROCUREMENT', 'DOUBLE_FUNDING', 'MISSING_PROOF', 'SUSPECTED_FRAUD', 'OTHER'] as const;
export type IrregularityType = (typeof IRREGULARITY_TYPES)[number];

export const IRREGULARITY_TYPE_LABELS: Readonly<Record<IrregularityType, string>> = {
  INELIGIBLE_EXPENDITURE: 'Dépense inéligible',
  PUBLIC_PROCUREMENT: 'Commande publique',
  DOUBLE_FUNDING: 'Double financement',
  MISSING_PROOF: 'Pièces justificatives manquantes',
  SUSPECTED_FRAUD: 'Suspicion de fraude',
  OTHER: 'Autre',
};

export const IRREGULARITY_FOLLOW_UPS = ['OPEN', 'CORRECTED', 'RECOVERY', 'REPORTED_OLAF', 'CLOSED'] as const;
export type IrregularityFollowUp = (typeof IRREGULARITY_FOLLOW_UPS)[number];

export const IRREGULARITY_FOLLOW_UP_LABELS: Readonly<Record<IrregularityFollowUp, string>> = {
  OPEN: 'En cours d’analyse',
  CORRECTED: 'Correction financière appliquée',
  RECOVERY: 'Recouvrement engagé',
  REPORTED_OLAF: 'Signalée à l’OLAF (IMS)',
  CLOSED: 'Close',
};
