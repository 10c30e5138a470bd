import type { CostOption } from '../../cofinancing/domain/cofinancing';

/** French wording of the codes a call stores, for pages and messages. Unknown codes are shown as they are. */
export const COST_OPTION_LABELS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'Coûts réels',
  INDIRECT_15_STAFF: 'Coûts indirects forfaitaires sur les frais de personnel',
  INDIRECT_7_DIRECT: 'Coûts indirects forfaitaires sur les coûts directs',
  OTHER_COSTS_40_STAFF: 'Autres coûts forfaitaires sur les frais de personnel',
  INDIRECT_25_CALCULATED: 'Coûts indirects forfaitaires à taux justifié',
  STAFF_20_OTHER_DIRECT: 'Frais de personnel forfaitaires sur les autres coûts directs',
  DRAFT_BUDGET: 'Somme forfaitaire sur projet de budget',
};

/** The regulation article behind each option (CPR = règlement (UE) 2021/1060). */
export const COST_OPTION_LEGAL_BASIS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'art. 53(1)(a) RPDC',
  INDIRECT_15_STAFF: 'art. 54(b) RPDC, 15 % au plus',
  INDIRECT_7_DIRECT: 'art. 54(a) RPDC, 7 % au plus',
  OTHER_COSTS_40_STAFF: 'art. 56(1) RPDC, 40 % au plus',
  INDIRECT_25_CALCULATED: 'art. 54(c) RPDC, 25 % au plus, calcul justifié',
  STAFF_20_OTHER_DIRECT: 'art. 55(1) RPDC, 20 % au plus',
  DRAFT_BUDGET: 'art. 53(3)(b) RPDC, coût total de 200 000 € au plus',
};

export const FUNDER_TYPES = ['STATE', 'COLLECTIVITE_TERRITORIALE', 'OTHER_PUBLIC'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

export const FUNDER_TYPE_LABELS: Readonly<Record<FunderType, string>> = {
  STATE: 'État',
  COLLECTIVITE_TERRITORIALE: 'Collectivité territoriale',
  OTHER_PUBLIC: 'Autre financeur public',
};

export const CALL_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_STATUS_LABELS: Readonly<Record<CallStatus, string>> = {
  DRAFT: 'Brouillon',
  PUBLISHED: 'Publié',
  ARCHIVED: 'Archivé',
};

const CODE_LABELS: Readonly<Record<string, string>> = {
  // Required documents
  STATUTS: 'Statuts de la structure',
  RIB: "Relevé d'identité bancaire",
  BUDGET_PREVISIONNEL: 'Budget prévisionnel',
  LETTRE_ENGAGEMENT: "Lettre d'engagement signée",
  KBIS: 'Extrait Kbis ou avis de situation SIRENE',
  COMPTES_ANNUELS: 'Derniers comptes annuels approuvés',
  DELEGATION_SIGNATURE: 'Délégation de signature',
  // Target publics
  PERSONNES_ELOIGNEES_EMPLOI: "Personnes éloignées de l'emploi",
  JEUNES_NEET: 'Jeunes ni en emploi, ni en études, ni en formation (NEET)',
  PERSONNES_EN_SITUATION_DE_HANDICAP: 'Personnes en situation de handicap',
  HABITANTS_QPV: 'Habitants des quartiers prioritaires de la politique de la ville',
  DEMANDEURS_EMPLOI_LONGUE_DUREE: "Demandeurs d'emploi de longue durée",
  SENIORS: 'Seniors',
  // Operation types
  EXPERIMENTATION: "Expérimentation d'un projet socialement innovant",
  ESSAIMAGE: "Essaimage d'un dispositif innovant sur un nouveau territoire",
  CHANGEMENT_ECHELLE: "Changement d'échelle",
};

/** The French label of a document, public or operation-type code, or the code itself when none is known. */
export function codeLabel(code: string): string {
  return (Object.hasOwn(CODE_LABELS, code) ? CODE_LABELS[code] : undefined) ?? code;
}
