import { DataSource } from 'typeorm';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { type Applicant, completeDraft, createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { header } from '../support/checked';

/** Everything a refused decision must leave untouched. */
async function stateOf(owner: DataSource, id: string) {
  const [app] = await owner.query(`SELECT status, version FROM application WHERE id = $1`, [id]);
  const [counts] = await owner.query(
    `SELECT (SELECT count(*) FROM admissibility_review WHERE application_id = $1) AS reviews,
            (SELECT count(*) FROM application_status_history WHERE application_id = $1) AS history,
            (SELECT count(*) FROM application_message WHERE application_id = $1) AS messages,
            (SELECT count(*) FROM audit_log WHERE subject_id = $2) AS audits`,
    [id, id],
  );
  return { app, counts };
}

describe('admissibility: checks and decisions (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let callId: string;
  let instructor: Awaited<ReturnType<typeof createStaff>>;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    callId = (await createOpenCall(ctx.owner)).id;
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
  });

  const etagOf = async (id: string) => (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
  const decide = (id: string, etag: string, body: Record<string, unknown>) =>
    ctx.t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(instructor.auth).set('If-Match', etag).send(body);

  it('passes every check on a complete dossier and stores nothing', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const res = await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/check`).set(instructor.auth).expect(200);
    expect(res.body.submissionNo).toBe(1);
    expect(res.body.checks).toHaveLength(8);
    expect(res.body.checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
    expect(res.body.checks[0]).toEqual({ checkId: 'SUBMITTED_BEFORE_CLOSING', passed: true, reason: expect.stringContaining('avant la clôture') });
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int FROM admissibility_review`);
    expect(count).toBe(0);
  });

  it('reports an invalid SIRET and a required document missing from the snapshot, with reasons', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId, '55203253400647');
    // The API forbids submitting without the RIB: remove it from the stored snapshot as the owner.
    await ctx.owner.query(
      `UPDATE application_submission SET snapshot = jsonb_set(snapshot, '{documents}', (SELECT jsonb_agg(d) FROM jsonb_array_elements(snapshot->'documents') d WHERE d->>'documentType' <> 'RIB'))
        WHERE application_id = $1`,
      [id],
    );
    const res = await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/check`).set(instructor.auth).expect(200);
    const failed = res.body.checks.filter((c: { passed: boolean }) => !c.passed);
    expect(failed).toEqual([
      { checkId: 'REQUIRED_DOCUMENTS_PRESENT', passed: false, reason: "Pièce(s) manquante(s) : Relevé d'identité bancaire (RIB)." },
      { checkId: 'ORGANISATION_LEGAL_PERSON', passed: false, reason: expect.stringContaining('La clé de contrôle du SIRET est invalide.') },
    ]);
  });

  it('declares a dossier admissible: round, status, history and audit in one go, no message', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = await etagOf(id);
    const res = await decide(id, etag, { outcome: 'ADMISSIBLE', remarks: 'Dossier complet.' }).expect(200);
    expect(res.body).toMatchObject({ round: 1, outcome: 'ADMISSIBLE', status: 'ADMISSIBLE', messageId: null });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const [app] = await ctx.owner.query(`SELECT status, version FROM application WHERE id = $1`, [id]);
    expect(app).toEqual({ status: 'ADMISSIBLE', version: res.body.version });
    const [review] = await ctx.owner.query(
      `SELECT round, submission_no, outcome, remarks, decided_by, jsonb_array_length(checks) AS checks FROM admissibility_review WHERE application_id = $1`,
      [id],
    );
    expect(review).toEqual({ round: 1, submission_no: 1, outcome: 'ADMISSIBLE', remarks: 'Dossier complet.', decided_by: instructor.user.id, checks: 8 });
    const history = await ctx.owner.query(
      `SELECT from_status, to_status, actor_user_id, application_version FROM application_status_history WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    expect(history.at(-1)).toEqual({
      from_status: 'SUBMITTED',
      to_status: 'ADMISSIBLE',
      actor_user_id: instructor.user.id,
      application_version: res.body.version,
    });
    const [audit] = await ctx.owner.query(
      `SELECT actor_user_id, before, after FROM audit_log WHERE subject_id = $1 AND action = 'application.admissibility.decided'`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_user_id: instructor.user.id,
      before: { status: 'SUBMITTED' },
      after: { status: 'ADMISSIBLE', round: 1, failedChecks: [] },
    });
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int FROM application_message WHERE application_id = $1`, [id]);
    expect(count).toBe(0);

    const rounds = await ctx.t.http().get(`/api/v1/applications/${id}/admissibility`).set(instructor.auth).expect(200);
    expect(rounds.body.rounds).toEqual([expect.objectContaining({ round: 1, outcome: 'ADMISSIBLE', submissionNo: 1, remarks: 'Dossier complet.' })]);
    // A second decision is a transition the table refuses.
    const again = await decide(id, header(res, 'ETag'), { outcome: 'INADMISSIBLE', reasons: ['x'] }).expect(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('declares a dossier inadmissible with reasons and writes the message to the applicant', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const res = await decide(id, await etagOf(id), { outcome: 'INADMISSIBLE', reasons: ['Structure non éligible au programme.'] }).expect(200);
    expect(res.body.status).toBe('INADMISSIBLE');
    const [msg] = await ctx.owner.query(`SELECT id, kind, subject, body, author_id FROM application_message WHERE application_id = $1`, [id]);
    expect(msg).toMatchObject({ id: res.body.messageId, kind: 'INADMISSIBLE', author_id: instructor.user.id });
    expect(msg.body).toContain('- Structure non éligible au programme.');
    const [h] = await ctx.owner.query(`SELECT reason FROM application_status_history WHERE application_id = $1 AND to_status = 'INADMISSIBLE'`, [id]);
    expect(h.reason).toBe('Structure non éligible au programme.');
  });

  it('refuses an invalid decision with field paths and writes nothing', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = await etagOf(id);
    const before = await stateOf(ctx.owner, id);
    const incomplete = await decide(id, etag, { outcome: 'INCOMPLETE', complements: [] }).expect(400);
    expect(incomplete.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(incomplete.body.code).toBe('VALIDATION_FAILED');
    expect(incomplete.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['complements', 'REQUIRED'],
      ['dueDate', 'REQUIRED'],
    ]);
    const past = await decide(id, etag, { outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Précisez.' }], dueDate: '2020-01-01' }).expect(
      400,
    );
    expect(past.body.errors).toEqual([expect.objectContaining({ path: 'dueDate', code: 'DATE_NOT_IN_FUTURE' })]);
    const noReason = await decide(id, etag, { outcome: 'INADMISSIBLE' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reasons', code: 'REQUIRED' })]);
    const badSection = await decide(id, etag, { outcome: 'INCOMPLETE', complements: [{ section: 'BUDGET', message: 'x' }], dueDate: '2099-01-01' }).expect(400);
    expect(badSection.body.errors[0].path).toMatch(/^complements\.0\.section|^complements\[0\]\.section/);
    await decide(id, etag, { outcome: 'MAYBE' }).expect(400);
    expect(await stateOf(ctx.owner, id)).toEqual(before);
  });

  it('needs a current If-Match: 428 without, 412 when stale, and writes nothing', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = await etagOf(id);
    const before = await stateOf(ctx.owner, id);
    const none = await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(instructor.auth).send({ outcome: 'ADMISSIBLE' }).expect(428);
    expect(none.body.code).toBe('PRECONDITION_REQUIRED');
    const stale = await decide(id, `"${Number(etag.replace(/"/g, '')) - 1}"`, { outcome: 'ADMISSIBLE' }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(await stateOf(ctx.owner, id)).toEqual(before);
  });

  it('keeps evaluators, applicants and managing authority out, and drafts invisible', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = await etagOf(id);
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const authority = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    for (const who of [evaluator.auth, a.auth, authority.auth]) {
      await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/check`).set(who).expect(403);
      await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(who).set('If-Match', etag).send({ outcome: 'ADMISSIBLE' }).expect(403);
      await ctx.t.http().get(`/api/v1/applications/${id}/admissibility`).set(who).expect(403);
      await ctx.t.http().get(`/api/v1/applications/${id}/submissions/diff`).set(who).expect(403);
    }
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/check`).set(manager.auth).expect(200);

    const { id: draft } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, draft);
    const hidden = await ctx.t.http().post(`/api/v1/applications/${draft}/admissibility/check`).set(instructor.auth).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    await ctx.t.http().get(`/api/v1/applications/${draft}/admissibility`).set(instructor.auth).expect(404);
  });
});
