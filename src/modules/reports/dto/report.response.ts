import type { ReportFormat, ReportStatus, ReportType } from '../domain/report-kinds';

export interface ReportResponse {
  id: string;
  type: ReportType;
  format: ReportFormat;
  callId: string | null;
  callReference: string | null;
  priority: number;
  status: ReportStatus;
  failureReason: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  rowCount: number | null;
  fileName: string;
  requestedAt: string;
  readyAt: string | null;
  contentUrl: string | null;
}
