import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { parseSafeInteger } from '../../database/money.transformer';
import type { LineCategory } from '../cofinancing/domain/cofinancing';
import { first } from '../../common/collections';
import { readLatestPlanVersion } from '../applications/financing-plan-version.sql';

type Runner = DataSource | EntityManager;

export interface ReportRow {
  id: string;
  applicationId: string;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: 'DRAFT' | 'SUBMITTED' | 'CANCELLED';
  achievements: Record<string, string>;
  resources: { type: string; funderName: string | null; amountCents: number; receivedOn: string | null }[];
  postponementStatus: string | null;
  postponementDueDate: string | null;
  postponementReason: string | null;
  snapshot: unknown;
  submittedAt: Date | null;
  version: number;
}

export interface LineRow {
  id: string;
  category: LineCategory;
  label: string;
  supplier: string;
  documentRef: string;
  documentDate: string;
  incurredOn: string;
  paidOn: string | null;
  amountHtCents: number;
  amountTtcCents: number;
  vatRecovered: boolean;
  shareBp: number;
  hoursCenti: number | null;
  hourlyCostCents: number | null;
  eligibleCents: number;
  files: { id: string; originalName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: Date; scanStatus: 'CLEAN' | 'NOT_SCANNED' }[];
}

export interface RetainedPlan {
  versionNo: number;
  costOption: string;
  flatRateBp: number | null;
  rateBp: number;
  lines: { category: LineCategory; label: string; amountCents: number }[];
  resources: { type: string; funderName: string | null; amountCents: number }[];
  totalEligibleCents: number;
  euCents: number;
}

const REPORT = `id, application_id AS "applicationId", seq, kind, period_start::text AS "periodStart", period_end::text AS "periodEnd",
  due_date::text AS "dueDate", status, achievements, resources, postponement_status AS "postponementStatus",
  postponement_due_date::text AS "postponementDueDate", postponement_reason AS "postponementReason", snapshot, submitted_at AS "submittedAt", version`;

const money = (v: string | number | null): number | null => (v === null ? null : parseSafeInteger(v));

