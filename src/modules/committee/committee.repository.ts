import { Injectable } from '@nestjs/common';
import { insertPlanVersion, type NewPlanVersion, readLatestPlanVersion } from '../applications/financing-plan-version.sql';
import { DataSource, EntityManager } from 'typeorm';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import type { ApplicationStatus } from '../applications/domain/application-status';
import type { PlanVersion } from './domain/reduced-plan';
import type { MemberRole, SessionStatus } from './domain/session';

type Runner = DataSource | EntityManager;
type UpdateResult = [unknown[], number];

export interface SessionRow {
  id: string;
  callId: string;
  title: string;
  scheduledAt: Date;
  location: string | null;
  quorum: number;
  status: SessionStatus;
  fillRemainder: boolean;
  openedAt: Date | null;
  closedAt: Date | null;
  version: number;
}

export interface MemberRow {
  userId: string;
  displayName: string;
  role: MemberRole;
  present: boolean;
}

export interface ItemRow {
  applicationId: string;
  number: string;
  title: string | null;
  organisationId: string;
  organisationName: string;
  applicationStatus: ApplicationStatus;
  position: number;
  rank: number | null;
  rankingStatus: string | null;
  total: string | null;
  euCents: number;
  explanation: string | null;
  recusedUserIds: string[];
}

export interface DecisionRow {
  id: string;
  applicationId: string;
  outcome: string;
  euCents: number | null;
  conditions: string | null;
  reasonCode: string | null;
  reason: string | null;
  requests: string | null;
  decidedBy: string;
  decidedAt: Date;
}

export interface RecusalRow {
  applicationId: string;
  userId: string;
  kind: 'AUTOMATIC' | 'DECLARED';
  reason: string;
}

export interface CallEnvelope {
  id: string;
  reference: string;
  title: string;
  envelopeCents: number;
}

export interface NewItem {
  applicationId: string;
  rank: number | null;
  rankingStatus: string;
  total: string | null;
  euCents: number;
  explanation: string;
}

const SESSION_COLUMNS = `s.id, s.call_id AS "callId", s.title, s.scheduled_at AS "scheduledAt", s.location, s.quorum, s.status,
  s.fill_remainder AS "fillRemainder", s.opened_at AS "openedAt", s.closed_at AS "closedAt", s.version`;

