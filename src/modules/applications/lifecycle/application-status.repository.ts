import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { Actor } from '../../../common/actor/actor';
import type { IdempotencyClaim } from '../../../common/idempotency/idempotency.service';
import type { ApplicationStatus } from '../domain/application-status';
import { COMMITS_TRANSACTION } from '../../../database/preparing-client';
import { only } from '../../../common/collections';
import { type NewPlanVersion, planVersionInsertSql, planVersionValues } from '../financing-plan-version.sql';

/** The `essaim_require` label of the guarded UPDATE that found nothing (ApplicationLifecycle maps it to a 409). */
export const DOSSIER_MOVED = 'dossier moved during its submission';

/**
 * A first submission's last statement (docs/decisions/0010-throughput.md): everything that bears the number, written
 * in one round trip once the year's counter is taken. The JSON values carry `number: ''`; the statement sets it.
 */
export interface NumberedSubmission {
  id: string;
  /** The locked row's version (If-Match). */
  expectedVersion: number;
  /** Paris year of `submittedAt` (docs/domain/lifecycle.md: AAP-YYYY-NNNNNN, gapless per year). */
  year: number;
  callVersion: number;
  submittedAt: Date;
  submittedBy: string;
  snapshot: { number: string };
  plan: FinancingPlan;
  actor: Actor;
  /** Version 1 of the financing plan (firstPlanVersion). */
  planVersion: NewPlanVersion;
  /** The audit row; `after` gets `status`, `version` and `number` from the statement. */
  audit: { action: string; before: Record<string, unknown>; after: Record<string, unknown> };
  /** The stored idempotent answer (IdempotencyService's row, claimed IN_PROGRESS), completed here with the number. */
  answer?: { claim: IdempotencyClaim; status: number; body: { number: string } };
  /** The listeners' writes (ApplicationLifecycle's PendingNumber), added to the statement. */
  riders: readonly RidingWrite[];
  /**
   * The statement ends the caller's transaction (sent with its COMMIT): what a request does. The demo seed, which
   * submits several dossiers in one transaction, does not.
   */
  commitsTransaction: boolean;
}

