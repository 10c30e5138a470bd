import { ROLE_LABELS, Role } from '../auth/roles';

export interface HomeLink {
  href: string;
  label: string;
  description: string;
}

export interface HomeSection {
  role: Role;
  roleLabel: string;
  title: string;
  description: string;
  links: HomeLink[];
}

const API_DOCS: HomeLink = { href: '/api/docs', label: "Documentation de l'API", description: 'Intégrer Essaim à vos outils (OpenAPI).' };

const VERIFICATIONS: HomeLink = {
  href: '/verifications',
  label: 'Bilans à vérifier',
  description: 'Contrôle de service fait des bilans déposés, avec le délai de paiement de 80 jours.',
};

const SECTIONS: Record<Role, Omit<HomeSection, 'role' | 'roleLabel'>> = {
  APPLICANT: {
    title: 'Mes demandes de subvention',
    description: 'Déposez un dossier sur un appel à projets ouvert, suivez son instruction et téléchargez vos accusés de réception et conventions.',
    links: [
      { href: '/dossiers', label: 'Mes dossiers', description: 'Préparer, compléter et déposer vos dossiers, puis suivre leur instruction.' },
      {
        href: '/appels',
        label: 'Appels ouverts',
        description: 'Consulter les appels à projets ouverts, leurs dates de clôture et leurs règles de financement.',
      },
      {
        href: '/structures',
        label: 'Mes structures',
        description: 'Enregistrer votre structure (SIRET), tenir ses informations à jour et inviter vos collègues.',
      },
    ],
  },
  INSTRUCTOR: {
    title: 'Instruction des dossiers',
    description: "Vérifiez la recevabilité et l'éligibilité (article 15 de la loi ESS) des dossiers déposés, puis rédigez le rapport d'instruction.",
    links: [
      { href: '/instruction', label: 'Dossiers à instruire', description: 'Les dossiers déposés par appel : filtrer, affecter, étiqueter et instruire.' },
      VERIFICATIONS,
    ],
  },
  EVALUATOR: {
    title: 'Évaluation en comité technique',
    description: "Déclarez vos conflits d'intérêts, notez les dossiers qui vous sont attribués selon la grille de l'appel et justifiez chaque note.",
    links: [
      {
        href: '/evaluation',
        label: 'Mes dossiers à évaluer',
        description: 'Déclarer vos intérêts, noter, soumettre, puis établir le consensus comme rapporteur.',
      },
    ],
  },
  PROGRAMME_MANAGER: {
    title: 'Pilotage des appels à projets',
    description: 'Configurez et publiez les appels à projets, organisez les comités de sélection et de programmation, suivez la consommation des enveloppes.',
    links: [
      { href: '/gestion/appels', label: 'Appels à projets', description: 'Rédiger, modifier et publier les appels à projets.' },
      { href: '/comite', label: 'Comités de programmation', description: 'Séances, ordre du jour issu du classement, quorum, déports et décisions.' },
      VERIFICATIONS,
      API_DOCS,
    ],
  },
  MANAGING_AUTHORITY: {
    title: 'Suivi pour l’autorité de gestion',
    description: 'Consultez la programmation et exportez les tableaux de suivi financier, la liste des opérations et les données financières.',
    links: [
      {
        href: '/autorite-de-gestion/rapports',
        label: 'Rapports et exports',
        description: 'Rapport de financement (PDF), programmation, liste des opérations et données financières (CSV, XLSX).',
      },
      API_DOCS,
    ],
  },
  ADMINISTRATOR: {
    title: 'Administration',
    description: 'Gérez les comptes et surveillez le bon fonctionnement du service.',
    links: [
      {
        href: '/administration/comptes',
        label: 'Comptes',
        description: 'Créer les comptes des agents et leurs rôles, désactiver, réinitialiser un accès, voir la dernière connexion.',
      },
      { href: '/administration/etat-du-service', label: 'État du service', description: 'Base de données, Redis, files de tâches et boîte d’envoi, version.' },
      API_DOCS,
    ],
  },
};

/** One section per role the user holds, in a stable order. */
export function homeSections(roles: readonly Role[]): HomeSection[] {
  return (Object.keys(SECTIONS) as Role[]).filter((r) => roles.includes(r)).map((role) => ({ role, roleLabel: ROLE_LABELS[role], ...SECTIONS[role] }));
}
