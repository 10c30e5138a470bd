import type { TargetInput } from '../participants/domain/targets';
import { TARGETS_IN_FORCE_SQL } from '../participants/indicator-targets.sql';
import { operationRegionCategory } from '../cofinancing/domain/region-category';
import { type NewPlanVersion, planVersionTotals } from './financing-plan-version.sql';
import type { submissionSnapshot } from './submission-snapshot';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CostOption, FinancingPlan } from '../cofinancing/domain/cofinancing';
import { readBundle } from './dossier-parts.sql';
import {
  APPLICATION_COLUMNS,
  type ApplicationBundle,
  ApplicationRow,
  type ApplicationRowRaw,
  CALL_COLUMNS,
  CallRow,
  type CallRowRaw,
  HistoryRow,
  LINES_SQL,
  LineRow,
  ORGANISATION_SQL,
  RESOURCES_SQL,
  ResourceRow,
  toApplicationRow,
  toCallRow,
  toLineRow,
  toResourceRow,
} from './application-rows';
import type { Article15Section, FinancingPlanSection, ProjectSection } from './domain/application-content';
import type { ComplementRequest } from './domain/complements';

type Runner = DataSource | EntityManager;
/** TypeORM answers an UPDATE with `[rows returned, rows affected]`. */
type UpdateResult = [{ version: number }[], number];

