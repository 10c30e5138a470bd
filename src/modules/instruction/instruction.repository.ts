import { Injectable } from '@nestjs/common';
import { type PlanVersion, readPlanVersions } from '../applications/financing-plan-version.sql';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationStatus } from '../applications/domain/application-status';
import type { ListFilters, ListQuery } from './domain/list-query';
import { instructionListPositionsSql, type InstructionListRow, instructionListSql, type ListPositionRow } from './instruction-list.sql';

type Runner = DataSource | EntityManager;
type UpdateResult = [{ version: number }[], number];

export interface CallCountsRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  closesAt: Date;
  counts: Partial<Record<ApplicationStatus, number>>;
  total: number;
}

export interface DossierHeaderRow {
  id: string;
  number: string | null;
  title: string | null;
  status: ApplicationStatus;
  organisationName: string;
  callId: string;
  callReference: string;
  version: number;
  submittedAt: Date | null;
  instructorId: string | null;
  labels: string[];
}

/** What instruction adds to the applicant's dossier: Priority 6 facts, assignment, labels. */
export interface InstructionFactsRow {
  operationType: string | null;
  existingProject: boolean | null;
  experimentationStartDate: string | null;
  newTerritory: boolean | null;
  substantialChange: boolean | null;
  instructorId: string | null;
  instructorName: string | null;
  labels: string[];
}

/** The versions of a dossier's plan, as the applications module maps them (one type, one mapping). */
export type PlanVersionRow = PlanVersion;

export interface MessageRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  authorName: string | null;
  createdAt: Date;
}

export interface SavedViewRow {
  id: string;
  scope: string;
  name: string;
  query: Record<string, string | string[]>;
  createdAt: Date;
}

