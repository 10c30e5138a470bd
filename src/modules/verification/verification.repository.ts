import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { parseSafeInteger } from '../../database/money.transformer';
import type { CostOption, LineCategory } from '../cofinancing/domain/cofinancing';
import { beneficiaryLegalNameSql } from '../organisations/beneficiary-identity.sql';
import type { Checklist } from './domain/checklist';
import type { LineDecision, ReasonCode, Selection, VerificationOutcome } from './domain/verification-outcome';
import { first } from '../../common/collections';
import { readLatestPlanVersion } from '../applications/financing-plan-version.sql';

type Runner = DataSource | EntityManager;

export type VerificationStatus = 'IN_PROGRESS' | 'CONTRADICTORY' | 'FINALISED';

export interface SamplingSettings {
  exhaustiveThresholdCents: number;
  sampleRateBp: number;
  minSampleSize: number;
  contradictoryDays: number;
  reallocationToleranceBp: number;
}

export interface VerificationRow {
  id: string;
  reportId: string;
  applicationId: string;
  status: VerificationStatus;
  instructorId: string | null;
  seed: string;
  settings: SamplingSettings;
  declaredCents: number;
  retainedCents: number | null;
  contradictorySentAt: Date | null;
  contradictoryDueDate: string | null;
  contradictoryAnsweredAt: Date | null;
  finalisedBy: string | null;
  finalisedAt: Date | null;
  version: number;
  createdAt: Date;
  checklist: Checklist;
  answerComment: string | null;
  outcome: VerificationOutcome | null;
}

export interface VerificationLineRow {
  lineId: string;
  category: LineCategory;
  declaredCents: number;
  selection: Selection;
  decision: LineDecision | null;
  retainedCents: number | null;
  reasonCode: ReasonCode | null;
  reasonText: string | null;
  comment: string | null;
}

export interface LineDecisionWrite {
  lineId: string;
  decision: LineDecision;
  retainedCents: number;
  reasonCode: ReasonCode | null;
  reasonText: string | null;
  comment: string | null;
}

const money = (v: string | number | null): number | null => (v === null ? null : parseSafeInteger(v));

/** bigint columns arrive as text from pg; decoded once into cents. */
type RawVerification = Omit<VerificationRow, 'declaredCents' | 'retainedCents'> & { declaredCents: string; retainedCents: string | null };
type RawLine = Omit<VerificationLineRow, 'declaredCents' | 'retainedCents'> & { declaredCents: string; retainedCents: string | null };
type LineDetails = {
  label: string;
  supplier: string;
  documentRef: string;
  incurredOn: string;
  paidOn: string | null;
  files: { id: string; originalName: string }[];
};
type AnswerFileRow = { id: string; originalName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: Date };

const VERIFICATION = `v.id, v.report_id AS "reportId", v.application_id AS "applicationId", v.status, v.instructor_id AS "instructorId", v.seed, v.settings,
  v.declared_cents AS "declaredCents", v.retained_cents AS "retainedCents", v.contradictory_sent_at AS "contradictorySentAt",
  v.contradictory_due_date::text AS "contradictoryDueDate", v.contradictory_answered_at AS "contradictoryAnsweredAt", v.finalised_by AS "finalisedBy",
  v.finalised_at AS "finalisedAt", v.version, v.created_at AS "createdAt", v.checklist, v.answer_comment AS "answerComment", v.outcome`;

