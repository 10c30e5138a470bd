import { randomUUID } from 'node:crypto';
import { createApplicant, createStaff } from '../support/factories/application.factory';
import { committeeScenario, createSession, markPresent, postDecision } from '../support/factories/committee.factory';
import { createInstructedDossier } from '../support/factories/evaluation.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

const M = 10_000; // 100,00 € in cents

describe('committee sessions (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  // Envelope 300 000 €: A (25) and B (20) funded (270 000 €), C (15) does not fit, D (13) after it; E below threshold; F ineligible.
  const DOSSIERS = [
    { key: 'C', euCents: 1000 * M, scores: { C1: 3, C2: 3 } },
    { key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 } },
    { key: 'E', euCents: 500 * M, scores: { C1: 1, C2: 5 } },
    { key: 'B', euCents: 1200 * M, scores: { C1: 4, C2: 4 } },
    { key: 'F', euCents: 700 * M, verdict: 'INELIGIBLE' as const },
    { key: 'D', euCents: 200 * M, scores: { C1: 3, C2: 2 } },
  ] as const;

  it('refuses a session whose members are not staff, without one chair, or below its quorum', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: [] });
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const res = await ctx.t
      .http()
      .post(`/api/v1/calls/${s.callId}/committee-sessions`)
      .set(s.manager.auth)
      .send({
        title: 'Comité',
        scheduledAt: '2026-03-12T09:30:00.000Z',
        quorum: 4,
        members: [
          { userId: at(s.members, 0, 'member').user.id, role: 'MEMBER' },
          { userId: applicant.user.id, role: 'MEMBER' },
          { userId: at(s.members, 0, 'member').user.id, role: 'MEMBER' },
        ],
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'members[1].userId:NOT_STAFF',
      'members[2].userId:DUPLICATE_MEMBER',
      'members:ONE_CHAIR',
      'quorum:QUORUM_ABOVE_MEMBERS',
    ]);
    const bad = await ctx.t
      .http()
      .post(`/api/v1/calls/${s.callId}/committee-sessions`)
      .set(s.manager.auth)
      .send({ title: 'x', quorum: 0, members: [] })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['title', 'scheduledAt', 'quorum', 'members']));
    await ctx.t
      .http()
      .post(`/api/v1/calls/${randomUUID()}/committee-sessions`)
      .set(s.manager.auth)
      .send({ title: 'Comité', scheduledAt: '2026-03-12T09:30:00.000Z', quorum: 1, members: [{ userId: at(s.members, 0, 'member').user.id, role: 'CHAIR' }] })
      .expect(404);
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM committee_session`);
    expect(count).toBe(0);
  });

  it('freezes the agenda from the ranking, moves each dossier to IN_COMMITTEE with its history, and records it once', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: DOSSIERS });
    // Eligible but without consensus: pending in the ranking, never scheduled.
    const pending = await createInstructedDossier(ctx.owner, { callId: s.callId, euCents: 100 * M });
    const id = await createSession(ctx.t, s);
    const listed = await ctx.t.http().get(`/api/v1/calls/${s.callId}/committee-sessions`).set(s.manager.auth).expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id,
        callId: s.callId,
        title: 'Comité de programmation de mars',
        status: 'PLANNED',
        quorum: 2,
        scheduledAt: '2026-03-12T09:30:00.000Z',
      }),
    ]);
    const created = await ctx.t.http().get(`/api/v1/committee-sessions/${id}`).set(s.manager.auth).expect(200);
    expect(created.body).toMatchObject({ status: 'PLANNED', quorum: 2, items: [], members: expect.any(Array) });

    const res = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/agenda`).set(s.manager.auth).expect(200);
    const d = s.dossiers;
    expect(
      res.body.items.map((i: { applicationId: string; rank: number | null; rankingStatus: string; euCents: number }) => [
        i.applicationId,
        i.rank,
        i.rankingStatus,
        i.euCents,
      ]),
    ).toEqual([
      [d.A.id, 1, 'FUNDED', 1500 * M],
      [d.B.id, 2, 'FUNDED', 1200 * M],
      [d.C.id, 3, 'RESERVE', 1000 * M],
      [d.D.id, 4, 'RESERVE', 200 * M],
      [d.E.id, null, 'BELOW_THRESHOLD', 500 * M],
      [d.F.id, null, 'INELIGIBLE', 700 * M],
    ]);
    expect(res.body.items[2].explanation).toContain('enveloppe épuisée au rang 3');
    expect(res.body.items[0]).toMatchObject({ total: '25', position: 1, applicationStatus: 'IN_COMMITTEE' });
    expect(res.body.fundingLineAfterPosition).toBe(2);

    const statuses = await ctx.owner.query(`SELECT id, status FROM application WHERE call_id = $1`, [s.callId]);
    for (const row of statuses) expect([row.id, row.status]).toEqual([row.id, row.id === pending.id ? 'INSTRUCTED' : 'IN_COMMITTEE']);
    const history = await ctx.owner.query(`SELECT from_status, to_status, actor_user_id FROM application_status_history WHERE application_id = $1`, [d.A.id]);
    expect(history).toEqual([{ from_status: 'INSTRUCTED', to_status: 'IN_COMMITTEE', actor_user_id: s.manager.user.id }]);
    const [audit] = await ctx.owner.query(`SELECT action, actor_user_id, after FROM audit_log WHERE subject_id = $1 AND action = 'committee.agenda_frozen'`, [
      id,
    ]);
    expect(audit.actor_user_id).toBe(s.manager.user.id);
    expect(audit.after.items).toHaveLength(6);
    expect(audit.after.notScheduled).toEqual([{ applicationId: pending.id, reason: 'NO_CONSENSUS' }]);

    const again = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/agenda`).set(s.manager.auth).expect(409);
    expect(again.body.code).toBe('COMMITTEE_SESSION_STATE');
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM committee_item WHERE session_id = $1`, [id]);
    expect(count).toBe(6);
  });

  it('opens only with the quorum of present members, and closes only once every item is decided', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: DOSSIERS.filter((d) => ['A', 'B'].includes(d.key)) });
    const id = await createSession(ctx.t, s, 2);
    const early = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/open`).set(s.manager.auth).expect(409);
    expect(early.body.code).toBe('COMMITTEE_SESSION_STATE');
    await ctx.t.http().post(`/api/v1/committee-sessions/${id}/agenda`).set(s.manager.auth).expect(200);

    await markPresent(ctx.t, s, id, [at(s.members, 0, 'member')]);
    const refused = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/open`).set(s.manager.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'QUORUM_NOT_REACHED', present: 1, voting: 1, required: 2 });
    expect(refused.body.detail).toContain('il en manque 1');
    expect((await ctx.owner.query(`SELECT status FROM committee_session WHERE id = $1`, [id]))[0].status).toBe('PLANNED');

    await markPresent(ctx.t, s, id, [at(s.members, 1, 'member')]);
    const opened = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/open`).set(s.manager.auth).expect(200);
    expect(opened.body).toMatchObject({ status: 'OPEN', quorumStatus: { present: 2, reached: true } });
    expect(opened.body.openedAt).not.toBeNull();

    const closing = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/close`).set(s.manager.auth).expect(409);
    expect(closing.body.code).toBe('COMMITTEE_SESSION_STATE');
    expect(closing.body.pending).toHaveLength(2);
    await postDecision(ctx.t, ctx.owner, id, s.dossiers.A.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Préciser le budget' }).expect(201);
    // B is withdrawn by its applicant during the session: it needs no decision, and none can be recorded.
    await ctx.owner.query(`UPDATE application SET status = 'WITHDRAWN' WHERE id = $1`, [s.dossiers.B.id]);
    const late = await postDecision(ctx.t, ctx.owner, id, s.dossiers.B.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(409);
    expect(late.body.code).toBe('INVALID_STATUS_TRANSITION');
    const closed = await ctx.t.http().post(`/api/v1/committee-sessions/${id}/close`).set(s.manager.auth).expect(200);
    expect(closed.body.status).toBe('CLOSED');
    await ctx.t
      .http()
      .put(`/api/v1/committee-sessions/${id}/members/${at(s.members, 2, 'member').user.id}/presence`)
      .set(s.manager.auth)
      .send({ present: true })
      .expect(409);
    const actions = await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'committee.session_created',
      'committee.agenda_frozen',
      'committee.presence_changed',
      'committee.presence_changed',
      'committee.session_opened',
      'committee.session_closed',
    ]);
  });

  it('keeps sessions from applicants (403) and from staff who do not sit on them (404)', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: DOSSIERS.filter((d) => d.key === 'A') });
    const id = await createSession(ctx.t, s, 2);
    const app = s.dossiers.A.id;
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const outsider = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const api = () => ctx.t.http();
    const routes = (auth: Record<string, string>) =>
      [
        ['GET session', api().get(`/api/v1/committee-sessions/${id}`).set(auth)],
        ['GET list', api().get(`/api/v1/calls/${s.callId}/committee-sessions`).set(auth)],
        ['GET offer', api().get(`/api/v1/committee-sessions/${id}/reserve-offer`).set(auth)],
        ['POST create', api().post(`/api/v1/calls/${s.callId}/committee-sessions`).set(auth).send({})],
        [
          'PUT presence',
          api()
            .put(`/api/v1/committee-sessions/${id}/members/${at(s.members, 0, 'member').user.id}/presence`)
            .set(auth)
            .send({ present: true }),
        ],
        ['POST agenda', api().post(`/api/v1/committee-sessions/${id}/agenda`).set(auth)],
        ['POST open', api().post(`/api/v1/committee-sessions/${id}/open`).set(auth)],
        ['POST close', api().post(`/api/v1/committee-sessions/${id}/close`).set(auth)],
        [
          'PUT recusal',
          api()
            .put(`/api/v1/committee-sessions/${id}/items/${app}/recusals/${at(s.members, 0, 'member').user.id}`)
            .set(auth)
            .send({ reason: 'Conflit' }),
        ],
        ['POST decision', api().post(`/api/v1/committee-sessions/${id}/items/${app}/decision`).set(auth).send({ outcome: 'FAVORABLE' })],
      ] as const;
    for (const [route, attempt] of routes(applicant.auth)) {
      const res = await attempt;
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
    const expected: Record<string, number> = {
      'GET list': 200,
      'POST create': 403,
      'PUT presence': 403,
      'POST agenda': 403,
      'POST open': 403,
      'POST close': 403,
    };
    for (const [route, attempt] of routes(outsider.auth)) {
      const res = await attempt;
      expect({ route, status: res.status }).toEqual({ route, status: expected[route] ?? 404 });
      if (route === 'GET list') expect(res.body).toEqual([]);
    }
    // A member sees the session but does not run it.
    const member = at(s.members, 1, 'member');
    const seen = await api().get(`/api/v1/committee-sessions/${id}`).set(member.auth).expect(200);
    expect(seen.body.can).toEqual({ manage: false, decide: false });
    await api().post(`/api/v1/committee-sessions/${id}/agenda`).set(member.auth).expect(403);
    // Pages: the applicant is refused, the outsider gets a 404 for the session.
    await api().get('/comite').set('Cookie', applicant.session.cookie).expect(403);
    const page = await api().get(`/comite/seances/${id}`).set('Cookie', outsider.session.cookie).set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect((await ctx.owner.query(`SELECT status FROM committee_session WHERE id = $1`, [id]))[0].status).toBe('PLANNED');
    expect((await ctx.owner.query(`SELECT count(*)::int AS n FROM committee_item`))[0].n).toBe(0);
  });
});