export interface SubmittedDossier {
  number: string;
  version: number;
  /** The stored answer's exact text (`response_body::text`, as every replay sends it); null without `answer`. */
  body: string | null;
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
  async move(em: EntityManager, m: { id: string; from: ApplicationStatus; to: ApplicationStatus; expectedVersion: number | null }): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE application SET status = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = $2 AND ($4::int IS NULL OR version = $4::int) RETURNING version`,
      [m.id, m.from, m.to, m.expectedVersion],
    )) as UpdateResult<MovedRow>;
    return rows[0]?.version ?? null;
  }

  /**
   * DRAFT → SUBMITTED and every row that bears the number, in ONE statement (docs/decisions/0010-throughput.md): the
   * counter row (`INSERT … ON CONFLICT DO UPDATE`, locked until commit: numbers are gapless), the guarded UPDATE with
   * the numbered snapshot and totals (the CHECK constraints want the number with the status), the first submission row,
   * the idempotent answer, the audit row through `audit_append()` (its trigger takes the chain's advisory lock, after
   * the counter, as every submission does: one lock order), and the listeners' rows that ride with it (status mails
   * with the number, the receipt's request: {@link RidingWrite}).
   * The statement COMMITS the transaction (it is sent with its COMMIT, src/database/preparing-client.ts): the counter's
   * row lock and the chain lock are held for this statement and the commit only, not also for the wait until node
   * reads the answer. So it is the transaction's last statement, and what would be checked after it is checked in it:
   * a dossier that moved meanwhile (the guarded UPDATE found nothing) or an idempotency key no longer claimed raise
   * `ZE001` (`essaim_require`), and then nothing commits — neither this statement nor anything before it; the counter
   * goes back with the rollback, so numbers stay gapless.
   */
  async submitNumbered(em: EntityManager, s: NumberedSubmission): Promise<SubmittedDossier> {
    const p = s.plan;
    const planVersion = planVersionValues(s.planVersion);
    const riders = ridingCtes(s.riders, 24 + planVersion.length);
    const rows: { number: string; version: number; body: string | null }[] = await em.query(
      `${s.commitsTransaction ? COMMITS_TRANSACTION : ''}
       WITH counter AS (
         INSERT INTO application_number_counter AS c (year, last_value) VALUES ($2::int, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + 1
         RETURNING 'AAP-' || c.year::text || '-' || lpad(c.last_value::text, 6, '0') AS number
       ), moved AS (
         UPDATE application a
            SET status = 'SUBMITTED', number = n.number, call_version = $4::int, submitted_at = $5::timestamptz,
                submitted_snapshot = jsonb_set($6::jsonb, '{number}', to_jsonb(n.number)),
                total_direct_cents = $7::bigint, total_flat_rate_cents = $8::bigint, total_eligible_cents = $9::bigint, max_eu_cents = $10::bigint,
                eu_requested_cents = $11::bigint, other_resources_cents = $12::bigint, version = a.version + 1, updated_at = now()
           FROM counter n
          WHERE a.id = $1::uuid AND a.status = 'DRAFT' AND a.version = $3::int
         RETURNING a.number, a.version, a.submitted_snapshot
       ), history AS (
         INSERT INTO application_status_history (application_id, from_status, to_status, actor_user_id, reason, application_version)
         SELECT $1::uuid, 'DRAFT', 'SUBMITTED', $14::uuid, NULL, m.version FROM moved m
       ), plan_version AS (
         ${planVersionInsertSql(24, 'moved')}
       ), submission AS (
         INSERT INTO application_submission (application_id, submission_no, snapshot, submitted_at, submitted_by)
         SELECT $1::uuid, 1, m.submitted_snapshot, $5::timestamptz, $13::uuid FROM moved m
         RETURNING application_id
       ), answer AS (
         UPDATE idempotency_key k
            SET status = 'DONE', response_status = $21::int, response_body = jsonb_set($22::jsonb, '{number}', to_jsonb(m.number)), completed_at = now()
           FROM moved m
          WHERE $19::text IS NOT NULL AND k.scope = $19::text AND k.key = $20::text AND k.status = 'IN_PROGRESS'
         RETURNING k.response_body::text AS body
       ), audit AS (
         SELECT audit_append($14::uuid, $15::text, $16::text, 'application', $1::uuid::text, $17::jsonb,
                             jsonb_build_object('status', 'SUBMITTED', 'version', m.version) || $18::jsonb || jsonb_build_object('number', m.number), $23::text) AS seq
           FROM moved m
       )${riders.sql}
       SELECT m.number, m.version, (SELECT body FROM answer) AS body
         FROM (SELECT essaim_require((SELECT count(*) FROM moved) = 1, '${DOSSIER_MOVED}')
                      AND essaim_require($19::text IS NULL OR (SELECT count(*) FROM answer) = 1, 'idempotency key no longer claimed') AS ok) checked
         LEFT JOIN moved m ON true LEFT JOIN audit a ON true`,
      [
        s.id,
        s.year,
        s.expectedVersion,
        s.callVersion,
        s.submittedAt,
        JSON.stringify(s.snapshot),
        p.directCostsCents,
        p.flatRateCostsCents,
        p.totalEligibleCostsCents,
        p.maxEsfPlusCents,
        p.requestedEsfPlusCents,
        p.otherResourcesCents,
        s.submittedBy,
        s.actor.userId,
        s.actor.kind,
        s.audit.action,
        JSON.stringify(s.audit.before),
        JSON.stringify(s.audit.after),
        s.answer?.claim.scope ?? null,
        s.answer?.claim.key ?? null,
        s.answer?.status ?? null,
        s.answer ? JSON.stringify(s.answer.body) : null,
        s.actor.correlationId,
        ...planVersion,
        ...riders.values,
      ],
    );
    const { number, version, body } = only(rows, 'the submitted dossier');
    return { number, version, body };
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

/**
 * A listener's write that rides with a first submission's last statement (docs/decisions/0010-throughput.md): its rows
 * cost no round trip of their own and exist iff the submission commits. Its CTEs are appended to the statement's, in
 * order; in their SQL, `$1`… number `values`, `own(name)` is the statement's name of one of the rider's own CTEs (to
 * read the rows of an earlier one), and `number` the SQL expression of the dossier's number.
 */
export interface RidingWrite {
  ctes(own: (name: string) => string, number: string): { name: string; sql: string }[];
  values: readonly unknown[];
}

/** The riders as `, name AS (sql)` CTEs, their parameters numbered from `firstParam`. */
function ridingCtes(riders: readonly RidingWrite[], firstParam: number): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [i, rider] of riders.entries()) {
    const offset = firstParam + values.length - 1;
    const own = (name: string): string => `rider${i}_${name}`;
    for (const cte of rider.ctes(own, '(SELECT number FROM moved)')) {
      parts.push(`, ${own(cte.name)} AS (${cte.sql.replace(/\$(\d+)/g, (_, n: string) => `$${offset + Number(n)}`)})`);
    }
    values.push(...rider.values);
  }
  return { sql: parts.join('\n'), values };
}