/** SQL of verifications, their line decisions and the beneficiary's answer files. */
@Injectable()
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(em?: Runner): Runner {
    return em ?? this.dataSource;
  }

  async find(id: string, em?: Runner, lock = false): Promise<VerificationRow | null> {
    const rows = await this.run(em).query<RawVerification[]>(`SELECT ${VERIFICATION} FROM verification v WHERE v.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ? this.row(rows[0]) : null;
  }

  async findByReport(reportId: string, em?: Runner): Promise<VerificationRow | null> {
    const rows = await this.run(em).query<RawVerification[]>(`SELECT ${VERIFICATION} FROM verification v WHERE v.report_id = $1`, [reportId]);
    return rows[0] ? this.row(rows[0]) : null;
  }

  private row(r: RawVerification): VerificationRow {
    return { ...r, declaredCents: money(r.declaredCents)!, retainedCents: money(r.retainedCents) };
  }

  /** The report verified (execution_report belongs to execution-reports; read here, never written). */
  async report(reportId: string, em?: Runner, lock = false): Promise<ReportFacts | null> {
    const rows = await this.run(em).query<ReportFacts[]>(
      `SELECT id, application_id AS "applicationId", seq, kind, status, period_start::text AS "periodStart", period_end::text AS "periodEnd", submitted_at AS "submittedAt"
         FROM execution_report WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [reportId],
    );
    return rows[0] ?? null;
  }

  /** The financing plan in force: the highest version (amendments add versions). */
  async planInForce(applicationId: string, em?: Runner): Promise<PlanFacts> {
    const p = await readLatestPlanVersion(this.run(em), applicationId);
    if (!p) throw new Error('Expected a row for the plan in force, found none');
    return {
      versionNo: p.versionNo,
      costOption: p.costOption,
      flatRateBp: p.flatRateBp,
      rateBp: p.rateBp,
      euCents: p.totals.euCents,
      lines: p.lines.map((l) => ({ category: l.category, amountCents: l.amountCents })),
    };
  }

  async callSettings(callId: string, em?: Runner): Promise<SamplingSettings & { interimCapBp: number | null }> {
    // interim_cap_bp belongs to the payments work; read through to_jsonb so that this query does not depend on it.
    const r = first(
      await this.run(em).query<(Omit<SamplingSettings, 'exhaustiveThresholdCents'> & { exhaustiveThresholdCents: string; interimCapBp: number | null })[]>(
        `SELECT exhaustive_threshold_cents AS "exhaustiveThresholdCents", sample_rate_bp AS "sampleRateBp", min_sample_size AS "minSampleSize",
              contradictory_days AS "contradictoryDays", reallocation_tolerance_bp AS "reallocationToleranceBp", (to_jsonb(c) ->> 'interim_cap_bp')::int AS "interimCapBp"
         FROM call c WHERE c.id = $1`,
        [callId],
      ),
      'the call query',
    );
    return { ...r, exhaustiveThresholdCents: parseSafeInteger(r.exhaustiveThresholdCents) };
  }

  async reportLines(reportId: string, em: Runner): Promise<{ id: string; category: LineCategory; amountCents: number }[]> {
    const rows = await em.query<{ id: string; category: LineCategory; amount: string }[]>(
      `SELECT id, category, eligible_cents AS amount FROM expenditure_line WHERE report_id = $1`,
      [reportId],
    );
    return rows.map((r) => ({ id: r.id, category: r.category, amountCents: parseSafeInteger(r.amount) }));
  }

  async insert(
    em: EntityManager,
    v: { reportId: string; applicationId: string; instructorId: string; seed: string; settings: SamplingSettings; declaredCents: number },
  ): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO verification (report_id, application_id, instructor_id, seed, settings, declared_cents) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
        [v.reportId, v.applicationId, v.instructorId, v.seed, JSON.stringify(v.settings), v.declaredCents],
      ),
      'the inserted verification row',
    );
    return row.id;
  }

  /** Every line of the report in one statement (a report may have thousands): the draw is frozen with the seed. */
  async insertLines(
    em: EntityManager,
    verificationId: string,
    lines: readonly { id: string; category: string; amountCents: number; selection: Selection }[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO verification_line (verification_id, line_id, category, declared_cents, selection)
       SELECT $1, l.id, l.category, l.amount, l.selection FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[]) AS l(id, category, amount, selection)`,
      [verificationId, lines.map((l) => l.id), lines.map((l) => l.category), lines.map((l) => String(l.amountCents)), lines.map((l) => l.selection)],
    );
  }

  async lines(verificationId: string, em?: Runner, onlyChecked = false): Promise<VerificationLineRow[]> {
    const rows = await this.run(em).query<RawLine[]>(
      `SELECT line_id AS "lineId", category, declared_cents AS "declaredCents", selection, decision, retained_cents AS "retainedCents",
              reason_code AS "reasonCode", reason_text AS "reasonText", comment
         FROM verification_line WHERE verification_id = $1 ${onlyChecked ? `AND selection <> 'UNSAMPLED'` : ''}`,
      [verificationId],
    );
    return rows.map((r) => ({ ...r, declaredCents: money(r.declaredCents)!, retainedCents: money(r.retainedCents) }));
  }

  /** Unchecked lines by category: only their total matters (the sample's error is extrapolated to it). */
  async unsampledByCategory(verificationId: string, em?: Runner): Promise<{ category: LineCategory; amountCents: number; count: number }[]> {
    const rows = await this.run(em).query<{ category: LineCategory; amount: string; count: number }[]>(
      `SELECT category, sum(declared_cents) AS amount, count(*)::int AS count FROM verification_line WHERE verification_id = $1 AND selection = 'UNSAMPLED' GROUP BY category ORDER BY category`,
      [verificationId],
    );
    return rows.map((r) => ({ category: r.category, amountCents: parseSafeInteger(r.amount), count: r.count }));
  }

  /** Labels and dates of the checked lines, for pages and the report (from the report's own lines). */
  async checkedLineDetails(verificationId: string, em?: Runner): Promise<Map<string, LineDetails>> {
    const rows = await this.run(em).query<(LineDetails & { id: string })[]>(
      `SELECT l.id, l.label, l.supplier, l.document_ref AS "documentRef", l.incurred_on::text AS "incurredOn", l.paid_on::text AS "paidOn",
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'originalName', f.original_name) ORDER BY f.uploaded_at) FROM expenditure_file f WHERE f.line_id = l.id), '[]') AS files
         FROM verification_line vl JOIN expenditure_line l ON l.id = vl.line_id
        WHERE vl.verification_id = $1 AND vl.selection <> 'UNSAMPLED'`,
      [verificationId],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Writes decisions on checked lines; returns how many rows matched (a line not checked never matches). */
  async decide(em: EntityManager, verificationId: string, decisions: readonly LineDecisionWrite[], userId: string): Promise<number> {
    const [, n] = (await em.query(
      `UPDATE verification_line vl
          SET decision = d.decision, retained_cents = d.retained, reason_code = d.reason_code, reason_text = d.reason_text, comment = d.comment,
              decided_by = $2, decided_at = now(), version = vl.version + 1
         FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[]) AS d(line_id, decision, retained, reason_code, reason_text, comment)
        WHERE vl.verification_id = $1 AND vl.line_id = d.line_id AND vl.selection <> 'UNSAMPLED'`,
      [
        verificationId,
        userId,
        decisions.map((d) => d.lineId),
        decisions.map((d) => d.decision),
        decisions.map((d) => String(d.retainedCents)),
        decisions.map((d) => d.reasonCode),
        decisions.map((d) => d.reasonText),
        decisions.map((d) => d.comment),
      ],
    )) as [unknown, number];
    return n;
  }

  /** Optimistic update of the verification row: `set` is trusted SQL, `params` start at $3. */
  async bump(em: EntityManager, id: string, version: number, set = '', params: unknown[] = []): Promise<boolean> {
    const [, n] = (await em.query(`UPDATE verification SET version = version + 1${set ? `, ${set}` : ''} WHERE id = $1 AND version = $2`, [
      id,
      version,
      ...params,
    ])) as [unknown, number];
    return n === 1;
  }

  /** What earlier finalised verifications of the operation retained, by category (for the tolerance). */
  async previousRetained(applicationId: string, excludeId: string, em?: Runner): Promise<Partial<Record<LineCategory, number>>> {
    const rows = await this.run(em).query<{ category: LineCategory; retained: string }[]>(
      `SELECT c ->> 'category' AS category, sum((c ->> 'finalRetainedCents')::bigint) AS retained
         FROM verification v, jsonb_array_elements(v.outcome -> 'categories') c
        WHERE v.application_id = $1 AND v.id <> $2 AND v.status = 'FINALISED' AND v.outcome IS NOT NULL GROUP BY 1`,
      [applicationId, excludeId],
    );
    return Object.fromEntries(rows.map((r) => [r.category, parseSafeInteger(r.retained)]));
  }

  /** Cumulative figures for the amount due: retained by earlier finalised verifications, other resources declared. */
  async cumulative(
    applicationId: string,
    excludeId: string,
    reportSeq: number,
    em?: Runner,
  ): Promise<{ previousRetainedCents: number; otherResourcesCents: number }> {
    const r = first(
      await this.run(em).query<{ retained: string; other: string }[]>(
        `SELECT (SELECT coalesce(sum(retained_cents), 0) FROM verification WHERE application_id = $1 AND id <> $2 AND status = 'FINALISED') AS retained,
              (SELECT coalesce(sum((x ->> 'amountCents')::bigint), 0) FROM execution_report er, jsonb_array_elements(er.resources) x
                WHERE er.application_id = $1 AND er.status = 'SUBMITTED' AND er.seq <= $3 AND x ->> 'type' <> 'SELF') AS other`,
        [applicationId, excludeId, reportSeq],
      ),
      'the verification query',
    );
    return { previousRetainedCents: parseSafeInteger(r.retained), otherResourcesCents: parseSafeInteger(r.other) };
  }

  /** The file and its antivirus outcome (file_scan, docs/security.md), in one statement. */
  async insertAnswerFile(
    em: EntityManager,
    f: {
      verificationId: string;
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
       INSERT INTO verification_answer_file (verification_id, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [f.verificationId, f.originalName, f.storageKey, f.mediaType, f.sizeBytes, f.sha256, f.uploadedBy, f.scanStatus],
      ),
      'the inserted verification file',
    );
    return row.id;
  }

  async answerFiles(verificationId: string, em?: Runner): Promise<AnswerFileRow[]> {
    const rows = await this.run(em).query<(Omit<AnswerFileRow, 'sizeBytes'> & { sizeBytes: string })[]>(
      `SELECT id, original_name AS "originalName", media_type AS "mediaType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
         FROM verification_answer_file WHERE verification_id = $1 ORDER BY uploaded_at, id`,
      [verificationId],
    );
    return rows.map((r) => ({ ...r, sizeBytes: parseSafeInteger(r.sizeBytes) }));
  }

  async answerFile(verificationId: string, fileId: string): Promise<{ originalName: string; mediaType: string; sizeBytes: number; storageKey: string } | null> {
    const [r] = await this.dataSource.query<{ originalName: string; mediaType: string; sizeBytes: string; storageKey: string }[]>(
      `SELECT original_name AS "originalName", media_type AS "mediaType", size_bytes AS "sizeBytes", storage_key AS "storageKey" FROM verification_answer_file WHERE verification_id = $1 AND id = $2`,
      [verificationId, fileId],
    );
    return r ? { ...r, sizeBytes: parseSafeInteger(r.sizeBytes) } : null;
  }

  /** Submitted reports waiting for (or under) verification, with their verification if opened. */
  async queue(userId: string, allInstructors: boolean): Promise<QueueRow[]> {
    const rows = await this.dataSource.query<QueueRow[]>(
      `SELECT r.id AS "reportId", r.application_id AS "applicationId", a.number, a.title, ${beneficiaryLegalNameSql()} AS "organisationName", r.seq, r.kind,
              r.submitted_at AS "submittedAt", v.id AS "verificationId", v.status, v.contradictory_sent_at AS "contradictorySentAt",
              v.contradictory_answered_at AS "contradictoryAnsweredAt", coalesce(v.instructor_id, a.instructor_id) AS "instructorId"
         FROM execution_report r
         JOIN application a ON a.id = r.application_id
         JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN verification v ON v.report_id = r.id
        WHERE r.status = 'SUBMITTED' AND (v.status IS NULL OR v.status <> 'FINALISED')
          AND ($2 OR coalesce(v.instructor_id, a.instructor_id) = $1 OR coalesce(v.instructor_id, a.instructor_id) IS NULL)
        ORDER BY r.submitted_at, r.id
        LIMIT 500`,
      [userId, allInstructors],
    );
    return rows;
  }
}

export interface ReportFacts {
  id: string;
  applicationId: string;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  status: 'DRAFT' | 'SUBMITTED' | 'CANCELLED';
  periodStart: string;
  periodEnd: string;
  submittedAt: Date | null;
}

export interface PlanFacts {
  versionNo: number;
  costOption: CostOption;
  flatRateBp: number | null;
  rateBp: number;
  euCents: number;
  lines: { category: LineCategory; amountCents: number }[];
}

export interface QueueRow {
  reportId: string;
  applicationId: string;
  number: string | null;
  title: string | null;
  organisationName: string;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  submittedAt: Date;
  verificationId: string | null;
  status: VerificationStatus | null;
  contradictorySentAt: Date | null;
  contradictoryAnsweredAt: Date | null;
  instructorId: string | null;
}