/** SQL of committee sessions, members, agenda items, recusals and decisions. Writes take the caller's transaction. */
@Injectable()
export class CommitteeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findCall(callId: string, em?: EntityManager): Promise<CallEnvelope | null> {
    const [row] = await this.run(em).query<CallEnvelopeRaw[]>(
      `SELECT id, reference, title, envelope_cents AS "envelopeCents" FROM call WHERE id = $1 AND status <> 'DRAFT'`,
      [callId],
    );
    return row ? toCallEnvelope(row) : null;
  }

  async findUsers(ids: readonly string[], em?: EntityManager): Promise<{ id: string; roles: string[]; isActive: boolean }[]> {
    return this.run(em).query<{ id: string; roles: string[]; isActive: boolean }[]>(
      `SELECT id, roles, is_active AS "isActive" FROM app_user WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Active staff accounts, the people a session may seat. */
  async staffUsers(em?: EntityManager): Promise<{ id: string; displayName: string; email: string }[]> {
    return this.run(em).query<{ id: string; displayName: string; email: string }[]>(
      `SELECT id, display_name AS "displayName", email FROM app_user
        WHERE is_active AND roles && ARRAY['INSTRUCTOR','EVALUATOR','PROGRAMME_MANAGER','MANAGING_AUTHORITY','ADMINISTRATOR']::text[]
        ORDER BY display_name, email LIMIT 500`,
    );
  }

  /** Published calls, newest first, for the committee home. */
  async publishedCalls(em?: EntityManager): Promise<CallEnvelope[]> {
    const rows = await this.run(em).query<CallEnvelopeRaw[]>(
      `SELECT id, reference, title, envelope_cents AS "envelopeCents" FROM call WHERE status <> 'DRAFT' ORDER BY created_at DESC, id DESC LIMIT 200`,
    );
    return rows.map(toCallEnvelope);
  }

  async insertSession(
    em: EntityManager,
    s: { callId: string; title: string; scheduledAt: Date; location: string | null; quorum: number; createdBy: string | null },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO committee_session (call_id, title, scheduled_at, location, quorum, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.callId, s.title, s.scheduledAt, s.location, s.quorum, s.createdBy],
    );
    if (!row) throw new Error('committee session not inserted');
    return row.id;
  }

  async insertMembers(
    em: EntityManager,
    sessionId: string,
    members: readonly { userId: string; role: MemberRole; institution?: string | null }[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO committee_member (session_id, user_id, role, institution)
       SELECT $1, t.user_id, t.role, t.institution FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(user_id, role, institution)`,
      [sessionId, members.map((m) => m.userId), members.map((m) => m.role), members.map((m) => m.institution?.trim() || null)],
    );
  }

  async findSession(id: string, em?: EntityManager, lock = false): Promise<SessionRow | null> {
    const [row] = await this.run(em).query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} FROM committee_session s WHERE s.id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return row ?? null;
  }

  /** Sessions of one call, or of every call; `memberId` restricts to the sessions that person sits on. */
  async listSessions(f: { callId?: string; memberId?: string }, em?: EntityManager): Promise<(SessionRow & { callReference: string; callTitle: string })[]> {
    return this.run(em).query<(SessionRow & { callReference: string; callTitle: string })[]>(
      `SELECT ${SESSION_COLUMNS}, c.reference AS "callReference", c.title AS "callTitle"
         FROM committee_session s JOIN call c ON c.id = s.call_id
        WHERE ($1::uuid IS NULL OR s.call_id = $1)
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM committee_member m WHERE m.session_id = s.id AND m.user_id = $2))
        ORDER BY s.scheduled_at DESC, s.id LIMIT 200`,
      [f.callId ?? null, f.memberId ?? null],
    );
  }

  async members(sessionId: string, em?: EntityManager): Promise<MemberRow[]> {
    return this.run(em).query<MemberRow[]>(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role, m.present
         FROM committee_member m JOIN app_user u ON u.id = m.user_id WHERE m.session_id = $1 ORDER BY m.role, u.display_name, m.user_id`,
      [sessionId],
    );
  }

  async setPresence(em: EntityManager, sessionId: string, userId: string, present: boolean): Promise<boolean> {
    const [, count] = await em.query<UpdateResult>(`UPDATE committee_member SET present = $3 WHERE session_id = $1 AND user_id = $2`, [
      sessionId,
      userId,
      present,
    ]);
    return count === 1;
  }

  async bumpSession(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE committee_session SET version = version + 1 WHERE id = $1`, [id]);
  }

  /** `from → to` guarded in SQL; stamps opened_at / closed_at. */
  async changeSessionStatus(em: EntityManager, id: string, from: SessionStatus, to: SessionStatus): Promise<boolean> {
    const [, count] = await em.query<UpdateResult>(
      `UPDATE committee_session SET status = $3, version = version + 1,
              opened_at = CASE WHEN $3 = 'OPEN' THEN now() ELSE opened_at END, closed_at = CASE WHEN $3 = 'CLOSED' THEN now() ELSE closed_at END
        WHERE id = $1 AND status = $2`,
      [id, from, to],
    );
    return count === 1;
  }

  async setFillRemainder(em: EntityManager, id: string, fillRemainder: boolean): Promise<void> {
    await em.query(`UPDATE committee_session SET fill_remainder = $2 WHERE id = $1`, [id, fillRemainder]);
  }

  async items(sessionId: string, em?: EntityManager): Promise<ItemRow[]> {
    const rows = await this.run(em).query<ItemRowRaw[]>(`${ITEM_SELECT} WHERE i.session_id = $1 ORDER BY i.position`, [sessionId]);
    return rows.map(toItem);
  }

  async findItem(sessionId: string, applicationId: string, em?: EntityManager, lock = false): Promise<ItemRow | null> {
    const [row] = await this.run(em).query<ItemRowRaw[]>(`${ITEM_SELECT} WHERE i.session_id = $1 AND i.application_id = $2${lock ? ' FOR UPDATE OF i' : ''}`, [
      sessionId,
      applicationId,
    ]);
    return row ? toItem(row) : null;
  }

  async insertItems(em: EntityManager, sessionId: string, items: readonly NewItem[]): Promise<void> {
    if (items.length === 0) return;
    await em.query(
      `INSERT INTO committee_item (session_id, application_id, position, rank, ranking_status, total, eu_cents, explanation)
       SELECT $1, t.app, t.ord, t.rank, t.status, t.total, t.eu, t.expl
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[]) WITH ORDINALITY AS t(app, rank, status, total, eu, expl, ord)`,
      [
        sessionId,
        items.map((i) => i.applicationId),
        items.map((i) => i.rank),
        items.map((i) => i.rankingStatus),
        items.map((i) => i.total),
        items.map((i) => String(i.euCents)),
        items.map((i) => i.explanation),
      ],
    );
  }

  /** Session members who belong to an organisation: they leave its dossiers (docs/domain/evaluation.md, committee.md automatic exclusion). */
  async membersOfOrganisation(sessionId: string, organisationId: string, em?: EntityManager): Promise<string[]> {
    const rows = await this.run(em).query<{ userId: string }[]>(
      `SELECT m.user_id AS "userId" FROM committee_member m JOIN organisation_member om ON om.user_id = m.user_id
        WHERE m.session_id = $1 AND om.organisation_id = $2 ORDER BY m.user_id`,
      [sessionId, organisationId],
    );
    return rows.map((r) => r.userId);
  }

  /** Per item, the session members who belong to the applicant organisation (live, not only as frozen). */
  async organisationConflicts(sessionId: string, em?: EntityManager): Promise<{ applicationId: string; userId: string }[]> {
    return this.run(em).query<{ applicationId: string; userId: string }[]>(
      `SELECT i.application_id AS "applicationId", m.user_id AS "userId"
         FROM committee_item i JOIN application a ON a.id = i.application_id
         JOIN organisation_member om ON om.organisation_id = a.organisation_id
         JOIN committee_member m ON m.session_id = i.session_id AND m.user_id = om.user_id
        WHERE i.session_id = $1`,
      [sessionId],
    );
  }

  async recusals(sessionId: string, em?: EntityManager): Promise<RecusalRow[]> {
    return this.run(em).query<RecusalRow[]>(
      `SELECT application_id AS "applicationId", user_id AS "userId", kind, reason FROM committee_recusal WHERE session_id = $1 ORDER BY recorded_at, user_id`,
      [sessionId],
    );
  }

  /** Records a recusal once (a second declaration for the same member and item changes nothing): true when new. */
  async insertRecusal(
    em: EntityManager,
    r: { sessionId: string; applicationId: string; userId: string; kind: 'AUTOMATIC' | 'DECLARED'; reason: string; recordedBy: string | null },
  ): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `INSERT INTO committee_recusal (session_id, application_id, user_id, kind, reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [r.sessionId, r.applicationId, r.userId, r.kind, r.reason, r.recordedBy],
    );
    if (rows.length === 0) return false;
    await em.query(
      `UPDATE committee_item SET recused_user_ids = array_append(recused_user_ids, $3::uuid)
        WHERE session_id = $1 AND application_id = $2 AND NOT ($3::uuid = ANY (recused_user_ids))`,
      [r.sessionId, r.applicationId, r.userId],
    );
    return true;
  }

  async decisions(sessionId: string, em?: EntityManager): Promise<DecisionRow[]> {
    const rows = await this.run(em).query<DecisionRowRaw[]>(`${DECISION_SELECT} WHERE d.session_id = $1 ORDER BY d.decided_at, d.id`, [sessionId]);
    return rows.map(toDecision);
  }

  async findDecision(sessionId: string, applicationId: string, em?: EntityManager): Promise<DecisionRow | null> {
    const [row] = await this.run(em).query<DecisionRowRaw[]>(`${DECISION_SELECT} WHERE d.session_id = $1 AND d.application_id = $2`, [
      sessionId,
      applicationId,
    ]);
    return row ? toDecision(row) : null;
  }

  async insertDecision(
    em: EntityManager,
    d: {
      sessionId: string;
      applicationId: string;
      outcome: string;
      euCents: number | null;
      conditions: string | null;
      reasonCode: string | null;
      reason: string | null;
      requests: string | null;
      decidedBy: string;
    },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, conditions, reason_code, reason, requests, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [d.sessionId, d.applicationId, d.outcome, d.euCents, d.conditions, d.reasonCode, d.reason, d.requests, d.decidedBy],
    );
    if (!row) throw new Error('committee decision not inserted');
    return row.id;
  }

  /**
   * Serialises the decisions of one call, whatever the session: the envelope check reads the sum then inserts, so two
   * concurrent favorable decisions must not both see the same remainder. Released at commit.
   */
  async lockEnvelope(em: EntityManager, callId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('committee-envelope:' || $1::text, 0))`, [callId]);
  }

  /** Σ EU amounts of the favorable decisions of a call, every session included. */
  async consumedCents(callId: string, em?: EntityManager): Promise<number> {
    const [row] = await this.run(em).query<{ sum: string }[]>(
      // A renounced operation (the beneficiary gave the aid up) releases its EU amount to the envelope; a closed one
      // releases what its final amount due left unused (operation_closure.released_cents, docs/domain/payments.md,
      // measured from the decision); before closure, an accepted amendment that lowers the EU amount releases the
      // difference: its latest AMENDMENT plan version counts, never more than the decision (docs/domain/execution.md).
      `SELECT coalesce(sum(CASE WHEN cl.application_id IS NULL THEN LEAST(d.eu_cents, coalesce(am.eu_cents, d.eu_cents)) ELSE d.eu_cents END), 0)
              - (SELECT coalesce(sum(c.released_cents), 0) FROM operation_closure c WHERE c.call_id = $1) AS sum
         FROM committee_decision d JOIN committee_session s ON s.id = d.session_id
         JOIN application a ON a.id = d.application_id
         LEFT JOIN LATERAL (SELECT v.eu_cents FROM financing_plan_version v WHERE v.application_id = d.application_id AND v.source = 'AMENDMENT'
                             ORDER BY v.version_no DESC LIMIT 1) am ON true
         LEFT JOIN operation_closure cl ON cl.application_id = d.application_id
        WHERE s.call_id = $1 AND d.outcome = 'FAVORABLE' AND a.status <> 'RENOUNCED'`,
      [callId],
    );
    return toCents(row?.sum ?? 0);
  }

  /** The retained plan of a dossier is its highest version. */
  async retainedPlan(applicationId: string, em?: EntityManager): Promise<(PlanVersion & { versionNo: number }) | null> {
    const v = await readLatestPlanVersion(this.run(em), applicationId);
    return v
      ? {
          versionNo: v.versionNo,
          costOption: v.costOption,
          flatRateBp: v.flatRateBp,
          lines: v.lines,
          resources: v.resources,
          rateBp: v.rateBp,
          euCents: v.totals.euCents,
        }
      : null;
  }

  /** Appends a plan version (source COMMITTEE) through the one writer of `financing_plan_version`. */
  async insertPlanVersion(em: EntityManager, v: Omit<NewPlanVersion, 'source'>): Promise<void> {
    await insertPlanVersion(em, { ...v, source: 'COMMITTEE' });
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}

