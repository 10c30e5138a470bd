import { randomUUID } from 'node:crypto';
import { addMember, createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { closeCall, committeeScenario, createSession, openSession, postDecision } from '../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier } from '../support/factories/evaluation.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group, header } from '../support/checked';

const M = 100_000;

/**
 * Lifecycle holes (issue 18, point 11): the postponed dossier's way back (answer, instruction, later session), no
 * selection before the call has closed, If-Match on decisions and report validation, a `null` body refused, and
 * `Idempotent-Replayed` on every replay.
 */
describe('lifecycle holes (e2e)', () => {
  const ctx = useTestApp();

  beforeAll(async () => truncateAll(ctx.owner));

  it('gives a postponed dossier its way back: the applicant answers, it is instructed again and decided at a later session', async () => {
    const { t, owner } = ctx;
    const s = await committeeScenario(t, owner, { envelopeCents: 3000 * M, dossiers: [{ key: 'A', euCents: 1000 * M }] });
    const A = s.dossiers.A;
    const applicantUser = await createUser(owner, { roles: ['APPLICANT'] });
    await addMember(owner, A.organisationId, applicantUser.id);
    const applicant = { Authorization: `Bearer ${(await login(t, applicantUser)).token}` };
    const first = await openSession(t, s);
    await postDecision(t, owner, first, A.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Joindre les lettres de soutien des partenaires' }).expect(201);
    await t.http().post(`/api/v1/committee-sessions/${first}/close`).set(s.manager.auth).expect(200);

    // The applicant answers: If-Match on the dossier, members only, only while postponed.
    const url = `/api/v1/applications/${A.id}/postponement-answer`;
    const [{ version }] = await owner.query(`SELECT version FROM application WHERE id = $1`, [A.id]);
    expect((await t.http().post(url).set(applicant).send({ answer: 'Lettres jointes' })).status).toBe(428);
    expect(
      (
        await t
          .http()
          .post(url)
          .set(applicant)
          .set('If-Match', `"${version + 5}"`)
          .send({ answer: 'Lettres jointes' })
      ).status,
    ).toBe(412);
    const stranger = await createApplicant(t, owner, 'Autre Porteuse');
    expect((await t.http().post(url).set(stranger.auth).set('If-Match', `"${version}"`).send({ answer: 'x' })).status).toBe(404);
    const answered = await t
      .http()
      .post(url)
      .set(applicant)
      .set('If-Match', `"${version}"`)
      .send({ answer: 'Les trois lettres de soutien sont jointes au dossier.' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'UNDER_INSTRUCTION', requests: 'Joindre les lettres de soutien des partenaires' });
    const again = await t.http().post(url).set(applicant).set('If-Match', header(answered, 'ETag')).send({ answer: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
    const [audit] = await owner.query(`SELECT before, after FROM audit_log WHERE subject_id = $1 AND action = 'application.postponement_answered'`, [A.id]);
    expect(audit.before).toMatchObject({ status: 'POSTPONED' });
    expect(audit.after).toMatchObject({ status: 'UNDER_INSTRUCTION' });

    // The instructor validates the (reopened) report again: the dossier is INSTRUCTED and back in the ranking.
    const instructor = await createStaff(t, owner, 'INSTRUCTOR');
    const report = await t.http().get(`/api/v1/applications/${A.id}/instruction-report`).set(instructor.auth).expect(200);
    expect(report.body.report.submittedAt).toBeNull();
    await t.http().post(`/api/v1/applications/${A.id}/instruction-report/submit`).set(instructor.auth).set('If-Match', header(report, 'ETag')).expect(200);
    const ranking = await t.http().get(`/api/v1/calls/${s.callId}/ranking`).set(s.manager.auth).expect(200);
    expect(ranking.body.rows.map((r: { applicationId: string }) => r.applicationId)).toContain(A.id);

    // A later session puts it on its agenda and decides.
    const second = await openSession(t, s);
    const detail = await t.http().get(`/api/v1/committee-sessions/${second}`).set(s.manager.auth).expect(200);
    expect(JSON.stringify(detail.body)).toContain(A.id);
    await postDecision(t, owner, second, A.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    const [{ status }] = await owner.query(`SELECT status FROM application WHERE id = $1`, [A.id]);
    expect(status).toBe('PROGRAMMED');
    const history = await owner.query(
      `SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 AND from_status IS NOT NULL ORDER BY id`,
      [A.id],
    );
    expect(history.map((h: { from_status: string; to_status: string }) => `${h.from_status}>${h.to_status}`)).toEqual(
      expect.arrayContaining([
        'IN_COMMITTEE>POSTPONED',
        'POSTPONED>UNDER_INSTRUCTION',
        'UNDER_INSTRUCTION>INSTRUCTED',
        'INSTRUCTED>IN_COMMITTEE',
        'IN_COMMITTEE>PROGRAMMED',
      ]),
    );
  });

  it('lets the applicant answer a postponement from the dossier page', async () => {
    const { t, owner } = ctx;
    const s = await committeeScenario(t, owner, { envelopeCents: 3000 * M, dossiers: [{ key: 'A', euCents: 1000 * M }] });
    const A = s.dossiers.A;
    const user = await createUser(owner, { roles: ['APPLICANT'] });
    await addMember(owner, A.organisationId, user.id);
    const session = await login(t, user);
    const sessionId = await openSession(t, s);
    await postDecision(t, owner, sessionId, A.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Préciser le public visé' }).expect(201);
    const page = await t.http().get(`/dossiers/${A.id}`).set('Cookie', session.cookie).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Répondre au comité');
    const version = group(/action="\/dossiers\/[^"]+\/reponse-ajournement">[\s\S]*?name="version" value="(\d+)"/.exec(page.text));
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post(`/dossiers/${A.id}/reponse-ajournement`)
        .set('Cookie', session.cookie)
        .type('form')
        .send({ _csrf: session.csrfToken, ...form });
    expect(header(await post({ version, answer: '' }).expect(303), 'Location')).toBe(`/dossiers/${A.id}?ajournement=erreur#ajournement`);
    expect(header(await post({ version, answer: 'Le public visé : jeunes NEET du quartier.' }).expect(303), 'Location')).toBe(
      `/dossiers/${A.id}?ajournement=repondu`,
    );
    const [{ status }] = await owner.query(`SELECT status FROM application WHERE id = $1`, [A.id]);
    expect(status).toBe('UNDER_INSTRUCTION');
    const after = await t.http().get(`/dossiers/${A.id}?ajournement=repondu`).set('Cookie', session.cookie).set('Accept', 'text/html').expect(200);
    expect(after.text).toContain('repart en instruction');
    expect(after.text).not.toContain('Envoyer la réponse');
  });

  it('refuses ranking, agenda and decisions before the call has closed (409 CALL_NOT_CLOSED), and decisions without If-Match', async () => {
    const { t, owner } = ctx;
    const call = await createEvaluationCall(owner);
    const d = await createInstructedDossier(owner, { callId: call.id, status: 'UNDER_EVALUATION' });
    const manager = await createStaff(t, owner, 'PROGRAMME_MANAGER');
    const members = [await createStaff(t, owner, 'INSTRUCTOR'), await createStaff(t, owner, 'INSTRUCTOR')];
    const s = { callId: call.id, manager, members, dossiers: { A: d } };
    for (const res of [
      await t.http().get(`/api/v1/calls/${call.id}/ranking`).set(manager.auth),
      await t.http().post(`/api/v1/calls/${call.id}/ranking/simulate`).set(manager.auth).send({}),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CALL_NOT_CLOSED');
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const sessionId = await createSession(t, s);
    const agenda = await t.http().post(`/api/v1/committee-sessions/${sessionId}/agenda`).set(manager.auth);
    expect(agenda.status).toBe(409);
    expect(agenda.body.code).toBe('CALL_NOT_CLOSED');
    // A decision on an item put there before (as the schema owner) is refused the same way while the call is open.
    await owner.query(
      `INSERT INTO committee_item (session_id, application_id, position, rank, ranking_status, eu_cents, explanation) VALUES ($1, $2, 1, 1, 'FUNDED', 1000, '')`,
      [sessionId, d.id],
    );
    await owner.query(`UPDATE committee_session SET status = 'OPEN', opened_at = now() WHERE id = $1`, [sessionId]);
    const early = await postDecision(t, owner, sessionId, d.id, manager.auth, { outcome: 'FAVORABLE' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CALL_NOT_CLOSED');

    await closeCall(owner, call.id);
    const noIfMatch = await t.http().post(`/api/v1/committee-sessions/${sessionId}/items/${d.id}/decision`).set(manager.auth).send({ outcome: 'FAVORABLE' });
    expect(noIfMatch.status).toBe(428);
    const stale = await t
      .http()
      .post(`/api/v1/committee-sessions/${sessionId}/items/${d.id}/decision`)
      .set(manager.auth)
      .set('If-Match', '"999"')
      .send({ outcome: 'FAVORABLE' });
    expect(stale.status).toBe(412);
  });

  it('answers a null JSON body with 400 and sends Idempotent-Replayed on a replayed creation', async () => {
    const { t, owner } = ctx;
    const a = await createApplicant(t, owner);
    const call = await createOpenCall(owner);
    const draft = await createDraft(t, a, call.id);
    for (const [method, url] of [
      ['put', `/api/v1/applications/${draft.id}/project`],
      ['put', `/api/v1/applications/${draft.id}/financing-plan`],
      ['post', `/api/v1/organisations/${a.organisation.id}/identity-changes`],
      ['patch', `/api/v1/organisations/${a.organisation.id}`],
    ] as const) {
      const res = await t.http()[method](url).set(a.auth).set('If-Match', draft.etag).set('Content-Type', 'application/json').send('null');
      expect({ url, status: res.status, type: res.headers['content-type'] }).toEqual({
        url,
        status: 400,
        type: expect.stringMatching(/application\/problem\+json/),
      });
    }
    const [{ version }] = await owner.query(`SELECT version FROM application WHERE id = $1`, [draft.id]);
    expect(`"${version}"`).toBe(draft.etag);

    const key = randomUUID();
    const body = { callId: call.id, organisationId: a.organisation.id };
    const created = await t.http().post('/api/v1/applications').set(a.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(created.headers['idempotent-replayed']).toBeUndefined();
    const replay = await t.http().post('/api/v1/applications').set(a.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
  });
});
