import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PanelRole } from './domain/assignment';
import type { OrganisationRef } from './domain/conflict-rules';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

export interface PanelMemberRow {
  userId: string;
  displayName: string;
  email: string;
  role: PanelRole;
  addedAt: Date;
}

export interface CallRow {
  id: string;
  reference: string;
  title: string;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  version: number;
  grid: Record<string, unknown> | null;
}

export interface DossierRow {
  id: string;
  number: string;
  callId: string;
  status: string;
  organisationId: string;
  siret: string;
  verdict: string | null;
  hasInstructionReport: boolean;
}

/** One evaluator's sheet on one dossier, with the conflict facts. */
export interface AssignmentRow {
  applicationId: string;
  evaluatorId: string;
  evaluatorName: string;
  callId: string;
  rapporteur: boolean;
  status: 'DRAFT' | 'SUBMITTED';
  submittedAt: Date | null;
  version: number;
  declaredConflict: boolean | null;
  details: string | null;
  declaredAt: Date | null;
  automaticReason: string | null;
  waivedBy: string | null;
  waiverReason: string | null;
}

const ASSIGNMENT_SELECT = `
  ea.application_id AS "applicationId", ea.evaluator_id AS "evaluatorId", u.display_name AS "evaluatorName", ea.call_id AS "callId",
  ea.rapporteur, ea.status, ea.submitted_at AS "submittedAt", ea.version,
  cd.declared_conflict AS "declaredConflict", cd.details, cd.declared_at AS "declaredAt", cd.automatic_reason AS "automaticReason",
  cd.waived_by AS "waivedBy", cd.waiver_reason AS "waiverReason"
  FROM evaluation_assignment ea
  JOIN app_user u ON u.id = ea.evaluator_id
  LEFT JOIN conflict_declaration cd ON cd.application_id = ea.application_id AND cd.evaluator_id = ea.evaluator_id`;

