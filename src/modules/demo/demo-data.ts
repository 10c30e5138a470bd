import type { Role } from '../auth/roles';

/** Shared by every demo account; printed by `npm start`, refused in production. */
export const DEMO_PASSWORD = 'essaim-demo-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  organisation?: 'A' | 'B';
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'gestionnaire@demo.essaim.fr', displayName: 'Camille Gestion', roles: ['PROGRAMME_MANAGER'] },
  { email: 'instructeur@demo.essaim.fr', displayName: 'Hugo Instruction', roles: ['INSTRUCTOR'] },
  { email: 'evaluatrice@demo.essaim.fr', displayName: 'Inès Évaluation', roles: ['EVALUATOR'] },
  { email: 'evaluateur@demo.essaim.fr', displayName: 'Paul Évaluation', roles: ['EVALUATOR'] },
  { email: 'autorite@demo.essaim.fr', displayName: 'Agnès Autorité', roles: ['MANAGING_AUTHORITY'] },
  { email: 'admin@demo.essaim.fr', displayName: 'Alex Administration', roles: ['ADMINISTRATOR'] },
  { email: 'porteur@demo.essaim.fr', displayName: 'Léa Porteuse', roles: ['APPLICANT'], organisation: 'A' },
  { email: 'porteuse@demo.essaim.fr', displayName: 'Karim Porteur', roles: ['APPLICANT'], organisation: 'B' },
];

export const DEMO_ORGANISATIONS = {
  A: {
    siret: '78213456300017',
    legalName: 'Association Les Ruches Solidaires',
    legalForm: 'ASSOCIATION_1901',
    essStatus: true,
    vatRecovery: false,
    advanceCategory: 'OTHER',
    addressLine: '12 rue des Abeilles',
    postalCode: '69003',
    city: 'Lyon',
    departement: '69',
  },
  B: {
    siret: '81245678800015',
    legalName: 'SCIC Essaimons',
    legalForm: 'SCIC',
    essStatus: true,
    vatRecovery: true,
    advanceCategory: 'OTHER',
    addressLine: '4 place du Marché',
    postalCode: '35000',
    city: 'Rennes',
    departement: '35',
  },
} as const;

/** A Priority 6 call open from yesterday for 60 days, so a fresh demo can submit at once. */
export function demoCall(now: Date) {
  const day = 86_400_000;
  return {
    reference: `AAP-P6-${now.getUTCFullYear()}-01`,
    title: 'Innovation sociale et essaimage — appel à projets 2026',
    description:
      "Soutenir l'expérimentation et l'essaimage de projets socialement innovants au sens de l'article 15 de la loi n° 2014-856 du 31 juillet 2014, au titre de la priorité 6 du programme national FSE+.",
    maxRateBp: 9500,
    envelopeCents: 500_000_000,
    opensAt: new Date(now.getTime() - day),
    closesAt: new Date(now.getTime() + 60 * day),
    minEuCents: 5_000_000,
    maxEuCents: 40_000_000,
    minDurationMonths: 12,
    maxDurationMonths: 36,
    costOptions: [
      { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
      { option: 'INDIRECT_7_DIRECT', rateBp: 700 },
      { option: 'OTHER_COSTS_40_STAFF', rateBp: 4000 },
      { option: 'REAL_COSTS', rateBp: 0 },
    ],
    requiredDocumentTypes: ['STATUTS', 'RIB', 'BUDGET_PREVISIONNEL', 'LETTRE_ENGAGEMENT'],
    targetPublics: ['PERSONNES_ELOIGNEES_EMPLOI', 'JEUNES_NEET', 'PERSONNES_EN_SITUATION_DE_HANDICAP', 'HABITANTS_QPV'],
  };
}
