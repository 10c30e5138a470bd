import { Injectable } from '@nestjs/common';
import { insertPlanVersion, type NewPlanVersion, type PlanVersion, readLatestPlanVersion } from '../applications/financing-plan-version.sql';
import { DataSource, EntityManager } from 'typeorm';
import { CALL_COLUMNS, type CallRow, type CallRowRaw, toCallRow } from '../applications/application-rows';
import type { AdmissibilityCheck } from './domain/admissibility-checks';
import type { CheckOverride } from './domain/check-overrides';
import type { AdmissibilityOutcome, Complement } from '../applications/domain/complements';

type Runner = DataSource | EntityManager;

export interface SubmissionRow {
  submissionNo: number;
  snapshot: SubmissionSnapshot;
  submittedAt: Date;
  submittedBy: string | null;
}

/** The parts of a stored snapshot (`submissionSnapshot()`) the admissibility checks read. */
export interface SubmissionSnapshot extends Record<string, unknown> {
  call: { id: string; version: number };
  organisation: { id: string; legalName: string; siret: string };
  project: { startDate: string | null; endDate: string | null } & Record<string, unknown>;
  financingPlan: import('../applications/domain/application-content').FinancingPlanSection & Record<string, unknown>;
  documents: { id: string; documentType: string; sha256: string }[];
}

export interface ReviewRow {
  id: string;
  round: number;
  submissionNo: number;
  checks: AdmissibilityCheck[];
  outcome: AdmissibilityOutcome;
  reasons: string[];
  remarks: string | null;
  complements: Complement[];
  /** Failed checks the instructor declared admissible anyway, each with its written reason. */
  overrides: CheckOverride[];
  /** `YYYY-MM-DD` */
  dueDate: string | null;
  decidedBy: string;
  decidedAt: Date;
}

const REVIEW_COLUMNS = `id, round, submission_no AS "submissionNo", checks, outcome, reasons, remarks, complements, overrides, due_date::text AS "dueDate",
  decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** SQL of admissibility rounds, submissions and the messages sent to the applicant. Writes take the caller's transaction. */
@Injectable()
export class AdmissibilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async submissions(applicationId: string, em?: EntityManager): Promise<SubmissionRow[]> {
    return this.run(em).query<SubmissionRow[]>(
      `SELECT submission_no AS "submissionNo", snapshot, submitted_at AS "submittedAt", submitted_by AS "submittedBy"
         FROM application_submission WHERE application_id = $1 ORDER BY submission_no`,
      [applicationId],
    );
  }

  /** The call as frozen in the version the dossier was submitted under (docs/domain/calls.md). */
  async callVersion(callId: string, version: number, em?: EntityManager): Promise<CallRow | null> {
    const [row] = await this.run(em).query<CallRowRaw[]>(
      `SELECT ${CALL_COLUMNS} FROM call_version v CROSS JOIN LATERAL jsonb_populate_record(NULL::call, v.rules) c WHERE v.call_id = $1 AND v.version = $2`,
      [callId, version],
    );
    return row ? toCallRow(row) : null;
  }

  /** The legal form is not in the snapshot: it is read from the organisation as it stands. */
  async organisationLegalForm(organisationId: string, em?: EntityManager): Promise<string | null> {
    const rows = await this.run(em).query<{ legalForm: string | null }[]>(`SELECT legal_form AS "legalForm" FROM organisation WHERE id = $1`, [organisationId]);
    return rows[0]?.legalForm ?? null;
  }

  async reviews(applicationId: string, em?: EntityManager): Promise<ReviewRow[]> {
    return this.run(em).query<ReviewRow[]>(`SELECT ${REVIEW_COLUMNS} FROM admissibility_review WHERE application_id = $1 ORDER BY round`, [applicationId]);
  }

  async latestReview(applicationId: string, em?: EntityManager): Promise<ReviewRow | null> {
    const rows = await this.run(em).query<ReviewRow[]>(
      `SELECT ${REVIEW_COLUMNS} FROM admissibility_review WHERE application_id = $1 ORDER BY round DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  async insertReview(em: EntityManager, r: Omit<ReviewRow, 'id' | 'round' | 'decidedAt'> & { applicationId: string }): Promise<{ id: string; round: number }> {
    const [row] = await em.query<{ id: string; round: number }[]>(
      `INSERT INTO admissibility_review (application_id, round, submission_no, checks, outcome, reasons, remarks, complements, overrides, due_date, decided_by)
       SELECT $1, coalesce(max(round), 0) + 1, $2, $3::jsonb, $4, $5::jsonb, $6, $7::jsonb, $10::jsonb, $8, $9 FROM admissibility_review WHERE application_id = $1
       RETURNING id, round`,
      [
        r.applicationId,
        r.submissionNo,
        JSON.stringify(r.checks),
        r.outcome,
        JSON.stringify(r.reasons),
        r.remarks,
        JSON.stringify(r.complements),
        r.dueDate,
        r.decidedBy,
        JSON.stringify(r.overrides),
      ],
    );
    if (!row) throw new Error(`admissibility review of ${r.applicationId} not inserted`);
    return row;
  }

  async insertMessage(em: EntityManager, m: { applicationId: string; kind: string; subject: string; body: string; authorId: string }): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO application_message (application_id, kind, subject, body, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [m.applicationId, m.kind, m.subject, m.body, m.authorId],
    );
    if (!row) throw new Error(`message to ${m.applicationId} not inserted`);
    return row.id;
  }

  async messages(applicationId: string, em?: EntityManager): Promise<{ id: string; kind: string; subject: string; body: string; createdAt: Date }[]> {
    return this.run(em).query<{ id: string; kind: string; subject: string; body: string; createdAt: Date }[]>(
      `SELECT id, kind, subject, body, created_at AS "createdAt" FROM application_message WHERE application_id = $1 ORDER BY created_at DESC, id`,
      [applicationId],
    );
  }

  async insertSubmission(
    em: EntityManager,
    s: { applicationId: string; submissionNo: number; snapshot: unknown; submittedAt: Date; submittedBy: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO application_submission (application_id, submission_no, snapshot, submitted_at, submitted_by) VALUES ($1, $2, $3::jsonb, $4, $5)`,
      [s.applicationId, s.submissionNo, JSON.stringify(s.snapshot), s.submittedAt, s.submittedBy],
    );
  }

  /** The retained plan of a dossier: its highest version (docs/domain/committee.md: a reduced amount adds a plan version). */
  latestPlanVersion(applicationId: string, em?: EntityManager): Promise<PlanVersion | null> {
    return readLatestPlanVersion(this.run(em), applicationId);
  }

  /** Appends a plan version (source APPLICANT) through the one writer of `financing_plan_version`. */
  async insertPlanVersion(em: EntityManager, p: Omit<NewPlanVersion, 'source'>): Promise<void> {
    await insertPlanVersion(em, { ...p, source: 'APPLICANT' });
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
