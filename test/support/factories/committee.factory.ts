import { DataSource } from 'typeorm';
import type { TestApp } from '../test-app';
import { createStaff } from './application.factory';
import type { CallGrid } from '../../../src/modules/evaluation/domain/call-grid';
import { createEvaluationCall, createInstructedDossier, insertConsensus } from './evaluation.factory';
import { createUser } from './user.factory';
import { only } from '../checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;

export interface CommitteeDossierSpec<K extends string = string> {
  key: K;
  euCents: number;
  scores?: { C1: number; C2: number };
  verdict?: 'ELIGIBLE' | 'INELIGIBLE';
  organisationId?: string;
}

/** `K` is the union of the dossier keys (pass the specs `as const` to get it): `s.dossiers.A` is then known to exist. */
export interface CommitteeScenario<K extends string = string> {
  callId: string;
  manager: Staff;
  /** members[0] chairs the session. */
  members: Staff[];
  dossiers: Record<K, { id: string; number: string; organisationId: string }>;
}

/**
 * A call with an evaluation grid (TEST_GRID: C1×3 threshold 2, C2×2, overall 10), instructed dossiers with a consensus
 * and a real retained plan, a programme manager and staff members. Nothing committee-side yet.
 */
export async function committeeScenario<const K extends string>(
  t: TestApp,
  owner: DataSource,
  o: { envelopeCents: number; dossiers: readonly CommitteeDossierSpec<K>[]; memberCount?: number; grid?: CallGrid },
): Promise<CommitteeScenario<K>> {
  const call = await createEvaluationCall(owner, { envelopeCents: o.envelopeCents, grid: o.grid });
  const rapporteur = await createUser(owner, { roles: ['EVALUATOR'] });
  const dossiers = {} as CommitteeScenario<K>['dossiers'];
  for (const d of o.dossiers) {
    const created = await createInstructedDossier(owner, {
      callId: call.id,
      euCents: d.euCents,
      verdict: d.verdict ?? 'ELIGIBLE',
      organisationId: d.organisationId,
      title: `Projet ${d.key}`,
    });
    await giveRealPlan(owner, created.id, d.euCents);
    if ((d.verdict ?? 'ELIGIBLE') === 'ELIGIBLE') await insertConsensus(owner, created.id, d.scores ?? { C1: 4, C2: 4 }, rapporteur.id);
    dossiers[d.key] = created;
  }
  await closeCall(owner, call.id);
  const manager = await createStaff(t, owner, 'PROGRAMME_MANAGER');
  const members: Staff[] = [];
  for (let i = 0; i < (o.memberCount ?? 3); i++) members.push(await createStaff(t, owner, i % 2 ? 'EVALUATOR' : 'INSTRUCTOR'));
  return { callId: call.id, manager, members, dossiers };
}

/**
 * A later plan version with real lines (REAL_COSTS, one STAFF line), balanced at 95 %: the committee's reduction
 * recomputes it with the co-financing code, which the evaluation factory's empty plans would not survive.
 */
export async function giveRealPlan(owner: DataSource, applicationId: string, euCents: number): Promise<void> {
  const eligible = Math.ceil((euCents * 10_000) / 9_500);
  const self = eligible - euCents;
  await owner.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                         total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
     SELECT $1, max(version_no) + 1, 'INSTRUCTOR', 'REAL_COSTS', $2::jsonb, $3::jsonb, $4, 0, $4, $5, $5, $6, 9500 FROM financing_plan_version WHERE application_id = $1`,
    [
      applicationId,
      JSON.stringify([{ category: 'STAFF', label: 'Équipe projet', amountCents: eligible }]),
      JSON.stringify([
        { type: 'ESF_PLUS', funderName: null, amountCents: euCents },
        { type: 'SELF', funderName: null, amountCents: self },
      ]),
      eligible,
      euCents,
      self,
    ],
  );
}

/** Creates a session through the API (members[0] chairs) and returns its id. */
export async function createSession(t: TestApp, s: CommitteeScenario, quorum = 2, members = s.members): Promise<string> {
  const res = await t
    .http()
    .post(`/api/v1/calls/${s.callId}/committee-sessions`)
    .set(s.manager.auth)
    .send({
      title: 'Comité de programmation de mars',
      scheduledAt: '2026-03-12T09:30:00.000Z',
      location: 'Salle du conseil',
      quorum,
      members: members.map((m, i) => ({
        userId: m.user.id,
        role: i === 0 ? 'CHAIR' : 'MEMBER',
        ...(i === 1 ? { institution: 'DREETS Auvergne-Rhône-Alpes' } : {}),
      })),
    });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${res.text}`);
  return res.body.id;
}

export async function markPresent(t: TestApp, s: CommitteeScenario, sessionId: string, members: Staff[]): Promise<void> {
  for (const m of members) {
    const res = await t.http().put(`/api/v1/committee-sessions/${sessionId}/members/${m.user.id}/presence`).set(s.manager.auth).send({ present: true });
    if (res.status !== 204) throw new Error(`presence: ${res.status} ${res.text}`);
  }
}

/** Session created, agenda frozen, every member present, opened. */
export async function openSession(t: TestApp, s: CommitteeScenario, quorum = 2): Promise<string> {
  const id = await createSession(t, s, quorum);
  const agenda = await t.http().post(`/api/v1/committee-sessions/${id}/agenda`).set(s.manager.auth);
  if (agenda.status !== 200) throw new Error(`agenda: ${agenda.status} ${agenda.text}`);
  await markPresent(t, s, id, s.members);
  const open = await t.http().post(`/api/v1/committee-sessions/${id}/open`).set(s.manager.auth);
  if (open.status !== 200) throw new Error(`open: ${open.status} ${open.text}`);
  return id;
}

/**
 * POST a committee decision with the session's current ETag (If-Match), as a client that just read the session.
 * Awaitable (the response) and chainable like supertest: `.expect(201)` checks the status and resolves the response.
 */
export function postDecision(
  t: TestApp,
  owner: DataSource,
  sessionId: string,
  applicationId: string,
  auth: Record<string, string>,
  body: Record<string, unknown>,
) {
  const response = (async () => {
    const { version } = only<{ version: number }>(
      await owner.query(`SELECT version FROM committee_session WHERE id = $1`, [sessionId]),
      'committee_session row',
    );
    return t.http().post(`/api/v1/committee-sessions/${sessionId}/items/${applicationId}/decision`).set(auth).set('If-Match', `"${version}"`).send(body);
  })();
  return Object.assign(response, {
    async expect(status: number) {
      const res = await response;
      if (res.status !== status) throw new Error(`decision: expected ${status}, got ${res.status} ${res.text}`);
      return res;
    },
  });
}

/** Moves the call's closing instant into the past: ranking, agenda and decisions wait for it (docs/domain/committee.md). */
export async function closeCall(owner: DataSource, callId: string): Promise<void> {
  await owner.query(`UPDATE call SET opens_at = least(opens_at, now() - interval '2 days'), closes_at = now() - interval '1 second' WHERE id = $1`, [callId]);
}
