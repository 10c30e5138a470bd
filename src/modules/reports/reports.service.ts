import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { OutboxService } from '../../common/outbox/outbox.service';
import { OBJECT_STORAGE, type ObjectStorage } from '../files/storage/object-storage';
import { JobName } from '../../jobs/queues';
import type { AuthUser } from '../auth/auth-context';
import { allowedFormats, mediaTypeOf, reportFileName } from './domain/report-kinds';
import type { CreateReportDto } from './dto/create-report.dto';
import type { ListReportsQuery, ReportListResponse, ReportResponse } from './dto/report.response';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/http/time-id-cursor';
import { type ReportExportRow, ReportExportsRepository } from './report-exports.repository';

/** Priority 6 "Innovation sociale" of the PN FSE+: the only priority this intermediate body manages. */
export const REPORT_PRIORITY = 6;

type Reader = Pick<AuthUser, 'id' | 'roles'>;

/** Programme managers read the reports of calls; the managing authority and administrators read and request all. */
const readsAll = (u: Reader): boolean => u.roles.includes('MANAGING_AUTHORITY') || u.roles.includes('ADMINISTRATOR');

@Injectable()
export class ReportsService {
  constructor(
    private readonly audit: AuditService,
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly reports: ReportExportsRepository,
  ) {}

  /**
   * Records the request and its job in one transaction (audit row last); the worker generates the file. The same
   * request while an identical one is still PENDING answers that one (`created: false`): nothing is queued twice.
   */
  async request(dto: CreateReportDto, user: Reader, actor: Actor): Promise<{ report: ReportResponse; created: boolean }> {
    if (!allowedFormats(dto.type).includes(dto.format)) {
      const expected = allowedFormats(dto.type).join(' ou ');
      throw new DomainError('VALIDATION_FAILED', 'Format non proposé pour ce rapport.', {
        errors: [{ path: 'format', code: 'FORMAT_NOT_OFFERED', message: `Ce rapport est disponible en ${expected}.` }],
      });
    }
    const callId = dto.callId ?? null;
    const { id, created } = await this.dataSource.transaction(async (em) => {
      if (callId) {
        const calls: unknown[] = await em.query(`SELECT 1 FROM call WHERE id = $1 AND priority = $2 AND status <> 'DRAFT'`, [callId, REPORT_PRIORITY]);
        if (calls.length === 0) {
          throw new DomainError('VALIDATION_FAILED', 'Appel à projets inconnu.', {
            errors: [{ path: 'callId', code: 'UNKNOWN_CALL', message: 'Aucun appel publié de la priorité 6 ne porte cet identifiant.' }],
          });
        }
      }
      const inserted = await this.reports.insert(em, { type: dto.type, format: dto.format, callId, priority: REPORT_PRIORITY, requestedBy: user.id });
      if (!inserted.created) return inserted;
      const reportId = inserted.id;
      await this.outbox.enqueue(em, JobName.GenerateReportExport, { reportId });
      await this.audit.record(em, actor, {
        action: 'report.requested',
        subjectType: 'report_export',
        subjectId: reportId,
        after: { type: dto.type, format: dto.format, callId },
      });
      return inserted;
    });
    if (created) this.relay.kick();
    return { report: await this.get(id, user), created };
  }

  /** Newest first, `limit` (default 50, at most 100) per page with an opaque cursor (docs/api.md). */
  async list(user: Reader, query: ListReportsQuery = {}): Promise<ReportListResponse> {
    const limit = query.limit ?? 50;
    const before = query.cursor ? decodeTimeIdCursor(query.cursor) : null;
    const rows = await this.reports.list({ limit: limit + 1, callsOnly: !readsAll(user), before: before && { requestedAt: before.at, id: before.id } });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toResponse), nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.requestedAtKey, last.id) : null };
  }

  async get(id: string, user: Reader): Promise<ReportResponse> {
    return toResponse(await this.visible(id, user));
  }

  /** The generated file; each download is audited (the exports name beneficiaries). */
  async open(id: string, user: Reader, actor: Actor): Promise<{ report: ReportResponse; mediaType: string; stream: Readable }> {
    const row = await this.visible(id, user);
    if (row.status !== 'READY' || !row.storageKey)
      throw new DomainError('REPORT_NOT_READY', 'Le rapport n’est pas encore disponible.', { reportStatus: row.status });
    const stream = await this.objects.get(row.storageKey);
    try {
      await this.dataSource.transaction((em) => this.audit.record(em, actor, { action: 'report.downloaded', subjectType: 'report_export', subjectId: id }));
    } catch (e) {
      stream.destroy();
      throw e;
    }
    return { report: toResponse(row), mediaType: mediaTypeOf(row.format), stream };
  }

  /** A report the reader may not see is reported as absent. */
  private async visible(id: string, user: Reader): Promise<ReportExportRow> {
    const row = await this.reports.findById(id);
    if (!row || (!readsAll(user) && row.callId === null)) throw new DomainError('NOT_FOUND', 'Rapport introuvable.');
    return row;
  }
}

export function toResponse(r: ReportExportRow): ReportResponse {
  return {
    id: r.id,
    type: r.type,
    format: r.format,
    callId: r.callId,
    callReference: r.callReference,
    priority: r.priority,
    status: r.status,
    failureReason: r.failureReason,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    rowCount: r.rowCount,
    fileName: reportFileName({ type: r.type, format: r.format, callReference: r.callReference, priority: r.priority, requestedAt: r.requestedAt }),
    requestedAt: r.requestedAt.toISOString(),
    readyAt: r.readyAt ? r.readyAt.toISOString() : null,
    contentUrl: r.status === 'READY' ? `/api/v1/reports/${r.id}/content` : null,
  };
}