export interface ApplicationMessageRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/** SQL of dossiers and their sections. Every write takes the caller's transaction. */
@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, em?: EntityManager, lock = false): Promise<ApplicationRow | null> {
    const [row] = await this.run(em).query<ApplicationRowRaw[]>(
      `SELECT ${APPLICATION_COLUMNS} FROM application a WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ? toApplicationRow(row) : null;
  }

  /**
   * The dossier and whether `userId` is a member of its organisation, in one round trip (object-level authorisation reads
   * both on every dossier route); optionally locked (`FOR UPDATE` locks the dossier row only).
   */
  async findWithMembership(id: string, userId: string, em?: EntityManager, lock = false): Promise<{ row: ApplicationRow; member: boolean } | null> {
    const [raw] = await this.run(em).query<(ApplicationRowRaw & { isMember: boolean })[]>(
      `SELECT ${APPLICATION_COLUMNS},
              EXISTS (SELECT 1 FROM organisation_member m WHERE m.user_id = $2 AND m.organisation_id = a.organisation_id) AS "isMember"
         FROM application a WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id, userId],
    );
    if (!raw) return null;
    const { isMember, ...row } = raw;
    return { row: toApplicationRow(row), member: isMember };
  }

  /** Everything the dossier is made of besides its row, in one statement (dossier-parts.sql.ts). */
  bundle(row: ApplicationRow, em?: EntityManager): Promise<ApplicationBundle> {
    return readBundle(this.run(em), row);
  }

  async findCall(callId: string, em?: EntityManager): Promise<CallRow | null> {
    const [row] = await this.run(em).query<CallRowRaw[]>(`SELECT ${CALL_COLUMNS} FROM call c WHERE c.id = $1`, [callId]);
    return row ? toCallRow(row) : null;
  }

  /** The dossier's indicator targets in force (highest version), as declared in the draft. */
  indicatorTargets(applicationId: string, em?: EntityManager): Promise<TargetInput[]> {
    return this.run(em).query<TargetInput[]>(TARGETS_IN_FORCE_SQL, [applicationId]);
  }

  async isMember(userId: string, organisationId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.run(em).query<unknown[]>(`SELECT 1 FROM organisation_member WHERE user_id = $1 AND organisation_id = $2`, [userId, organisationId]);
    return rows.length > 0;
  }

  async findOrganisation(id: string, em?: EntityManager): Promise<{ id: string; legalName: string; siret: string } | null> {
    const [row] = await this.run(em).query<{ id: string; legalName: string; siret: string }[]>(ORGANISATION_SQL, [id]);
    return row ?? null;
  }

  async lines(applicationId: string, em?: EntityManager): Promise<LineRow[]> {
    const rows = await this.run(em).query<Parameters<typeof toLineRow>[0][]>(LINES_SQL, [applicationId]);
    return rows.map(toLineRow);
  }

  async resources(applicationId: string, em?: EntityManager): Promise<ResourceRow[]> {
    const rows = await this.run(em).query<Parameters<typeof toResourceRow>[0][]>(RESOURCES_SQL, [applicationId]);
    return rows.map(toResourceRow);
  }

  async history(applicationId: string, em?: EntityManager): Promise<HistoryRow[]> {
    return this.run(em).query<HistoryRow[]>(
      `SELECT h.from_status AS "fromStatus", h.to_status AS "toStatus", h.actor_user_id AS "actorUserId", h.reason,
              h.application_version AS "applicationVersion", h.occurred_at AS "occurredAt", u.display_name AS "actorName",
              EXISTS (SELECT 1 FROM organisation_member m JOIN application a ON a.organisation_id = m.organisation_id
                       WHERE a.id = h.application_id AND m.user_id = h.actor_user_id) AS "actorIsMember"
         FROM application_status_history h LEFT JOIN app_user u ON u.id = h.actor_user_id
        WHERE h.application_id = $1 ORDER BY h.id`,
      [applicationId],
    );
  }

  async insert(
    em: EntityManager,
    a: { callId: string; callVersion: number; organisationId: string; createdBy: string; title: string | null },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO application (call_id, call_version, organisation_id, created_by, title) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [a.callId, a.callVersion, a.organisationId, a.createdBy, a.title],
    );
    if (!row) throw new Error('application not inserted');
    return row.id;
  }

  async messages(applicationId: string, em?: EntityManager): Promise<ApplicationMessageRow[]> {
    return this.run(em).query<ApplicationMessageRow[]>(
      `SELECT id, kind, subject, body, created_at AS "createdAt" FROM application_message WHERE application_id = $1 ORDER BY created_at DESC, id`,
      [applicationId],
    );
  }

  /** The request for complements of the latest admissibility round, if that round found the dossier incomplete. */
  async complementRequest(applicationId: string, em?: EntityManager): Promise<ComplementRequest | null> {
    const rows = await this.run(em).query<ComplementRequest[]>(
      `SELECT complements, due_date::text AS "dueDate" FROM admissibility_review
        WHERE application_id = $1 AND outcome = 'INCOMPLETE' AND round = (SELECT max(round) FROM admissibility_review WHERE application_id = $1)`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /**
   * Optimistic update of a draft, or of an INCOMPLETE dossier whose section the caller has checked is flagged:
   * true when the row was at `version` and still editable.
   */
  async updateProject(em: EntityManager, id: string, version: number, p: ProjectSection): Promise<boolean> {
    // The category of region is stored with the département it was read from (docs/domain/region-category.md).
    const region = operationRegionCategory(p.departement, null);
    return this.updated(
      em.query(
        `UPDATE application SET title = $3, summary = $4, social_need = $5, target_publics = $6::jsonb, start_date = $7, end_date = $8, place = $9,
                departement = $10, with_participants = $11, planned_participants = $12, operation_type = $13, existing_project = $14,
                experimentation_start_date = $15, new_territory = $16, substantial_change = $17, region_category = $18, region_category_departement = $19,
                physical_investment = coalesce($20, false), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status IN ('DRAFT', 'INCOMPLETE')`,
        [
          id,
          version,
          p.title,
          p.summary,
          p.socialNeed,
          JSON.stringify(p.targetPublics),
          p.startDate,
          p.endDate,
          p.place,
          p.departement,
          p.withParticipants,
          p.plannedParticipants,
          p.operationType,
          p.existingProject,
          p.experimentationStartDate,
          p.newTerritory,
          p.substantialChange,
          region.category,
          region.departement,
          p.physicalInvestment ?? null,
        ],
      ),
    );
  }

  async updateArticle15(em: EntityManager, id: string, version: number, a: Article15Section): Promise<boolean> {
    return this.updated(
      em.query(
        `UPDATE application SET art15_i1 = $3::jsonb, art15_i2 = $4::jsonb, art15_ii = $5::jsonb, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status IN ('DRAFT', 'INCOMPLETE')`,
        [id, version, JSON.stringify(a.i1), JSON.stringify(a.i2), JSON.stringify(a.ii)],
      ),
    );
  }

  /** Replaces the plan header, lines and resources, and stores the computed totals (null while no option is chosen). */
  async updateFinancingPlan(em: EntityManager, id: string, version: number, fp: FinancingPlanSection, plan: FinancingPlan | null): Promise<boolean> {
    const ok = await this.updated(
      em.query(
        `UPDATE application SET cost_option = $3, flat_rate_bp = $4, state_aid = $5, total_direct_cents = $6, total_flat_rate_cents = $7,
                total_eligible_cents = $8, max_eu_cents = $9, eu_requested_cents = $10, other_resources_cents = $11, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status IN ('DRAFT', 'INCOMPLETE')`,
        [
          id,
          version,
          fp.costOption,
          fp.flatRateBp,
          fp.stateAid,
          plan?.directCostsCents ?? null,
          plan?.flatRateCostsCents ?? null,
          plan?.totalEligibleCostsCents ?? null,
          plan?.maxEsfPlusCents ?? null,
          plan?.requestedEsfPlusCents ?? null,
          plan?.otherResourcesCents ?? null,
        ],
      ),
    );
    if (!ok) return false;
    await em.query(`DELETE FROM application_budget_line WHERE application_id = $1`, [id]);
    await em.query(`DELETE FROM application_resource WHERE application_id = $1`, [id]);
    if (fp.lines.length) {
      await em.query(
        `INSERT INTO application_budget_line (application_id, position, category, label, amount_cents, simplified_cost_code, quantity)
         SELECT $1, t.ord - 1, t.category, t.label, t.amount, t.sco, t.qty
           FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[]) WITH ORDINALITY AS t(category, label, amount, sco, qty, ord)`,
        [
          id,
          fp.lines.map((l) => l.category),
          fp.lines.map((l) => l.label),
          fp.lines.map((l) => String(l.amountCents)),
          fp.lines.map((l) => l.simplifiedCostCode ?? null),
          fp.lines.map((l) => (l.simplifiedCostCode ? (l.quantity ?? 0) : null)),
        ],
      );
    }
    if (fp.resources.length) {
      await em.query(
        `INSERT INTO application_resource (application_id, position, type, funder_name, amount_cents)
         SELECT $1, t.ord - 1, t.type, t.funder, t.amount FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS t(type, funder, amount, ord)`,
        [id, fp.resources.map((r) => r.type), fp.resources.map((r) => r.funderName), fp.resources.map((r) => String(r.amountCents))],
      );
    }
    return true;
  }

  /** A document was added or removed: the representation changed, so the ETag moves on. */
  async bumpVersion(em: EntityManager, id: string): Promise<number> {
    const [[row]] = await em.query<UpdateResult>(`UPDATE application SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`, [id]);
    if (!row) throw new Error(`application ${id} not found`);
    return row.version;
  }

  /**
   * Version 1 of the financing plan (the applicant's), written with the submission, before its number is taken:
   * it does not depend on the number, and the number is taken by the submission's last statement
   * (ApplicationLifecycle#submit, docs/decisions/0010-throughput.md).
   * Reduced plans add versions; this one is never changed.
   */
  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }

  private async updated(result: Promise<unknown>): Promise<boolean> {
    const [, count] = (await result) as [unknown, number];
    return count === 1;
  }
}

/** Version 1 of the financing plan, as submitted (written by the submission's last statement, ApplicationLifecycle#submit). */
export function firstPlanVersion(s: {
  id: string;
  submittedBy: string;
  snapshot: ReturnType<typeof submissionSnapshot>;
  plan: FinancingPlan;
  rateBp: number;
}): NewPlanVersion {
  const fp = s.snapshot.financingPlan;
  return {
    applicationId: s.id,
    versionNo: 1,
    source: 'APPLICANT',
    costOption: fp.costOption as CostOption,
    flatRateBp: fp.flatRateBp,
    lines: fp.lines,
    resources: fp.resources,
    rateBp: s.rateBp,
    reason: null,
    createdBy: s.submittedBy,
    totals: planVersionTotals(s.plan),
  };
}
