import { createApplicant, createStaff } from '../support/factories/application.factory';
import { closeCall } from '../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier, TEST_GRID } from '../support/factories/evaluation.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { header } from '../support/checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;

describe('evaluation grid, panel, assignments and conflicts (e2e)', () => {
  const ctx = useTestApp();
  let manager: Staff;
  let chair: Staff;
  let rapporteur: Staff;
  let member: Staff;

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    chair = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    rapporteur = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    member = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
  });

  const http = () => ctx.t.http();
  async function panelOf(callId: string) {
    for (const [who, role] of [
      [chair, 'CHAIR'],
      [rapporteur, 'RAPPORTEUR'],
      [member, 'MEMBER'],
    ] as const) {
      await http().post(`/api/v1/calls/${callId}/panel/members`).set(manager.auth).send({ userId: who.user.id, role }).expect(201);
    }
  }

  it('edits the grid of a draft call with If-Match, offers the CSESS template, and freezes it once published', async () => {
    const draft = await createEvaluationCall(ctx.owner, { status: 'DRAFT', grid: null });
    const read = await http().get(`/api/v1/calls/${draft.id}/evaluation-grid`).set(manager.auth).expect(200);
    expect(read.body).toMatchObject({ editable: true, grid: null });
    expect(read.body.template.criteria.map((c: { code: string }) => c.code)).toEqual(['C1', 'C2', 'C3']);

    await http().put(`/api/v1/calls/${draft.id}/evaluation-grid`).set(manager.auth).send(read.body.template).expect(428);
    const bad = await http()
      .put(`/api/v1/calls/${draft.id}/evaluation-grid`)
      .set(manager.auth)
      .set('If-Match', header(read, 'ETag'))
      .send({ ...read.body.template, tieBreak: ['C9'], evaluatorsPerDossier: 0 })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['evaluatorsPerDossier']);
    const badChain = await http()
      .put(`/api/v1/calls/${draft.id}/evaluation-grid`)
      .set(manager.auth)
      .set('If-Match', header(read, 'ETag'))
      .send({ ...read.body.template, tieBreak: ['C9'] })
      .expect(400);
    expect(badChain.body.errors).toEqual([expect.objectContaining({ path: 'tieBreak[0]', code: 'UNKNOWN_CRITERION' })]);

    const saved = await http()
      .put(`/api/v1/calls/${draft.id}/evaluation-grid`)
      .set(manager.auth)
      .set('If-Match', header(read, 'ETag'))
      .send({ ...read.body.template, fillRemainder: true })
      .expect(200);
    expect(saved.body.grid).toMatchObject({ tieBreak: ['C1', 'C3'], fillRemainder: true, evaluatorsPerDossier: 2, divergenceGap: 2 });
    await http().put(`/api/v1/calls/${draft.id}/evaluation-grid`).set(manager.auth).set('If-Match', header(read, 'ETag')).send(read.body.template).expect(412);
    const [audit] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'call.evaluation_grid_updated' AND subject_id = $1`, [
      draft.id,
    ]);
    expect(audit.n).toBe(1);

    const published = await createEvaluationCall(ctx.owner);
    const p = await http().get(`/api/v1/calls/${published.id}/evaluation-grid`).set(manager.auth).expect(200);
    expect(p.body.editable).toBe(false);
    const frozen = await http()
      .put(`/api/v1/calls/${published.id}/evaluation-grid`)
      .set(manager.auth)
      .set('If-Match', header(p, 'ETag'))
      .send(p.body.template)
      .expect(409);
    expect(frozen.body.code).toBe('EVALUATION_GRID_FROZEN');
    // The calls API refuses it too: the published version carries the grid.
    const call = await http().get(`/api/v1/calls/${published.id}`).set(manager.auth).expect(200);
    const patched = await http()
      .patch(`/api/v1/calls/${published.id}`)
      .set(manager.auth)
      .set('If-Match', header(call, 'ETag'))
      .send({ evaluationGrid: { criteria: TEST_GRID.criteria.slice(0, 1) } })
      .expect(409);
    expect(patched.body.code).toBe('EVALUATION_GRID_FROZEN');
    const [frozenRules] = await ctx.owner.query(`SELECT rules->'evaluation_grid'->'tieBreak' AS chain FROM call_version WHERE call_id = $1 AND version = 1`, [
      published.id,
    ]);
    expect(frozenRules.chain).toEqual(['C1']);
  });

  it('builds the panel: evaluators only, one chair; a manual assignment moves the dossier to UNDER_EVALUATION with history and audit', async () => {
    const call = await createEvaluationCall(ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const notEvaluator = await http()
      .post(`/api/v1/calls/${call.id}/panel/members`)
      .set(manager.auth)
      .send({ userId: instructor.user.id, role: 'MEMBER' })
      .expect(400);
    expect(notEvaluator.body.errors[0]).toMatchObject({ path: 'userId', code: 'NOT_AN_EVALUATOR' });
    await panelOf(call.id);
    const other = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    expect(
      (await http().post(`/api/v1/calls/${call.id}/panel/members`).set(manager.auth).send({ userId: other.user.id, role: 'CHAIR' }).expect(409)).body.code,
    ).toBe('CONFLICT');
    await http().post(`/api/v1/calls/${call.id}/panel/members`).set(instructor.auth).send({ userId: other.user.id, role: 'MEMBER' }).expect(403);

    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id });
    const res = await http()
      .post(`/api/v1/calls/${call.id}/panel/assignments`)
      .set(manager.auth)
      .send({ applicationId: dossier.id, evaluatorId: rapporteur.user.id, rapporteur: true })
      .expect(201);
    expect(res.body).toMatchObject({ rapporteur: true, declaration: 'UNDECLARED', conflicted: false });
    const [app] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [dossier.id]);
    expect(app.status).toBe('UNDER_EVALUATION');
    const history = await ctx.owner.query(`SELECT from_status, to_status FROM application_status_history WHERE application_id = $1`, [dossier.id]);
    expect(history).toEqual([{ from_status: 'INSTRUCTED', to_status: 'UNDER_EVALUATION' }]);
    const [audit] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'evaluation.assigned' AND subject_id = $1`, [dossier.id]);
    expect(audit.n).toBe(1);
    // A second rapporteur, a non-member, a duplicate: refused, nothing written.
    await http()
      .post(`/api/v1/calls/${call.id}/panel/assignments`)
      .set(manager.auth)
      .send({ applicationId: dossier.id, evaluatorId: member.user.id, rapporteur: true })
      .expect(409);
    await http()
      .post(`/api/v1/calls/${call.id}/panel/assignments`)
      .set(manager.auth)
      .send({ applicationId: dossier.id, evaluatorId: other.user.id })
      .expect(400);
    await http()
      .post(`/api/v1/calls/${call.id}/panel/assignments`)
      .set(manager.auth)
      .send({ applicationId: dossier.id, evaluatorId: rapporteur.user.id })
      .expect(409);
    const [count] = await ctx.owner.query(`SELECT count(*)::int AS n FROM evaluation_assignment WHERE application_id = $1`, [dossier.id]);
    expect(count.n).toBe(1);
    // A member with assignments stays on the panel.
    await http().delete(`/api/v1/calls/${call.id}/panel/members/${rapporteur.user.id}`).set(manager.auth).expect(409);
    await http().delete(`/api/v1/calls/${call.id}/panel/members/${member.user.id}`).set(manager.auth).expect(204);
  });

  it('assigns automatically: N per dossier, balanced, a rapporteur each, never an evaluator of the applicant organisation', async () => {
    const call = await createEvaluationCall(ctx.owner);
    await panelOf(call.id);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    await ctx.owner.query(`INSERT INTO organisation_member (organisation_id, user_id) VALUES ($1, $2)`, [applicant.organisation.id, member.user.id]);
    const conflicted = await createInstructedDossier(ctx.owner, { callId: call.id, organisationId: applicant.organisation.id });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await createInstructedDossier(ctx.owner, { callId: call.id }));
    await createInstructedDossier(ctx.owner, { callId: call.id, verdict: 'INELIGIBLE' });

    const res = await http().post(`/api/v1/calls/${call.id}/panel/assignments/auto`).set(manager.auth).send({}).expect(200);
    expect(res.body.shortfalls).toEqual([]);
    const rows: { application_id: string; evaluator_id: string; rapporteur: boolean }[] = await ctx.owner.query(
      `SELECT application_id, evaluator_id, rapporteur FROM evaluation_assignment`,
    );
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.application_id === conflicted.id).map((r) => r.evaluator_id)).not.toContain(member.user.id);
    for (const d of [conflicted, ...others]) expect(rows.filter((r) => r.application_id === d.id && r.rapporteur)).toHaveLength(1);
    const loads = [chair, rapporteur, member].map((e) => rows.filter((r) => r.evaluator_id === e.user.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const statuses = await ctx.owner.query(`SELECT DISTINCT status FROM application WHERE id = ANY($1::uuid[])`, [[conflicted.id, ...others.map((o) => o.id)]]);
    expect(statuses).toEqual([{ status: 'UNDER_EVALUATION' }]);
    // Running it again adds nothing.
    const again = await http().post(`/api/v1/calls/${call.id}/panel/assignments/auto`).set(manager.auth).send({}).expect(200);
    expect(again.body.created).toEqual([]);
  });

  it('hides the dossier until declared; a declared conflict, or membership of the applicant organisation, gives 404 until the chair waives it', async () => {
    const call = await createEvaluationCall(ctx.owner);
    await panelOf(call.id);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    await ctx.owner.query(`INSERT INTO organisation_member (organisation_id, user_id) VALUES ($1, $2)`, [applicant.organisation.id, member.user.id]);
    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id, organisationId: applicant.organisation.id });
    for (const e of [rapporteur, member]) {
      await http()
        .post(`/api/v1/calls/${call.id}/panel/assignments`)
        .set(manager.auth)
        .send({ applicationId: dossier.id, evaluatorId: e.user.id, rapporteur: e === rapporteur })
        .expect(201);
    }
    const list = await http().get('/api/v1/evaluations').set(rapporteur.auth).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ applicationId: dossier.id, declaredConflict: null, rapporteur: true })]);

    // Undeclared: nothing of the dossier.
    await http().get(`/api/v1/evaluations/${dossier.id}`).set(rapporteur.auth).expect(404);
    // Declared conflict: still nothing, and it cannot be withdrawn by the evaluator.
    await http().put(`/api/v1/evaluations/${dossier.id}/declaration`).set(rapporteur.auth).send({ conflict: true }).expect(400);
    expect(
      (
        await http()
          .put(`/api/v1/evaluations/${dossier.id}/declaration`)
          .set(rapporteur.auth)
          .send({ conflict: true, details: 'Ancien salarié de la structure.' })
          .expect(200)
      ).body.state,
    ).toBe('CONFLICTED');
    await http().get(`/api/v1/evaluations/${dossier.id}`).set(rapporteur.auth).expect(404);
    await http().put(`/api/v1/evaluations/${dossier.id}/declaration`).set(rapporteur.auth).send({ conflict: false }).expect(409);
    // Nor through the dossiers API: an evaluator is not staff there.
    await http().get(`/api/v1/applications/${dossier.id}`).set(rapporteur.auth).expect(404);
    expect((await http().get('/api/v1/applications').set(rapporteur.auth).expect(200)).body.items).toEqual([]);

    // Automatic: a member of the applicant organisation is excluded whatever they declare.
    const auto = await http().put(`/api/v1/evaluations/${dossier.id}/declaration`).set(member.auth).send({ conflict: false }).expect(200);
    expect(auto.body.state).toBe('CONFLICTED');
    await http().get(`/api/v1/evaluations/${dossier.id}`).set(member.auth).expect(404);
    await http().get(`/api/v1/applications/${dossier.id}/evaluations`).set(member.auth).expect(404);
    const assignments = await http().get(`/api/v1/calls/${call.id}/panel/assignments`).set(manager.auth).expect(200);
    expect(assignments.body.find((a: { evaluatorId: string }) => a.evaluatorId === member.user.id)).toMatchObject({
      conflicted: true,
      automaticReason: 'membre de la structure porteuse',
    });

    // Only the chair waives, with a written reason.
    await http().post(`/api/v1/evaluations/${dossier.id}/declarations/${member.user.id}/waiver`).set(rapporteur.auth).send({ reason: 'x' }).expect(404);
    await http().post(`/api/v1/evaluations/${dossier.id}/declarations/${member.user.id}/waiver`).set(chair.auth).send({ reason: '' }).expect(400);
    await http()
      .post(`/api/v1/evaluations/${dossier.id}/declarations/${member.user.id}/waiver`)
      .set(chair.auth)
      .send({ reason: 'Simple adhérent, sans fonction ni intérêt.' })
      .expect(204);
    const sheet = await http().get(`/api/v1/evaluations/${dossier.id}`).set(member.auth).expect(200);
    expect(sheet.body.dossier).toMatchObject({ number: dossier.number, organisationName: applicant.organisation.legalName });
    const [waiver] = await ctx.owner.query(`SELECT waiver_reason, waived_by FROM conflict_declaration WHERE application_id = $1 AND evaluator_id = $2`, [
      dossier.id,
      member.user.id,
    ]);
    expect(waiver).toEqual({ waiver_reason: 'Simple adhérent, sans fonction ni intérêt.', waived_by: chair.user.id });
    const [audit] = await ctx.owner.query(`SELECT after FROM audit_log WHERE action = 'evaluation.conflict_waived' AND subject_id = $1`, [dossier.id]);
    expect(audit.after).toMatchObject({ evaluatorId: member.user.id });
  });

  it('refuses applicants and instructors, and answers 404 to an evaluator not on the panel', async () => {
    const call = await createEvaluationCall(ctx.owner);
    await panelOf(call.id);
    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id });
    await http()
      .post(`/api/v1/calls/${call.id}/panel/assignments`)
      .set(manager.auth)
      .send({ applicationId: dossier.id, evaluatorId: rapporteur.user.id })
      .expect(201);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const outsider = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    for (const who of [applicant, instructor]) {
      await http().get(`/api/v1/evaluations/${dossier.id}`).set(who.auth).expect(403);
      await http().put(`/api/v1/evaluations/${dossier.id}/scores`).set(who.auth).set('If-Match', '"1"').send({ scores: [] }).expect(403);
      await http().get(`/api/v1/calls/${call.id}/ranking`).set(who.auth).expect(403);
    }
    await http().put(`/api/v1/evaluations/${dossier.id}/declaration`).set(outsider.auth).send({ conflict: false }).expect(404);
    await http().get(`/api/v1/evaluations/${dossier.id}`).set(outsider.auth).expect(404);
    await http().get(`/api/v1/applications/${dossier.id}/evaluations`).set(outsider.auth).expect(404);
    await http().get(`/api/v1/applications/${dossier.id}/evaluation-summary`).set(outsider.auth).expect(404);
    await http().get(`/api/v1/calls/${call.id}/ranking`).set(outsider.auth).expect(404);
    await http().get(`/api/v1/calls/${call.id}/ranking`).set(member.auth).expect(404);
    await closeCall(ctx.owner, call.id);
    await http().get(`/api/v1/calls/${call.id}/ranking`).set(chair.auth).expect(200);
    await http().get(`/api/v1/evaluations/not-a-uuid`).set(rapporteur.auth).expect(404);
  });
});
