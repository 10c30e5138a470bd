import type { CostOption, LineCategory, ResourceType } from '../../cofinancing/domain/cofinancing';

/** French wording of the codes a dossier uses; an unknown code is shown humanised rather than hidden. */
export const COST_OPTION_LABELS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'Coûts réels',
  INDIRECT_15_STAFF: 'Coûts indirects forfaitaires : 15 % des frais de personnel directs',
  INDIRECT_7_DIRECT: 'Coûts indirects forfaitaires : 7 % des coûts directs',
  OTHER_COSTS_40_STAFF: 'Autres coûts forfaitaires : 40 % des frais de personnel directs',
  INDIRECT_25_CALCULATED: 'Coûts indirects forfaitaires : taux justifié de 25 % au plus des coûts directs',
  STAFF_20_OTHER_DIRECT: 'Frais de personnel forfaitaires : 20 % des autres coûts directs',
  DRAFT_BUDGET: 'Somme forfaitaire établie sur projet de budget (opérations de 200 000 € au plus)',
};

export const LINE_CATEGORY_LABELS: Readonly<Record<LineCategory, string>> = {
  STAFF: 'Frais de personnel directs',
  OTHER_DIRECT: 'Autres coûts directs de fonctionnement',
  EXTERNAL_SERVICES: 'Prestations externes',
  PARTICIPANTS: 'Dépenses liées aux participants',
  IN_KIND: 'Contributions en nature',
};

export const RESOURCE_TYPE_LABELS: Readonly<Record<ResourceType, string>> = {
  ESF_PLUS: 'FSE+ (montant demandé)',
  PUBLIC: 'Autre cofinancement public',
  PRIVATE: 'Financement privé',
  SELF: 'Autofinancement',
  REVENUE: "Recettes de l'opération",
  IN_KIND: 'Contributions en nature',
};

const DOCUMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  STATUTS: 'Statuts de la structure',
  RIB: "Relevé d'identité bancaire (RIB)",
  BUDGET_PREVISIONNEL: 'Budget prévisionnel de la structure',
  LETTRE_ENGAGEMENT: "Lettre d'engagement signée",
  KBIS: 'Extrait Kbis ou avis de situation SIRENE',
  COMPTES_ANNUELS: 'Derniers comptes annuels approuvés',
  RAPPORT_ACTIVITE: "Dernier rapport d'activité",
  ATTESTATION_REGULARITE: 'Attestation de régularité fiscale et sociale',
  AUTRE: 'Autre pièce',
};

const TARGET_PUBLIC_LABELS: Readonly<Record<string, string>> = {
  PERSONNES_ELOIGNEES_EMPLOI: "Personnes éloignées de l'emploi",
  JEUNES_NEET: 'Jeunes ni en emploi, ni en études, ni en formation (NEET)',
  PERSONNES_EN_SITUATION_DE_HANDICAP: 'Personnes en situation de handicap',
  HABITANTS_QPV: 'Habitants des quartiers prioritaires de la politique de la ville',
};

const OPERATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  EXPERIMENTATION: 'Expérimentation',
  ESSAIMAGE: 'Essaimage',
  CHANGEMENT_ECHELLE: "Changement d'échelle",
  AVEC_PARTICIPANTS: 'Opération avec participants',
  SANS_PARTICIPANTS: 'Opération sans participants (appui aux structures)',
};

/** The codes a call's form offers as checkboxes (issue 14: chosen from lists, never typed). */
export const DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPE_LABELS).filter((c) => c !== 'AUTRE');
export const TARGET_PUBLICS = Object.keys(TARGET_PUBLIC_LABELS);
export const OPERATION_TYPES = Object.keys(OPERATION_TYPE_LABELS);

/** Offered when a call lists no operation type of its own. */
export const DEFAULT_OPERATION_TYPES = ['EXPERIMENTATION', 'ESSAIMAGE'];

/** Offered when a call lists no target public of its own. */
export const DEFAULT_TARGET_PUBLICS = Object.keys(TARGET_PUBLIC_LABELS);

/** The three questions of Article 15 of the loi ESS n° 2014-856 (docs/domain/eligibility.md). */
/**
 * The applicant's questions quote article 15 of the loi n° 2014-856 du 31 juillet 2014 word for word (between « »),
 * so that the answer is given against the law itself, not a paraphrase.
 */
export const ARTICLE15_QUESTIONS = {
  i1: 'I 1° — Le projet consiste-t-il à « répondre à des besoins sociaux non ou mal satisfaits, que ce soit dans les conditions actuelles du marché ou dans le cadre des politiques publiques » ?',
  i2: "I 2° — Le projet consiste-t-il à « répondre à des besoins sociaux par une forme innovante d'entreprise, par un processus innovant de production de biens ou de services ou encore par un mode innovant d'organisation du travail » ? La loi ajoute : « Les procédures de consultation et d'élaboration des projets socialement innovants auxquelles sont associés les bénéficiaires concernés par ce type de projet ainsi que les modalités de financement de tels projets relèvent également de l'innovation sociale. »",
  ii: "II — « Pour bénéficier des financements publics au titre de l'innovation sociale, le caractère innovant de son activité doit en outre engendrer pour l'entreprise des difficultés à en assurer le financement intégral aux conditions normales de marché. Cette condition ne s'applique pas aux financements accordés par les collectivités territoriales. » Est-ce le cas de votre projet ?",
} as const;
export type Article15Key = keyof typeof ARTICLE15_QUESTIONS;

/** The opening words of article 15, I, quoted before the questions. */
export const ARTICLE15_CHAPEAU =
  "« Est considéré comme relevant de l'innovation sociale le projet d'une ou de plusieurs entreprises consistant à offrir des produits ou des services présentant l'une des caractéristiques suivantes » (article 15, I, de la loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire).";

/**
 * The ESF+ definition of social innovation, cited beside article 15 (Regulation (EU) 2021/1057, art. 2, point 8);
 * summarised, not quoted, so that only the Official Journal's wording is ever put between « ».
 */
export const ESF_PLUS_SOCIAL_INNOVATION =
  "Pour le FSE+, l'innovation sociale est une activité sociale par ses fins comme par ses moyens, qui conçoit et met en œuvre de nouvelles idées (produits, services, pratiques, modèles) répondant à des besoins sociaux tout en créant de nouvelles relations ou collaborations sociales entre organisations publiques, privées et de la société civile (règlement (UE) 2021/1057 du 24 juin 2021, article 2, point 8).";
export const ARTICLE15_KEYS = Object.keys(ARTICLE15_QUESTIONS) as Article15Key[];

/** The pseudo-type every call accepts besides its required ones. */
export const OTHER_DOCUMENT_TYPE = 'AUTRE';

export function documentTypeLabel(code: string): string {
  return DOCUMENT_TYPE_LABELS[code] ?? humanise(code);
}

export function targetPublicLabel(code: string): string {
  return TARGET_PUBLIC_LABELS[code] ?? humanise(code);
}

export function operationTypeLabel(code: string): string {
  return OPERATION_TYPE_LABELS[code] ?? humanise(code);
}

function humanise(code: string): string {
  const text = code.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