const ITEM_SELECT = `
  SELECT i.application_id AS "applicationId", a.number, a.title, a.organisation_id AS "organisationId", o.legal_name AS "organisationName",
         a.status AS "applicationStatus", i.position, i.rank, i.ranking_status AS "rankingStatus", i.total, i.eu_cents AS "euCents",
         i.explanation, i.recused_user_ids AS "recusedUserIds"
    FROM committee_item i JOIN application a ON a.id = i.application_id JOIN organisation o ON o.id = a.organisation_id`;

const DECISION_SELECT = `
  SELECT d.id, d.application_id AS "applicationId", d.outcome, d.eu_cents AS "euCents", d.conditions, d.reason_code AS "reasonCode",
         d.reason, d.requests, d.decided_by AS "decidedBy", d.decided_at AS "decidedAt"
    FROM committee_decision d`;

type CallEnvelopeRaw = Omit<CallEnvelope, 'envelopeCents'> & { envelopeCents: string };
type ItemRowRaw = Omit<ItemRow, 'euCents'> & { euCents: string | number };
type DecisionRowRaw = Omit<DecisionRow, 'euCents'> & { euCents: string | number | null };

function toCallEnvelope(r: CallEnvelopeRaw): CallEnvelope {
  return { ...r, envelopeCents: toCents(r.envelopeCents) };
}

function toItem(r: ItemRowRaw): ItemRow {
  return { ...r, euCents: toCents(r.euCents) };
}

function toDecision(r: DecisionRowRaw): DecisionRow {
  return { ...r, euCents: toCentsOrNull(r.euCents) };
}
