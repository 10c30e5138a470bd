import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../test-app';
import { type Applicant, completeDraft, createApplicant, createDraft, createOpenCall } from './application.factory';
import { createUser } from './user.factory';

/**
 * Instruction and committee data for document tests, written as the schema owner: those features are built in
 * parallel by other modules, so this helper sets the rows their use cases will write (docs/domain/admissibility.md, eligibility.md, committee.md).
 */
export interface SubmittedDossier {
  applicant: Applicant;
  applicationId: string;
  callId: string;
  number: string;
}

/** A dossier submitted through the real API (number, snapshot, plan version 1: CTE 112 000 €, ESF+ 106 400 €). */
export async function submittedDossier(t: TestApp, owner: DataSource): Promise<SubmittedDossier> {
  const applicant = await createApplicant(t, owner);
  const { id: callId } = await createOpenCall(owner);
  const { id } = await createDraft(t, applicant, callId);
  await completeDraft(t, applicant, id);
  const res = await t.http().post(`/api/v1/applications/${id}/submit`).set(applicant.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });
  if (![200, 201].includes(res.status)) throw new Error(`submit: ${res.status} ${res.text}`);
  const [{ number }] = await owner.query(`SELECT number FROM application WHERE id = $1`, [id]);
  return { applicant, applicationId: id, callId, number };
}

export async function setStatus(owner: DataSource, applicationId: string, status: string): Promise<void> {
  await owner.query(`UPDATE application SET status = $2, version = version + 1 WHERE id = $1`, [applicationId, status]);
}

export interface Session {
  sessionId: string;
  chairId: string;
  memberIds: string[];
}

/** A committee session of the call with a present chair, one present and one absent member. */
export async function committeeSession(owner: DataSource, callId: string, status: 'PLANNED' | 'OPEN' | 'CLOSED' = 'CLOSED'): Promise<Session> {
  const chair = await createUser(owner, { roles: ['PROGRAMME_MANAGER'], displayName: 'Claire Présidente' });
  const present = await createUser(owner, { roles: ['INSTRUCTOR'], displayName: 'Marc Présent' });
  const absent = await createUser(owner, { roles: ['INSTRUCTOR'], displayName: 'Inès Absente' });
  const [{ id }] = await owner.query(
    `INSERT INTO committee_session (call_id, title, scheduled_at, location, quorum, status, created_by, closed_at)
     VALUES ($1, 'Comité de programmation du 15 juin 2026', '2026-06-15T08:00:00Z', 'Lyon, salle du conseil', 2, $2, $3, $4) RETURNING id`,
    [callId, status, chair.id, status === 'CLOSED' ? new Date() : null],
  );
  await owner.query(
    `INSERT INTO committee_member (session_id, user_id, role, present, institution)
     VALUES ($1, $2, 'CHAIR', true, NULL), ($1, $3, 'MEMBER', true, 'DREETS Auvergne-Rhône-Alpes'), ($1, $4, 'MEMBER', false, NULL)`,
    [id, chair.id, present.id, absent.id],
  );
  return { sessionId: id, chairId: chair.id, memberIds: [present.id, absent.id] };
}

export interface Decision {
  outcome: 'FAVORABLE' | 'DEFAVORABLE' | 'POSTPONED';
  euCents?: number;
  conditions?: string;
  reasonCode?: 'QUALITY' | 'BUDGET' | 'INELIGIBLE';
  reason?: string;
  requests?: string;
}

/** Puts the dossier on the agenda (rank, total, ranking status, recusals) and records the committee's decision. */
export async function decide(
  owner: DataSource,
  s: Session,
  applicationId: string,
  d: Decision,
  item: { position?: number; rank?: number; total?: string; rankingStatus?: string; recused?: string[] } = {},
): Promise<string> {
  await owner.query(
    `INSERT INTO committee_item (session_id, application_id, position, rank, ranking_status, total, eu_cents, recused_user_ids)
     SELECT $1, $2, $3, $4, $5, $6, eu_cents, $7::uuid[] FROM financing_plan_version WHERE application_id = $2 ORDER BY version_no DESC LIMIT 1`,
    [s.sessionId, applicationId, item.position ?? 1, item.rank ?? 1, item.rankingStatus ?? 'FUNDED', item.total ?? '16.50', item.recused ?? []],
  );
  const [{ id }] = await owner.query(
    `INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, conditions, reason_code, reason, requests, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2026-06-15T10:00:00Z') RETURNING id`,
    [s.sessionId, applicationId, d.outcome, d.euCents ?? null, d.conditions ?? null, d.reasonCode ?? null, d.reason ?? null, d.requests ?? null, s.chairId],
  );
  const status = { FAVORABLE: 'PROGRAMMED', DEFAVORABLE: 'REFUSED', POSTPONED: 'POSTPONED' }[d.outcome];
  await setStatus(owner, applicationId, status);
  return id;
}

/** A programmed dossier: submitted, then FAVORABLE at a closed session (EU amount as decided, default the plan's). */
export async function programmedDossier(t: TestApp, owner: DataSource, o: { euCents?: number; advanceCategory?: string; conditions?: string } = {}) {
  const dossier = await submittedDossier(t, owner);
  if (o.advanceCategory)
    await owner.query(`UPDATE organisation SET advance_category = $2 WHERE id = $1`, [dossier.applicant.organisation.id, o.advanceCategory]);
  const session = await committeeSession(owner, dossier.callId);
  const decisionId = await decide(owner, session, dossier.applicationId, { outcome: 'FAVORABLE', euCents: o.euCents ?? 10_640_000, conditions: o.conditions });
  return { ...dossier, session, decisionId };
}

/** An admissibility review that found the dossier inadmissible, with its reasons; the dossier moves to INADMISSIBLE. */
export async function inadmissible(owner: DataSource, applicationId: string, reasons: string[]): Promise<string> {
  const instructor = await createUser(owner, { roles: ['INSTRUCTOR'] });
  const [{ id }] = await owner.query(
    `INSERT INTO admissibility_review (application_id, round, submission_no, checks, outcome, reasons, decided_by, decided_at)
     VALUES ($1, 1, 1, '[]', 'INADMISSIBLE', $2::jsonb, $3, '2026-05-04T08:00:00Z') RETURNING id`,
    [applicationId, JSON.stringify(reasons.map((message, i) => ({ code: `R${i + 1}`, message }))), instructor.id],
  );
  await setStatus(owner, applicationId, 'INADMISSIBLE');
  return id;
}

/** A confirmed INELIGIBLE eligibility report (reasons as the eligibility module stores them); the dossier is refused without a committee. */
export async function ineligible(
  owner: DataSource,
  applicationId: string,
  reasons: (string | { ruleId: string; reason: string; legalReference: string })[],
): Promise<void> {
  const instructor = await createUser(owner, { roles: ['INSTRUCTOR'] });
  await owner.query(
    `INSERT INTO eligibility_report (application_id, rule_set_version, facts, results, verdict, verdict_reasons, evaluated_by, confirmed_by, confirmed_at)
     VALUES ($1, 'test-1', '{}', '[]', 'INELIGIBLE', $2::jsonb, $3, $3, '2026-05-20T08:00:00Z')`,
    [applicationId, JSON.stringify(reasons), instructor.id],
  );
  await setStatus(owner, applicationId, 'REFUSED');
}
