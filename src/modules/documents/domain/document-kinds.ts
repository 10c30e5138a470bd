/**
 * What each kind of generated document is about, who may ask for it and who may read it (docs/domain/documents.md). Access is
 * object-level: the subject decides (a dossier's organisation, staff roles), and a document nobody may read is a 404.
 */
export const DOCUMENT_KINDS = [
  'RECEIPT',
  'CONVENTION',
  'DECISION_LETTER',
  'COMMITTEE_MINUTES',
  'EXECUTION_REPORT',
  'PARTICIPANT_NOTICE',
  'VERIFICATION_REPORT',
  'PAYMENT_CERTIFICATE',
  'RECOVERY_ORDER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** `call` is reserved for the funding reports of the managing authority (docs/domain/reports.md). */
export type SubjectType = 'application' | 'committee_session' | 'call';

type StaffRole = 'INSTRUCTOR' | 'EVALUATOR' | 'PROGRAMME_MANAGER' | 'MANAGING_AUTHORITY' | 'ADMINISTRATOR';

export interface DocumentKindSpec {
  subjectType: SubjectType;
  /** French label for pages and file names. */
  label: string;
  fileStem: string;
  /** Members of the dossier's organisation may read it (only for application subjects). */
  applicantReads: boolean;
  /** Staff roles that may read it. */
  staffReaders: readonly StaffRole[];
  /** Roles that may request or regenerate it through the API. */
  requesters: readonly StaffRole[];
  /**
   * SINGLE: one version ever (a request finds it, or retries it when it failed);
   * NEW_VERSION: each request adds the next version (a letter per decision, a convention per amendment).
   */
  versionPolicy: 'SINGLE' | 'NEW_VERSION';
}

// Evaluators may be external to the intermediate body: they read dossiers through their panels, not these letters.
const DOSSIER_STAFF: readonly StaffRole[] = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'];

export const DOCUMENT_KIND_SPECS: Readonly<Record<DocumentKind, DocumentKindSpec>> = {
  RECEIPT: {
    subjectType: 'application',
    label: 'Accusé de réception',
    fileStem: 'accuse-de-reception',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'],
    versionPolicy: 'SINGLE',
  },
  CONVENTION: {
    subjectType: 'application',
    label: 'Convention attributive',
    fileStem: 'convention-attributive',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: ['INSTRUCTOR', 'PROGRAMME_MANAGER'],
    versionPolicy: 'NEW_VERSION',
  },
  DECISION_LETTER: {
    subjectType: 'application',
    label: 'Lettre de décision',
    fileStem: 'lettre-de-decision',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: ['INSTRUCTOR', 'PROGRAMME_MANAGER'],
    versionPolicy: 'NEW_VERSION',
  },
  COMMITTEE_MINUTES: {
    subjectType: 'committee_session',
    label: 'Procès-verbal du comité de programmation',
    fileStem: 'proces-verbal-comite',
    applicantReads: false,
    staffReaders: DOSSIER_STAFF,
    requesters: ['PROGRAMME_MANAGER', 'ADMINISTRATOR'],
    versionPolicy: 'NEW_VERSION',
  },
  // One per submitted report (its request key is the report): produced by the submission, never asked through the API.
  EXECUTION_REPORT: {
    subjectType: 'application',
    label: "Bilan d'exécution",
    fileStem: 'bilan-execution',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: [],
    versionPolicy: 'NEW_VERSION',
  },
  // The information notice the beneficiary hands to participants (ESF+ data collection, GDPR art. 13-14).
  PARTICIPANT_NOTICE: {
    subjectType: 'application',
    label: 'Notice d’information des participants',
    fileStem: 'notice-information-participants',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: ['INSTRUCTOR', 'PROGRAMME_MANAGER'],
    versionPolicy: 'NEW_VERSION',
  },
  // One per validated payment (request key payment-<id>) and per recovery order (recovery-<id>); produced by the
  // payments module, never asked through the API (docs/domain/payments.md).
  PAYMENT_CERTIFICATE: {
    subjectType: 'application',
    label: 'Certificat de paiement',
    fileStem: 'certificat-de-paiement',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: [],
    versionPolicy: 'NEW_VERSION',
  },
  RECOVERY_ORDER: {
    subjectType: 'application',
    label: 'Ordre de recouvrement',
    fileStem: 'ordre-de-recouvrement',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: [],
    versionPolicy: 'NEW_VERSION',
  },
  // « Rapport de contrôle de service fait »: one per finalised verification (its request key), never asked through the API.
  VERIFICATION_REPORT: {
    subjectType: 'application',
    label: 'Rapport de contrôle de service fait',
    fileStem: 'rapport-controle-service-fait',
    applicantReads: true,
    staffReaders: DOSSIER_STAFF,
    requesters: [],
    versionPolicy: 'NEW_VERSION',
  },
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export interface Viewer {
  roles: readonly string[];
  /** Member of the organisation that owns the subject dossier. */
  member: boolean;
  /** Staff see a dossier only once it was submitted (drafts are the applicant's). */
  subjectSubmitted: boolean;
}

export function canRead(kind: DocumentKind, v: Viewer): boolean {
  const spec = DOCUMENT_KIND_SPECS[kind];
  if (spec.applicantReads && v.member) return true;
  return v.subjectSubmitted && spec.staffReaders.some((r) => v.roles.includes(r));
}

export function canRequest(kind: DocumentKind, v: Viewer): boolean {
  return v.subjectSubmitted && DOCUMENT_KIND_SPECS[kind].requesters.some((r) => v.roles.includes(r));
}
