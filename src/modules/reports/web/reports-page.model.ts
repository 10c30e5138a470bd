import type { AuthContext } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import { allowedFormats, REPORT_STATUS_LABELS, REPORT_TYPE_LABELS, REPORT_TYPES } from '../domain/report-kinds';
import type { ReportResponse } from '../dto/report.response';
import { frenchDateTime, frenchSize } from '../../../common/fr';

export interface FormValues {
  type: string;
  format: string;
  callId: string;
}

const FORMAT_LABELS: Record<string, string> = { PDF: 'PDF', CSV: 'CSV, tableur, séparateur point-virgule', XLSX: 'XLSX, Excel' };
const STATUS_BADGES: Record<string, string> = { PENDING: 'fr-badge--info', READY: 'fr-badge--success', FAILED: 'fr-badge--error' };

/** What reports/index.njk reads. */
export function reportsPageModel(
  auth: AuthContext,
  d: { calls: { id: string; reference: string; title: string }[]; reports: ReportResponse[]; values: FormValues },
) {
  const roles = auth.user.roles;
  const nav = [
    { href: '/accueil', label: 'Accueil' },
    { href: '/autorite-de-gestion/rapports', label: 'Rapports et exports', current: true },
  ];
  return {
    user: { displayName: auth.user.displayName, roleLabels: roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
    csrfToken: auth.csrfToken,
    nav,
    canRequest: roles.includes('MANAGING_AUTHORITY') || roles.includes('ADMINISTRATOR'),
    values: d.values,
    // One choice per report and format the server produces (allowedFormats): no combination it would refuse is offered.
    reportItems: REPORT_TYPES.flatMap((t) => allowedFormats(t).map((f) => ({ value: `${t}:${f}`, text: `${REPORT_TYPE_LABELS[t]} (${FORMAT_LABELS[f]})` }))),
    callItems: d.calls.map((c) => ({ value: c.id, text: `${c.reference} — ${c.title}` })),
    reports: d.reports.map(reportRow),
    hasPending: d.reports.some((r) => r.status === 'PENDING'),
  };
}

/** One row of the table of requested reports, as the page shows it and as its status endpoint answers it. */
export function reportRow(r: ReportResponse) {
  return {
    id: r.id,
    typeLabel: REPORT_TYPE_LABELS[r.type],
    format: r.format,
    scope: r.callReference ?? `Tous les appels de la priorité ${r.priority}`,
    requestedAt: frenchDateTime(new Date(r.requestedAt)),
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    badge: STATUS_BADGES[r.status],
    failureReason: r.failureReason,
    href: r.contentUrl,
    fileName: r.fileName,
    sizeText: r.sizeBytes === null ? null : frenchSize(r.sizeBytes),
    rowCount: r.rowCount,
    sha256: r.sha256,
  };
}