/** SQL of the instructor workspace. Writes take the caller's transaction. */
@Injectable()
export class InstructionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findCall(callId: string): Promise<{ id: string; reference: string; title: string } | null> {
    const [row] = await this.dataSource.query<{ id: string; reference: string; title: string }[]>(
      `SELECT id, reference, title FROM call WHERE id = $1 AND status <> 'DRAFT'`,
      [callId],
    );
    return row ?? null;
  }

  async list(callId: string, q: ListQuery): Promise<InstructionListRow[]> {
    const { sql, params } = instructionListSql(callId, q);
    return this.dataSource.query<InstructionListRow[]>(sql, params);
  }

  async listPositions(callId: string, q: ListFilters, limit: number): Promise<ListPositionRow[]> {
    const { sql, params } = instructionListPositionsSql(callId, q, limit);
    return this.dataSource.query<ListPositionRow[]>(sql, params);
  }

  /** Published calls with the number of submitted dossiers per status, the latest deadline first. */
  async callsWithCounts(): Promise<CallCountsRow[]> {
    const rows = await this.dataSource.query<Omit<CallCountsRow, 'total'>[]>(
      `SELECT c.id, c.reference, c.title, c.status, c.closes_at AS "closesAt",
              coalesce((SELECT jsonb_object_agg(s.status, s.n) FROM (
                 SELECT a.status, count(*)::int AS n FROM application a WHERE a.call_id = c.id AND a.submitted_at IS NOT NULL GROUP BY a.status) s), '{}') AS counts
         FROM call c WHERE c.status <> 'DRAFT' ORDER BY c.closes_at DESC, c.reference LIMIT 200`,
    );
    return rows.map((r) => ({ ...r, total: Object.values(r.counts).reduce((a, b) => a + (b ?? 0), 0) }));
  }

  async findHeader(id: string, em?: EntityManager, lock = false): Promise<DossierHeaderRow | null> {
    const [row] = await this.run(em).query<DossierHeaderRow[]>(
      `SELECT a.id, a.number, a.title, a.status, o.legal_name AS "organisationName", a.call_id AS "callId", c.reference AS "callReference",
              a.version, a.submitted_at AS "submittedAt", a.instructor_id AS "instructorId", a.labels
         FROM application a JOIN organisation o ON o.id = a.organisation_id JOIN call c ON c.id = a.call_id
        WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async facts(id: string): Promise<InstructionFactsRow | null> {
    const [row] = await this.dataSource.query<InstructionFactsRow[]>(
      `SELECT a.operation_type AS "operationType", a.existing_project AS "existingProject",
              a.experimentation_start_date::text AS "experimentationStartDate", a.new_territory AS "newTerritory",
              a.substantial_change AS "substantialChange", a.instructor_id AS "instructorId", u.display_name AS "instructorName", a.labels
         FROM application a LEFT JOIN app_user u ON u.id = a.instructor_id WHERE a.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async planVersions(id: string): Promise<PlanVersionRow[]> {
    return readPlanVersions(this.dataSource, id);
  }

  async messages(id: string): Promise<MessageRow[]> {
    return this.dataSource.query<MessageRow[]>(
      `SELECT m.id, m.kind, m.subject, m.body, u.display_name AS "authorName", m.created_at AS "createdAt"
         FROM application_message m LEFT JOIN app_user u ON u.id = m.author_id WHERE m.application_id = $1 ORDER BY m.created_at, m.id`,
      [id],
    );
  }

  /** Active users holding the INSTRUCTOR role, for the assignment forms. */
  async instructors(): Promise<{ id: string; displayName: string }[]> {
    return this.dataSource.query<{ id: string; displayName: string }[]>(
      `SELECT id, display_name AS "displayName" FROM app_user WHERE 'INSTRUCTOR' = ANY(roles) AND is_active ORDER BY display_name, id`,
    );
  }

  async isActiveInstructor(userId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.run(em).query<unknown[]>(`SELECT 1 FROM app_user WHERE id = $1 AND 'INSTRUCTOR' = ANY(roles) AND is_active`, [userId]);
    return rows.length > 0;
  }

  /** Sets the instructor when the dossier is still at `version` (null: no version check); returns the new version. */
  async setInstructor(em: EntityManager, id: string, version: number | null, instructorId: string | null): Promise<number | null> {
    const [rows] = await em.query<UpdateResult>(
      `UPDATE application SET instructor_id = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND submitted_at IS NOT NULL AND ($2::int IS NULL OR version = $2) RETURNING version`,
      [id, version, instructorId],
    );
    return rows[0]?.version ?? null;
  }

  async setLabels(em: EntityManager, id: string, version: number, labels: string[]): Promise<number | null> {
    const [rows] = await em.query<UpdateResult>(
      `UPDATE application SET labels = $3::text[], version = version + 1, updated_at = now()
        WHERE id = $1 AND submitted_at IS NOT NULL AND version = $2 RETURNING version`,
      [id, version, labels],
    );
    return rows[0]?.version ?? null;
  }

  /** The submitted dossiers of `callId` among `ids`, locked for the bulk assignment, in id order (no deadlock). */
  async lockSubmittedOfCall(em: EntityManager, callId: string, ids: string[]): Promise<{ id: string; instructorId: string | null }[]> {
    return em.query<{ id: string; instructorId: string | null }[]>(
      `SELECT id, instructor_id AS "instructorId" FROM application
        WHERE id = ANY($2::uuid[]) AND call_id = $1 AND submitted_at IS NOT NULL ORDER BY id FOR UPDATE`,
      [callId, ids],
    );
  }

  async savedViews(userId: string, scope: string): Promise<SavedViewRow[]> {
    return this.dataSource.query<SavedViewRow[]>(
      `SELECT id, scope, name, query, created_at AS "createdAt" FROM saved_view WHERE user_id = $1 AND scope = $2 ORDER BY name, id`,
      [userId, scope],
    );
  }

  /** Inserts the view; null when the user already has a view of that name in that scope. */
  async insertSavedView(em: EntityManager, v: { userId: string; scope: string; name: string; query: object }): Promise<SavedViewRow | null> {
    const [row] = await em.query<SavedViewRow[]>(
      `INSERT INTO saved_view (user_id, scope, name, query) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT ON CONSTRAINT saved_view_name_key DO NOTHING
       RETURNING id, scope, name, query, created_at AS "createdAt"`,
      [v.userId, v.scope, v.name, JSON.stringify(v.query)],
    );
    return row ?? null;
  }

  /** Deletes the view if it is the user's; the deleted row, or null. */
  async deleteSavedView(em: EntityManager, userId: string, id: string): Promise<SavedViewRow | null> {
    const [rows] = await em.query<[SavedViewRow[], number]>(
      `DELETE FROM saved_view WHERE id = $1 AND user_id = $2 RETURNING id, scope, name, query, created_at AS "createdAt"`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