/** Panels, assignments and conflict declarations. */
@Injectable()
export class PanelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findCall(id: string, em?: EntityManager, lock = false): Promise<CallRow | null> {
    const rows: CallRow[] = await this.run(em).query(
      `SELECT id, reference, title, status, version, evaluation_grid AS grid FROM call WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Optimistic write of the grid, only while the call is a draft. Returns the new version or null. */
  async updateGrid(em: EntityManager, id: string, version: number, grid: object): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE call SET evaluation_grid = $3::jsonb, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = 'DRAFT' RETURNING version`,
      [id, version, JSON.stringify(grid)],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  async members(callId: string, em?: EntityManager): Promise<PanelMemberRow[]> {
    return this.run(em).query(
      `SELECT pm.user_id AS "userId", u.display_name AS "displayName", u.email, pm.role, pm.added_at AS "addedAt"
         FROM panel_member pm JOIN app_user u ON u.id = pm.user_id WHERE pm.call_id = $1 ORDER BY u.display_name, pm.user_id`,
      [callId],
    );
  }

  async memberRole(callId: string, userId: string, em?: EntityManager): Promise<PanelRole | null> {
    const rows: { role: PanelRole }[] = await this.run(em).query(`SELECT role FROM panel_member WHERE call_id = $1 AND user_id = $2`, [callId, userId]);
    return rows[0]?.role ?? null;
  }

  async activeEvaluator(userId: string, em?: EntityManager): Promise<{ id: string; displayName: string } | null> {
    const rows: { id: string; displayName: string }[] = await this.run(em).query(
      `SELECT id, display_name AS "displayName" FROM app_user WHERE id = $1 AND is_active AND 'EVALUATOR' = ANY(roles)`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** false when the user is already on the panel or the call already has a chair (unique indexes). */
  async insertMember(em: EntityManager, callId: string, userId: string, role: PanelRole, addedBy: string | null): Promise<boolean> {
    const rows: { user_id: string }[] = await em.query(
      `INSERT INTO panel_member (call_id, user_id, role, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id`,
      [callId, userId, role, addedBy],
    );
    return rows.length === 1;
  }

  async deleteMember(em: EntityManager, callId: string, userId: string): Promise<boolean> {
    const [, count] = (await em.query(`DELETE FROM panel_member WHERE call_id = $1 AND user_id = $2`, [callId, userId])) as [unknown, number];
    return count === 1;
  }

  async countAssignments(em: EntityManager, callId: string, userId: string): Promise<number> {
    const rows: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM evaluation_assignment WHERE call_id = $1 AND evaluator_id = $2`, [
      callId,
      userId,
    ]);
    return first(rows, 'the assignment count').n;
  }

  async findDossier(id: string, em?: EntityManager, lock = false): Promise<DossierRow | null> {
    const rows: DossierRow[] = await this.run(em).query(
      `SELECT a.id, a.number, a.call_id AS "callId", a.status, a.organisation_id AS "organisationId", o.siret,
              er.verdict, EXISTS (SELECT 1 FROM instruction_report ir WHERE ir.application_id = a.id) AS "hasInstructionReport"
         FROM application a JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN eligibility_report er ON er.application_id = a.id
        WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Dossiers of the call that may be evaluated: INSTRUCTED or UNDER_EVALUATION, ELIGIBLE, with an instruction report. */
  async assignableDossiers(em: EntityManager, callId: string): Promise<DossierRow[]> {
    return em.query(
      `SELECT a.id, a.number, a.call_id AS "callId", a.status, a.organisation_id AS "organisationId", o.siret, er.verdict, true AS "hasInstructionReport"
         FROM application a JOIN organisation o ON o.id = a.organisation_id
         JOIN eligibility_report er ON er.application_id = a.id AND er.verdict = 'ELIGIBLE'
         JOIN instruction_report ir ON ir.application_id = a.id
        WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION')
        ORDER BY a.number
        FOR UPDATE OF a`,
      [callId],
    );
  }

  /** The organisations each user belongs to, for the automatic conflict rules. */
  async organisationsOf(userIds: readonly string[], em?: EntityManager): Promise<Map<string, OrganisationRef[]>> {
    const rows: { userId: string; id: string; siret: string }[] = userIds.length
      ? await this.run(em).query(
          `SELECT m.user_id AS "userId", o.id, o.siret FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = ANY($1::uuid[])`,
          [userIds],
        )
      : [];
    const map = new Map<string, OrganisationRef[]>();
    for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), { id: r.id, siret: r.siret }]);
    return map;
  }

  async assignment(applicationId: string, evaluatorId: string, em?: EntityManager, lock = false): Promise<AssignmentRow | null> {
    const rows: AssignmentRow[] = await this.run(em).query(
      `SELECT ${ASSIGNMENT_SELECT} WHERE ea.application_id = $1 AND ea.evaluator_id = $2 ${lock ? 'FOR UPDATE OF ea' : ''}`,
      [applicationId, evaluatorId],
    );
    return rows[0] ?? null;
  }

  async assignmentsOfDossier(applicationId: string, em?: EntityManager): Promise<AssignmentRow[]> {
    return this.run(em).query(`SELECT ${ASSIGNMENT_SELECT} WHERE ea.application_id = $1 ORDER BY u.display_name, ea.evaluator_id`, [applicationId]);
  }

  async assignmentsOfCall(callId: string, em?: EntityManager): Promise<AssignmentRow[]> {
    return this.run(em).query(`SELECT ${ASSIGNMENT_SELECT} WHERE ea.call_id = $1 ORDER BY ea.application_id, u.display_name`, [callId]);
  }

  async insertAssignment(
    em: EntityManager,
    a: { applicationId: string; evaluatorId: string; callId: string; rapporteur: boolean; assignedBy: string | null; automaticReason: string | null },
  ): Promise<void> {
    await em.query(`INSERT INTO evaluation_assignment (application_id, evaluator_id, call_id, rapporteur, assigned_by) VALUES ($1, $2, $3, $4, $5)`, [
      a.applicationId,
      a.evaluatorId,
      a.callId,
      a.rapporteur,
      a.assignedBy,
    ]);
    await em.query(`INSERT INTO conflict_declaration (application_id, evaluator_id, automatic_reason) VALUES ($1, $2, $3)`, [
      a.applicationId,
      a.evaluatorId,
      a.automaticReason,
    ]);
  }

  async setRapporteur(em: EntityManager, applicationId: string, evaluatorId: string): Promise<void> {
    await em.query(`UPDATE evaluation_assignment SET rapporteur = true WHERE application_id = $1 AND evaluator_id = $2`, [applicationId, evaluatorId]);
  }

  /** A new declaration; declaring a conflict again clears an earlier waiver (new facts). */
  async declare(em: EntityManager, applicationId: string, evaluatorId: string, conflict: boolean, details: string | null): Promise<void> {
    await em.query(
      `UPDATE conflict_declaration
          SET declared_conflict = $3, details = $4, declared_at = now(),
              waived_by = CASE WHEN $3 THEN NULL ELSE waived_by END,
              waiver_reason = CASE WHEN $3 THEN NULL ELSE waiver_reason END,
              waived_at = CASE WHEN $3 THEN NULL ELSE waived_at END
        WHERE application_id = $1 AND evaluator_id = $2`,
      [applicationId, evaluatorId, conflict, details],
    );
  }

  async waive(em: EntityManager, applicationId: string, evaluatorId: string, chairId: string, reason: string): Promise<void> {
    await em.query(`UPDATE conflict_declaration SET waived_by = $3, waiver_reason = $4, waived_at = now() WHERE application_id = $1 AND evaluator_id = $2`, [
      applicationId,
      evaluatorId,
      chairId,
      reason,
    ]);
  }

  /** Calls whose panel the user chairs, for the evaluator's home. */
  async chairedCalls(userId: string): Promise<{ id: string; reference: string; title: string }[]> {
    return this.dataSource.query(
      `SELECT c.id, c.reference, c.title FROM panel_member pm JOIN call c ON c.id = pm.call_id WHERE pm.user_id = $1 AND pm.role = 'CHAIR' ORDER BY c.reference`,
      [userId],
    );
  }

  /** Active users with the EVALUATOR role, for the panel page's picker. */
  async evaluatorDirectory(): Promise<{ id: string; displayName: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT id, display_name AS "displayName", email FROM app_user WHERE is_active AND 'EVALUATOR' = ANY(roles) ORDER BY display_name, email LIMIT 500`,
    );
  }

  /** Dossiers of the call that may be assigned (read only), for the panel page. */
  async assignableOfCall(callId: string): Promise<{ id: string; number: string; title: string | null; status: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.number, a.title, a.status FROM application a
         JOIN eligibility_report er ON er.application_id = a.id AND er.verdict = 'ELIGIBLE'
         JOIN instruction_report ir ON ir.application_id = a.id
        WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION') ORDER BY a.number`,
      [callId],
    );
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
