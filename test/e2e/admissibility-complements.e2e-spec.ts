import { randomUUID } from 'node:crypto';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { type Applicant, createApplicant, createOpenCall, createStaff, pdfBytes, uploadDocument, VALID_PLAN } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { header } from '../support/checked';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

describe('admissibility: complements, resubmission and diff (e2e)', () => {
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

  const http = () => ctx.t.http();
  const read = async (id: string) => http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
  const decide = async (id: string, body: Record<string, unknown>, status: number) => {
    const etag = header(await http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200), 'ETag');
    return http().post(`/api/v1/applications/${id}/admissibility/decision`).set(instructor.auth).set('If-Match', etag).send(body).expect(status);
  };
  const resubmit = (id: string, key = randomUUID()) =>
    http().post(`/api/v1/applications/${id}/resubmit`).set(a.auth).set('Idempotency-Key', key).send({ attestation: true });

  it('lets the applicant edit only the flagged part, resubmit, and the instructor see exactly what changed', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const dueDate = inDays(10);
    const decided = await decide(
      id,
      { outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Le titre doit nommer le quartier.' }], dueDate },
      200,
    );
    expect(decided.body.status).toBe('INCOMPLETE');
    const [msg] = await ctx.owner.query(`SELECT kind, subject, body FROM application_message WHERE application_id = $1`, [id]);
    expect(msg.kind).toBe('COMPLEMENTS_REQUESTED');
    expect(msg.body).toContain('- Projet : Le titre doit nommer le quartier.');

    const view = await read(id);
    const project = { ...view.body.project, title: 'Ruches partagées aux États-Unis (Lyon 8e)' };
    const put = await http().put(`/api/v1/applications/${id}/project`).set(a.auth).set('If-Match', header(view, 'ETag')).send(project).expect(200);
    expect(put.body.project.title).toBe('Ruches partagées aux États-Unis (Lyon 8e)');

    const plan = await http().put(`/api/v1/applications/${id}/financing-plan`).set(a.auth).set('If-Match', header(put, 'ETag')).send(VALID_PLAN).expect(409);
    expect(plan.body.code).toBe('SECTION_NOT_FLAGGED');
    const a15 = await http().put(`/api/v1/applications/${id}/article15`).set(a.auth).set('If-Match', header(put, 'ETag')).send({}).expect(409);
    expect(a15.body.code).toBe('SECTION_NOT_FLAGGED');
    const upload = await uploadDocument(ctx.t, a, id, 'RIB', pdfBytes('RIB'), 'rib.pdf').expect(409);
    expect(upload.body.code).toBe('SECTION_NOT_FLAGGED');

    const key = randomUUID();
    const res = await resubmit(id, key).expect(200);
    expect(res.body).toMatchObject({ status: 'SUBMITTED', submissionNo: 2, planVersionNo: null });
    const replay = await resubmit(id, key).expect(200);
    expect(replay.text).toBe(res.text);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await resubmit(id).expect(409);

    const subs = await ctx.owner.query(
      `SELECT submission_no, snapshot->'project'->>'title' AS title FROM application_submission WHERE application_id = $1 ORDER BY submission_no`,
      [id],
    );
    expect(subs).toEqual([
      { submission_no: 1, title: 'Ruches partagées en pied d’immeuble' },
      { submission_no: 2, title: 'Ruches partagées aux États-Unis (Lyon 8e)' },
    ]);
    const [app] = await ctx.owner.query(`SELECT status, submitted_snapshot->'project'->>'title' AS first FROM application WHERE id = $1`, [id]);
    expect(app).toEqual({ status: 'SUBMITTED', first: 'Ruches partagées en pied d’immeuble' });
    const [{ plans }] = await ctx.owner.query(`SELECT count(*)::int AS plans FROM financing_plan_version WHERE application_id = $1`, [id]);
    expect(plans).toBe(1);
    const history = await ctx.owner.query(`SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 ORDER BY id`, [id]);
    expect(history.slice(-2)).toEqual([
      { from_status: 'SUBMITTED', to_status: 'INCOMPLETE' },
      { from_status: 'INCOMPLETE', to_status: 'SUBMITTED' },
    ]);
    const [{ audits }] = await ctx.owner.query(`SELECT count(*)::int AS audits FROM audit_log WHERE subject_id = $1 AND action = 'application.resubmitted'`, [
      id,
    ]);
    expect(audits).toBe(1);

    const diff = await http().get(`/api/v1/applications/${id}/submissions/diff`).set(instructor.auth).expect(200);
    expect(diff.body).toEqual({
      from: 1,
      to: 2,
      changes: [{ path: 'project.title', before: 'Ruches partagées en pied d’immeuble', after: 'Ruches partagées aux États-Unis (Lyon 8e)' }],
    });
    const explicit = await http().get(`/api/v1/applications/${id}/submissions/diff?from=2&to=2`).set(instructor.auth).expect(200);
    expect(explicit.body.changes).toEqual([]);
    const unknown = await http().get(`/api/v1/applications/${id}/submissions/diff?from=1&to=3`).set(instructor.auth).expect(400);
    expect(unknown.body.errors[0].path).toBe('to');

    const check = await http().post(`/api/v1/applications/${id}/admissibility/check`).set(instructor.auth).expect(200);
    expect(check.body.submissionNo).toBe(2);
    const admissible = await decide(id, { outcome: 'ADMISSIBLE' }, 200);
    expect(admissible.body).toMatchObject({ round: 2, status: 'ADMISSIBLE' });
    const rounds = await http().get(`/api/v1/applications/${id}/admissibility`).set(instructor.auth).expect(200);
    expect(
      rounds.body.rounds.map((r: { round: number; outcome: string; submissionNo: number; dueDate: string | null }) => [
        r.round,
        r.outcome,
        r.submissionNo,
        r.dueDate,
      ]),
    ).toEqual([
      [1, 'INCOMPLETE', 1, dueDate],
      [2, 'ADMISSIBLE', 2, null],
    ]);
  });

  it('records a changed financing plan as a new applicant plan version', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    await decide(
      id,
      { outcome: 'INCOMPLETE', complements: [{ section: 'FINANCING_PLAN', message: 'Revoyez les frais de personnel.' }], dueDate: inDays(5) },
      200,
    );
    // STAFF 81 000 € + 12 150 € indirect (15 %) + 20 000 € = CTE 113 150 €; ESF+ unchanged, own funds 6 750 €.
    const plan = {
      ...VALID_PLAN,
      lines: [{ ...VALID_PLAN.lines[0], amountCents: 8_100_000 }, VALID_PLAN.lines[1]],
      resources: [VALID_PLAN.resources[0], { type: 'SELF', amountCents: 675_000 }],
    };
    await http()
      .put(`/api/v1/applications/${id}/financing-plan`)
      .set(a.auth)
      .set('If-Match', header(await read(id), 'ETag'))
      .send(plan)
      .expect(200);
    const res = await resubmit(id).expect(200);
    expect(res.body).toMatchObject({ submissionNo: 2, planVersionNo: 2, totalEligibleCents: 11_315_000 });
    const versions = await ctx.owner.query(
      `SELECT version_no, source, total_eligible_cents::int AS cte, eu_cents::int AS eu FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no`,
      [id],
    );
    expect(versions).toEqual([
      { version_no: 1, source: 'APPLICANT', cte: 11_200_000, eu: 10_640_000 },
      { version_no: 2, source: 'APPLICANT', cte: 11_315_000, eu: 10_640_000 },
    ]);
    const diff = await http().get(`/api/v1/applications/${id}/submissions/diff?from=1&to=2`).set(instructor.auth).expect(200);
    // jsonb orders object keys its own way: compare the set of paths.
    expect(diff.body.changes.map((c: { path: string }) => c.path).sort()).toEqual([
      'financingPlan.lines[0].amountCents',
      'financingPlan.resources[1].amountCents',
      'financingPlan.totals.directCostsCents',
      'financingPlan.totals.flatRateCostsCents',
      'financingPlan.totals.maxEuCents',
      'financingPlan.totals.otherResourcesCents',
      'financingPlan.totals.totalEligibleCents',
    ]);
    expect(diff.body.changes).toContainEqual({ path: 'financingPlan.lines[0].amountCents', before: 8_000_000, after: 8_100_000 });
  });

  it('lets the applicant replace only the flagged document type, and the diff match documents by id', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    await decide(
      id,
      { outcome: 'INCOMPLETE', complements: [{ section: 'DOCUMENTS', documentType: 'RIB', message: 'Le RIB est illisible.' }], dueDate: inDays(5) },
      200,
    );
    const docs = (await read(id)).body.documents as { id: string; documentType: string }[];
    const statuts = docs.find((d) => d.documentType === 'STATUTS')!;
    const rib = docs.find((d) => d.documentType === 'RIB')!;
    expect((await uploadDocument(ctx.t, a, id, 'STATUTS', pdfBytes('STATUTS'), 'statuts.pdf').expect(409)).body.code).toBe('SECTION_NOT_FLAGGED');
    expect((await http().delete(`/api/v1/applications/${id}/documents/${statuts.id}`).set(a.auth).expect(409)).body.code).toBe('SECTION_NOT_FLAGGED');
    await http().delete(`/api/v1/applications/${id}/documents/${rib.id}`).set(a.auth).expect(204);
    const added = await uploadDocument(ctx.t, a, id, 'RIB', pdfBytes('RIB lisible'), 'rib.pdf').expect(201);
    await resubmit(id).expect(200);
    const diff = await http().get(`/api/v1/applications/${id}/submissions/diff`).set(instructor.auth).expect(200);
    expect(diff.body.changes).toEqual([
      { path: `documents[id=${rib.id}]`, before: expect.objectContaining({ documentType: 'RIB' }), after: null },
      { path: `documents[id=${added.body.id}]`, before: null, after: expect.objectContaining({ documentType: 'RIB', sha256: added.body.sha256 }) },
    ]);
  });

  it('declares an incomplete dossier inadmissible only once the due date has passed', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    await decide(id, { outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Précisez le calendrier.' }], dueDate: inDays(3) }, 200);
    const early = await decide(id, { outcome: 'INADMISSIBLE', reasons: ['Compléments non reçus.'] }, 409);
    expect(early.body.code).toBe('COMPLEMENTS_NOT_OVERDUE');
    const admissible = await decide(id, { outcome: 'ADMISSIBLE' }, 409);
    expect(admissible.body.code).toBe('INVALID_STATUS_TRANSITION');

    // The server's clock decides; move the due date into the past as the owner rather than the clock forward.
    await ctx.owner.query(`UPDATE admissibility_review SET due_date = (now() AT TIME ZONE 'Europe/Paris')::date - 1 WHERE application_id = $1`, [id]);
    const view = await read(id);
    const late = await http().put(`/api/v1/applications/${id}/project`).set(a.auth).set('If-Match', header(view, 'ETag')).send(view.body.project).expect(409);
    expect(late.body.code).toBe('COMPLEMENTS_OVERDUE');
    expect((await resubmit(id).expect(409)).body.code).toBe('COMPLEMENTS_OVERDUE');

    await decide(id, { outcome: 'INADMISSIBLE' }, 400);
    const res = await decide(id, { outcome: 'INADMISSIBLE', reasons: ['Compléments non reçus dans le délai.'] }, 200);
    expect(res.body).toMatchObject({ round: 2, status: 'INADMISSIBLE' });
    const messages = await ctx.owner.query(`SELECT kind FROM application_message WHERE application_id = $1 ORDER BY created_at`, [id]);
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['COMPLEMENTS_REQUESTED', 'INADMISSIBLE']);
    const [h] = await ctx.owner.query(`SELECT from_status, reason FROM application_status_history WHERE application_id = $1 AND to_status = 'INADMISSIBLE'`, [
      id,
    ]);
    expect(h).toEqual({ from_status: 'INCOMPLETE', reason: 'Compléments non reçus dans le délai.' });
  });

  it('refuses a resubmission of a dossier that is not incomplete, and strangers', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const res = await resubmit(id).expect(409);
    expect(res.body.code).toBe('INVALID_STATUS_TRANSITION');
    const other = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    await http().post(`/api/v1/applications/${id}/resubmit`).set(other.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(404);
    await http().post(`/api/v1/applications/${id}/resubmit`).set(instructor.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(403);
  });
});
