/** What the managing authority may request (docs/domain/reports.md) and how each export is delivered. */
export const REPORT_TYPES = ['FUNDING_REPORT', 'PROGRAMMING_TABLE', 'OPERATIONS', 'FINANCIAL_DATA', 'PAYMENTS', 'INDICATORS', 'PAYMENT_FORECAST'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_FORMATS = ['PDF', 'CSV', 'XLSX'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_STATUSES = ['PENDING', 'READY', 'FAILED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The funding report is a document (PDF); the others are tables (CSV or XLSX). */
export function allowedFormats(type: ReportType): readonly ReportFormat[] {
  return type === 'FUNDING_REPORT' ? ['PDF'] : ['CSV', 'XLSX'];
}

export const REPORT_TYPE_LABELS: Readonly<Record<ReportType, string>> = {
  FUNDING_REPORT: 'Rapport de financement',
  PROGRAMMING_TABLE: 'Tableau de programmation',
  OPERATIONS: 'Liste des opérations (art. 49(3) RPDC)',
  FINANCIAL_DATA: 'Données financières (art. 42, annexe VII RPDC)',
  PAYMENTS: 'Paiements validés (fichier pour la comptabilité)',
  INDICATORS: 'Indicateurs réalisés face aux cibles (EECO, EECR)',
  PAYMENT_FORECAST: 'Prévision des paiements par trimestre',
};

export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  PENDING: 'En préparation',
  READY: 'Prêt',
  FAILED: 'Échec',
};

const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  PDF: 'application/pdf',
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mediaTypeOf(format: ReportFormat): string {
  return MEDIA_TYPES[format];
}

export function extensionOf(format: ReportFormat): string {
  return format.toLowerCase();
}

const FILE_STEMS: Readonly<Record<ReportType, string>> = {
  FUNDING_REPORT: 'rapport-financement',
  PROGRAMMING_TABLE: 'tableau-programmation',
  OPERATIONS: 'liste-operations',
  FINANCIAL_DATA: 'donnees-financieres',
  PAYMENTS: 'paiements',
  INDICATORS: 'indicateurs',
  PAYMENT_FORECAST: 'prevision-paiements',
};

/**
 * A download name built only from known words, the call reference reduced to [A-Za-z0-9-] and the request date:
 * nothing a user typed can reach the header unfiltered.
 */
export function reportFileName(r: { type: ReportType; format: ReportFormat; callReference: string | null; priority: number; requestedAt: Date }): string {
  const scope = r.callReference
    ? r.callReference
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'appel'
    : `priorite-${r.priority}`;
  const day = r.requestedAt.toISOString().slice(0, 10);
  return `${FILE_STEMS[r.type]}_${scope}_${day}.${extensionOf(r.format)}`;
}
