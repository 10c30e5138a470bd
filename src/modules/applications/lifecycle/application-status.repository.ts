import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { ApplicationStatus } from '../domain/application-status';

/** The columns a submission writes with DRAFT → SUBMITTED (the CHECK constraints want the number with the status). */
export interface SubmittedColumns {
  number: string;
  callVersion: number;
  submittedAt: Date;
  snapshot: unknown;
  plan: FinancingPlan;
}

interface MovedRow {
  version: number;
}

/** TypeORM answers an UPDATE with `[rows returned, rows affected]`. */
type UpdateResult<T> = [T[], number];

/**
 * The only SQL that writes `application.status` (a test scans the sources for any other), and the history table.
 * Used by {@link ApplicationLifecycle} alone.
 */
@Injectable()
export class ApplicationStatusRepository {
  /** `from → to` guarded in SQL; the new version, or null when the status (or the expected version) moved meanwhile. */
  async move(
    em: EntityManager,
    m: { id: string; from: ApplicationStatus; to: ApplicationStatus; expectedVersion: number | null; submitted: SubmittedColumns | null },
  ): Promise<number | null> {
    const params: unknown[] = [m.id, m.from, m.to, m.expectedVersion];
    let extra = '';
    if (m.submitted) {
      const s = m.submitted;
      const p = s.plan;
      params.push(
        s.number,
        s.callVersion,
        s.submittedAt,
        JSON.stringify(s.snapshot),
        p.directCostsCents,
        p.flatRateCostsCents,
        p.totalEligibleCostsCents,
        p.maxEsfPlusCents,
        p.requestedEsfPlusCents,
        p.otherResourcesCents,
      );
      extra = `, number = $5, call_version = $6, submitted_at = $7, submitted_snapshot = $8::jsonb, total_direct_cents = $9, total_flat_rate_cents = $10,
              total_eligible_cents = $11, max_eu_cents = $12, eu_requested_cents = $13, other_resources_cents = $14`;
    }
    const [rows] = (await em.query(
      `UPDATE application SET status = $3${extra}, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = $2 AND ($4::int IS NULL OR version = $4::int) RETURNING version`,
      params,
    )) as UpdateResult<MovedRow>;
    return rows[0]?.version ?? null;
  }

  /** The status and version under a row lock (FOR UPDATE), or null for an unknown dossier. */
  async lock(em: EntityManager, id: string): Promise<{ status: ApplicationStatus; version: number } | null> {
    const rows: { status: ApplicationStatus; version: number }[] = await em.query(`SELECT status, version FROM application WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Locks several dossiers in id order, so that two transactions moving overlapping sets cannot deadlock. */
  async lockAll(em: EntityManager, ids: readonly string[]): Promise<void> {
    await em.query(`SELECT id FROM application WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  async insertHistory(
    em: EntityManager,
    h: { applicationId: string; from: ApplicationStatus | null; to: ApplicationStatus; actorUserId: string | null; reason: string | null; version: number },
  ): Promise<void> {
    await em.query(
      `INSERT INTO application_status_history (application_id, from_status, to_status, actor_user_id, reason, application_version) VALUES ($1, $2, $3, $4, $5, $6)`,
      [h.applicationId, h.from, h.to, h.actorUserId, h.reason, h.version],
    );
  }
}
