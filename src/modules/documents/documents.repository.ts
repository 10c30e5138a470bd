import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DocumentKind, SubjectType } from './domain/document-kinds';
import { first } from '../../common/collections';
import { OUTBOX_COLUMNS, type OutboxJob, outboxValues } from '../../common/outbox/outbox.service';
import type { RidingWrite } from '../applications/lifecycle/application-lifecycle';

const FIRST_DOCUMENT_SQL = `INSERT INTO document (id, subject_type, subject_id, kind, version, source_type, source_id, request_key, requested_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`;
const documentJobSql = (doc: string): string => `INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT $10, $11, $12::jsonb FROM ${doc} RETURNING id`;
const firstDocumentValues = (d: PendingDocument & { id: string }, job: OutboxJob): unknown[] => [
  d.id,
  d.subjectType,
  d.subjectId,
  d.kind,
  d.version,
  d.source?.type ?? null,
  d.source?.id ?? null,
  d.requestKey,
  d.requestedBy,
  ...outboxValues(job),
];

/** A requested document's PENDING row (DocumentRequests). */
export interface PendingDocument {
  subjectType: SubjectType;
  subjectId: string;
  kind: DocumentKind;
  version: number;
  source: { type: string; id: string } | null;
  requestKey: string | null;
  requestedBy: string | null;
}

export interface GeneratedDocumentRow {
  id: string;
  kind: DocumentKind;
  subjectType: SubjectType;
  subjectId: string;
  version: number;
  status: 'PENDING' | 'READY' | 'FAILED';
  storageKey: string | null;
  mediaType: string;
  sizeBytes: number | null;
  sha256: string | null;
  failureReason: string | null;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: Date;
  readyAt: Date | null;
}

/** What access checks need to know about a dossier, for one user. */
export interface ApplicationFacts {
  id: string;
  number: string | null;
  status: string;
  submitted: boolean;
  member: boolean;
}

// size_bytes as int4: a generated document is far below 2 GiB, and pg returns int4 as a number.
const COLUMNS = `id, kind, subject_type AS "subjectType", subject_id AS "subjectId", version, status, storage_key AS "storageKey",
  media_type AS "mediaType", size_bytes::int4 AS "sizeBytes", sha256, failure_reason AS "failureReason", source_type AS "sourceType",
  source_id AS "sourceId", created_at AS "createdAt", ready_at AS "readyAt"`;

type Runner = DataSource | EntityManager;