/** SQL of execution reports, their expenditure lines and supporting files, and the plan they are compared with. */
@Injectable()
export class ExecutionReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(em?: Runner): Runner {
    return em ?? this.dataSource;
  }

  async find(id: string, em?: Runner, lock = false): Promise<ReportRow | null> {
    const rows: ReportRow[] = await this.run(em).query(`SELECT ${REPORT} FROM execution_report WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async updateContent(
    em: EntityManager,
    id: string,
    version: number,
    achievements: Record<string, string>,
    resources: ReportRow['resources'],
  ): Promise<boolean> {
    const [, n] = (await em.query(
      `UPDATE execution_report SET achievements = $3::jsonb, resources = $4::jsonb, version = version + 1 WHERE id = $1 AND version = $2 AND status = 'DRAFT'`,
      [id, version, JSON.stringify(achievements), JSON.stringify(resources)],
    )) as [unknown, number];
    return n === 1;
  }

  async bump(em: EntityManager, id: string): Promise<number> {
    const [rows] = (await em.query(`UPDATE execution_report SET version = version + 1 WHERE id = $1 RETURNING version`, [id])) as [
      { version: number }[],
      number,
    ];
    return first(rows, 'the bumped execution report').version;
  }

  async lines(reportId: string, em?: Runner): Promise<LineRow[]> {
    // bigint amounts arrive as text: decoded once below.
    const rows = await this.run(em).query<
      (Omit<LineRow, 'amountHtCents' | 'amountTtcCents' | 'hourlyCostCents' | 'eligibleCents'> & {
        amountHtCents: string;
        amountTtcCents: string;
        hourlyCostCents: string | null;
        eligibleCents: string;
      })[]
    >(
      `SELECT l.id, l.category, l.label, l.supplier, l.document_ref AS "documentRef", l.document_date::text AS "documentDate", l.incurred_on::text AS "incurredOn",
              l.paid_on::text AS "paidOn", l.amount_ht_cents AS "amountHtCents", l.amount_ttc_cents AS "amountTtcCents", l.vat_recovered AS "vatRecovered",
              l.share_bp AS "shareBp", l.hours_centi AS "hoursCenti", l.hourly_cost_cents AS "hourlyCostCents", l.eligible_cents AS "eligibleCents",
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'originalName', f.original_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes,
                                                          'sha256', f.sha256, 'uploadedAt', f.uploaded_at, 'scanStatus', coalesce((SELECT s.status FROM file_scan s WHERE s.storage_key = f.storage_key), 'NOT_SCANNED')) ORDER BY f.uploaded_at)
                          FROM expenditure_file f WHERE f.line_id = l.id), '[]') AS files
         FROM expenditure_line l WHERE l.report_id = $1 ORDER BY l.incurred_on, l.created_at`,
      [reportId],
    );
    return rows.map((r) => ({
      ...r,
      amountHtCents: money(r.amountHtCents)!,
      amountTtcCents: money(r.amountTtcCents)!,
      hourlyCostCents: money(r.hourlyCostCents),
      eligibleCents: money(r.eligibleCents)!,
    }));
  }

  async insertLine(em: EntityManager, reportId: string, l: Omit<LineRow, 'id' | 'files'>, userId: string): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO expenditure_line (report_id, category, label, supplier, document_ref, document_date, incurred_on, paid_on, amount_ht_cents, amount_ttc_cents,
                                     vat_recovered, share_bp, hours_centi, hourly_cost_cents, eligible_cents, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          reportId,
          l.category,
          l.label,
          l.supplier,
          l.documentRef,
          l.documentDate,
          l.incurredOn,
          l.paidOn,
          l.amountHtCents,
          l.amountTtcCents,
          l.vatRecovered,
          l.shareBp,
          l.hoursCenti,
          l.hourlyCostCents,
          l.eligibleCents,
          userId,
        ],
      ),
      'the inserted expenditure_line row',
    );
    return row.id;
  }

  async deleteLine(em: EntityManager, reportId: string, lineId: string): Promise<{ storageKeys: string[] } | null> {
    const files = await em.query<{ storage_key: string }[]>(
      `SELECT f.storage_key FROM expenditure_file f JOIN expenditure_line l ON l.id = f.line_id WHERE l.id = $1 AND l.report_id = $2`,
      [lineId, reportId],
    );
    const [, n] = (await em.query(`DELETE FROM expenditure_line WHERE id = $1 AND report_id = $2`, [lineId, reportId])) as [unknown, number];
    return n === 1 ? { storageKeys: files.map((f) => f.storage_key) } : null;
  }

  async lineExists(em: Runner, reportId: string, lineId: string): Promise<boolean> {
    const rows = await em.query<unknown[]>(`SELECT 1 FROM expenditure_line WHERE id = $1 AND report_id = $2`, [lineId, reportId]);
    return rows.length > 0;
  }

  async insertFile(
    em: EntityManager,
    f: {
      lineId: string;
      originalName: string;
      storageKey: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
      uploadedBy: string;
      scanStatus: string;
    },
  ): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `WITH scan AS (INSERT INTO file_scan (storage_key, status) VALUES ($3, $8))
       INSERT INTO expenditure_file (line_id, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [f.lineId, f.originalName, f.storageKey, f.mediaType, f.sizeBytes, f.sha256, f.uploadedBy, f.scanStatus],
      ),
      'the inserted expenditure file',
    );
    return row.id;
  }

  async file(
    reportId: string,
    lineId: string,
    fileId: string,
  ): Promise<{ originalName: string; storageKey: string; mediaType: string; sizeBytes: number } | null> {
    const rows = await this.dataSource.query<{ originalName: string; storageKey: string; mediaType: string; sizeBytes: string }[]>(
      `SELECT f.original_name AS "originalName", f.storage_key AS "storageKey", f.media_type AS "mediaType", f.size_bytes::int8 AS "sizeBytes"
         FROM expenditure_file f JOIN expenditure_line l ON l.id = f.line_id WHERE f.id = $1 AND l.id = $2 AND l.report_id = $3`,
      [fileId, lineId, reportId],
    );
    return rows[0] ? { ...rows[0], sizeBytes: parseSafeInteger(rows[0].sizeBytes) } : null;
  }

  async vatRecovery(applicationId: string, em?: Runner): Promise<boolean> {
    const r = first(
      await this.run(em).query<{ vat_recovery: boolean }[]>(
        `SELECT o.vat_recovery FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
        [applicationId],
      ),
      'the VAT recovery setting of the dossier',
    );
    return r.vat_recovery;
  }

  /** The plan in force: the highest version (submission, instruction, committee, then amendments). */
  async retainedPlan(applicationId: string, em?: Runner): Promise<RetainedPlan> {
    const v = await readLatestPlanVersion(this.run(em), applicationId);
    if (!v) throw new Error('Expected a row for the plan in force, found none');
    return {
      versionNo: v.versionNo,
      costOption: v.costOption,
      flatRateBp: v.flatRateBp,
      rateBp: v.rateBp,
      lines: v.lines,
      resources: v.resources,
      totalEligibleCents: v.totals.totalEligibleCents,
      euCents: v.totals.euCents,
    };
  }

  async markSubmitted(em: EntityManager, id: string, snapshot: unknown, userId: string, submittedAt: Date): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE execution_report SET status = 'SUBMITTED', snapshot = $2::jsonb, submitted_at = $4, submitted_by = $3, version = version + 1
        WHERE id = $1 AND status = 'DRAFT' RETURNING version`,
      [id, JSON.stringify(snapshot), userId, submittedAt],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  async requestPostponement(em: EntityManager, id: string, dueDate: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE execution_report SET postponement_status = 'REQUESTED', postponement_due_date = $2, postponement_reason = $3, version = version + 1 WHERE id = $1`,
      [id, dueDate, reason],
    );
  }

  async decidePostponement(em: EntityManager, id: string, granted: boolean): Promise<void> {
    await em.query(`UPDATE execution_report SET postponement_status = $2, version = version + 1 WHERE id = $1`, [id, granted ? 'GRANTED' : 'REFUSED']);
  }
}