/** SQL of the `document` table and of the subjects' access facts. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, em?: Runner): Promise<GeneratedDocumentRow | null> {
    const rows: GeneratedDocumentRow[] = await (em ?? this.dataSource).query(`SELECT ${COLUMNS} FROM document WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listForSubject(subjectType: SubjectType, subjectId: string): Promise<GeneratedDocumentRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM document WHERE subject_type = $1 AND subject_id = $2 ORDER BY created_at DESC, version DESC`, [
      subjectType,
      subjectId,
    ]);
  }

  listForSubjects(subjectType: SubjectType, subjectIds: readonly string[]): Promise<GeneratedDocumentRow[]> {
    if (!subjectIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM document WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]) ORDER BY created_at DESC, version DESC`,
      [subjectType, subjectIds],
    );
  }

  async findByRequestKey(em: EntityManager, requestKey: string): Promise<GeneratedDocumentRow | null> {
    const rows: GeneratedDocumentRow[] = await em.query(`SELECT ${COLUMNS} FROM document WHERE request_key = $1`, [requestKey]);
    return rows[0] ?? null;
  }

  async findSingle(em: EntityManager, subjectType: SubjectType, subjectId: string, kind: DocumentKind): Promise<GeneratedDocumentRow | null> {
    const rows: GeneratedDocumentRow[] = await em.query(
      `SELECT ${COLUMNS} FROM document WHERE subject_type = $1 AND subject_id = $2 AND kind = $3 AND version = 1`,
      [subjectType, subjectId, kind],
    );
    return rows[0] ?? null;
  }

  /** Serialises requests for one (subject, kind) until commit, so that versions are gapless and never collide. */
  async lockSubjectKind(em: EntityManager, subjectId: string, kind: DocumentKind): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`document:${kind}:${subjectId}`]);
  }

  async nextVersion(em: EntityManager, subjectType: SubjectType, subjectId: string, kind: DocumentKind): Promise<number> {
    const rows: { v: number }[] = await em.query(
      `SELECT coalesce(max(version), 0) + 1 AS v FROM document WHERE subject_type = $1 AND subject_id = $2 AND kind = $3`,
      [subjectType, subjectId, kind],
    );
    return first(rows, 'the next document version').v;
  }

  async insertPending(em: EntityManager, d: PendingDocument): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO document (subject_type, subject_id, kind, version, source_type, source_id, request_key, requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [d.subjectType, d.subjectId, d.kind, d.version, d.source?.type ?? null, d.source?.id ?? null, d.requestKey, d.requestedBy],
    );
    return first(rows, 'the inserted document').id;
  }

  /**
   * A single-version document's PENDING row and its job, written by a first submission's last statement (RidingWrite);
   * nothing when a row with the same (subject, kind, version) or request key is there already.
   */
  firstWithJobRider(d: PendingDocument & { id: string }, job: OutboxJob): RidingWrite {
    return {
      ctes: (own) => [
        { name: 'doc', sql: FIRST_DOCUMENT_SQL },
        { name: 'job', sql: documentJobSql(own('doc')) },
      ],
      values: firstDocumentValues(d, job),
    };
  }

  /** A failed production asked again: the same row goes back to PENDING for a new job. */
  async retryFailed(em: EntityManager, id: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE document SET status = 'PENDING', failure_reason = NULL WHERE id = $1 AND status = 'FAILED'`, [id])) as [
      unknown,
      number,
    ];
    return count === 1;
  }

  async applicationFacts(userId: string, applicationId: string, em?: Runner): Promise<ApplicationFacts | null> {
    const rows: ApplicationFacts[] = await (em ?? this.dataSource).query(
      `SELECT a.id, a.number, a.status, a.submitted_at IS NOT NULL AS submitted,
              EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = a.organisation_id AND m.user_id = $1) AS member
         FROM application a WHERE a.id = $2`,
      [userId, applicationId],
    );
    return rows[0] ?? null;
  }

  async sessionStatus(sessionId: string, em?: Runner): Promise<string | null> {
    const rows: { status: string }[] = await (em ?? this.dataSource).query(`SELECT status FROM committee_session WHERE id = $1`, [sessionId]);
    return rows[0]?.status ?? null;
  }

  /**
   * The decision a letter for this dossier reports, by its status: the latest inadmissibility review, the latest
   * committee decision, or a confirmed INELIGIBLE eligibility report (a dossier refused before any committee).
   */
  async decisionSource(
    applicationId: string,
    status: string,
    em?: Runner,
  ): Promise<{ type: 'admissibility' | 'eligibility' | 'committee'; id: string } | null> {
    const run = em ?? this.dataSource;
    if (status === 'INADMISSIBLE') {
      const rows: { id: string }[] = await run.query(
        `SELECT id FROM admissibility_review WHERE application_id = $1 AND outcome = 'INADMISSIBLE' ORDER BY round DESC LIMIT 1`,
        [applicationId],
      );
      return rows[0] ? { type: 'admissibility', id: rows[0].id } : null;
    }
    if (!['REFUSED', 'POSTPONED', 'AWARD_PROPOSED', 'PROGRAMMED', 'CONVENTION_ISSUED'].includes(status)) return null;
    const decisions: { id: string }[] = await run.query(`SELECT id FROM committee_decision WHERE application_id = $1 ORDER BY decided_at DESC LIMIT 1`, [
      applicationId,
    ]);
    if (decisions[0]) return { type: 'committee', id: decisions[0].id };
    if (status !== 'REFUSED') return null;
    const reports: { id: string }[] = await run.query(
      `SELECT application_id AS id FROM eligibility_report WHERE application_id = $1 AND verdict = 'INELIGIBLE'`,
      [applicationId],
    );
    return reports[0] ? { type: 'eligibility', id: reports[0].id } : null;
  }
}
