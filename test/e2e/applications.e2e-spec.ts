import { createHash, randomUUID } from 'node:crypto';
import {
  completeDraft,
  createApplicant,
  createDraft,
  createOpenCall,
  createStaff,
  VALID_ARTICLE15,
  VALID_PLAN,
  validProject,
} from '../support/factories/application.factory';
import { parisYear } from '../../src/modules/applications/domain/application-number';
import { truncateAll, useTestApp } from '../support/test-app';
import { header } from '../support/checked';

describe('applications (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('creates a draft on an open call for one of my organisations, with an ETag and a history row', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const res = await ctx.t
      .http()
      .post('/api/v1/applications')
      .set(a.auth)
      .send({ callId: call.id, organisationId: a.organisation.id, title: 'Ruches' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'DRAFT', version: 1, callId: call.id, organisationId: a.organisation.id });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/applications/${res.body.id}`);

    const view = await ctx.t.http().get(`/api/v1/applications/${res.body.id}`).set(a.auth).expect(200);
    expect(view.headers.etag).toBe('"1"');
    expect(view.body).toMatchObject({ status: 'DRAFT', number: null, callVersion: 1, project: { title: 'Ruches' }, organisation: { id: a.organisation.id } });
    expect(view.body.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'DRAFT', actorUserId: a.user.id, applicationVersion: 1 })]);
    expect(view.body.checklist.complete).toBe(false);
    expect(view.body.checklist.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['project.summary', 'documents.STATUTS', 'documents.RIB']),
    );
  });

  it('refuses a dossier for an organisation I do not belong to, on a closed call, or on an unpublished one', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const other = await createApplicant(ctx.t, ctx.owner, 'Karim Porteur');
    const open = await createOpenCall(ctx.owner);
    const closed = await createOpenCall(ctx.owner, { opensAt: new Date(Date.now() - 10 * 86_400_000), closesAt: new Date(Date.now() - 1000) });
    const draft = await createOpenCall(ctx.owner, { status: 'DRAFT' });
    await ctx.t.http().post('/api/v1/applications').set(a.auth).send({ callId: open.id, organisationId: other.organisation.id }).expect(404);
    const res = await ctx.t.http().post('/api/v1/applications').set(a.auth).send({ callId: closed.id, organisationId: a.organisation.id }).expect(409);
    expect(res.body.code).toBe('CALL_CLOSED');
    await ctx.t.http().post('/api/v1/applications').set(a.auth).send({ callId: draft.id, organisationId: a.organisation.id }).expect(404);
  });

  it('updates sections with If-Match: 428 without, 412 when stale, and computes the plan with its violations', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const { id, etag } = await createDraft(ctx.t, a, call.id);

    const missing = await ctx.t.http().put(`/api/v1/applications/${id}/project`).set(a.auth).send(validProject()).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await ctx.t.http().put(`/api/v1/applications/${id}/project`).set(a.auth).set('If-Match', etag).send(validProject()).expect(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await ctx.t.http().put(`/api/v1/applications/${id}/article15`).set(a.auth).set('If-Match', etag).send(VALID_ARTICLE15).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');

    const unbalanced = { ...VALID_PLAN, resources: [{ type: 'ESF_PLUS', amountCents: 10_700_000 }] };
    const plan = await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/financing-plan`)
      .set(a.auth)
      .set('If-Match', header(ok, 'ETag'))
      .send(unbalanced)
      .expect(200);
    expect(plan.body.financingPlan.computed).toMatchObject({
      directCostsCents: 10_000_000,
      flatRateCostsCents: 1_200_000,
      totalEligibleCostsCents: 11_200_000,
      maxEsfPlusCents: 10_640_000,
    });
    expect(plan.body.financingPlan.violations.map((v: { code: string }) => v.code)).toEqual(['ESF_EXCEEDS_RATE', 'PLAN_UNBALANCED']);
    expect(plan.body.financingPlan.flatRateBp).toBe(1500);

    const bad = await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/financing-plan`)
      .set(a.auth)
      .set('If-Match', header(plan, 'ETag'))
      .send({ ...VALID_PLAN, lines: [{ category: 'STAFF', amountCents: 12.5 }] })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'lines[0].amountCents', code: 'NOT_AN_INTEGER' });
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM audit_log WHERE subject_id = $1 AND action = 'application.financing_plan.updated'`, [id]);
    expect(count).toBe('1');
  });

  it('fills and submits a dossier end to end: number, snapshot with hashes, history, outbox receipt, audit', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, call.id);
    await completeDraft(ctx.t, a, id);
    const ready = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    expect(ready.body.checklist).toMatchObject({ complete: true, errors: [] });

    const res = await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(a.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect(200);
    expect(res.body).toMatchObject({ id, status: 'SUBMITTED', callVersion: 1, totalEligibleCents: 11_200_000, euRequestedCents: 10_640_000 });
    expect(res.body.number).toMatch(/^AAP-\d{4}-\d{6}$/);
    expect(res.body.number).toBe(`AAP-${parisYear(new Date())}-000001`);

    const [row] = await ctx.owner.query(
      `SELECT status, number, submitted_snapshot, total_eligible_cents, eu_requested_cents, call_version FROM application WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      status: 'SUBMITTED',
      number: res.body.number,
      total_eligible_cents: '11200000',
      eu_requested_cents: '10640000',
      call_version: 1,
    });
    const docs = await ctx.owner.query(`SELECT document_type, sha256 FROM application_document WHERE application_id = $1 ORDER BY uploaded_at`, [id]);
    expect(row.submitted_snapshot).toMatchObject({
      number: res.body.number,
      call: { id: call.id, version: 1 },
      project: { title: 'Ruches partagées en pied d’immeuble' },
      financingPlan: { costOption: 'INDIRECT_15_STAFF', totals: { totalEligibleCents: 11_200_000, euRequestedCents: 10_640_000 } },
    });
    expect(row.submitted_snapshot.documents.map((d: { documentType: string; sha256: string }) => [d.documentType, d.sha256])).toEqual(
      docs.map((d: { document_type: string; sha256: string }) => [d.document_type, d.sha256]),
    );

    const history = await ctx.owner.query(
      `SELECT from_status, to_status, actor_user_id FROM application_status_history WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    expect(history).toEqual([
      { from_status: null, to_status: 'DRAFT', actor_user_id: a.user.id },
      { from_status: 'DRAFT', to_status: 'SUBMITTED', actor_user_id: a.user.id },
    ]);
    const outbox = await ctx.owner.query(`SELECT job_name, payload FROM outbox WHERE job_name = 'generate-receipt'`);
    expect(outbox).toEqual([{ job_name: 'generate-receipt', payload: { applicationId: id } }]);
    const [audit] = await ctx.owner.query(`SELECT actor_user_id, after FROM audit_log WHERE subject_id = $1 AND action = 'application.submitted'`, [id]);
    expect(audit).toMatchObject({ actor_user_id: a.user.id, after: { number: res.body.number, status: 'SUBMITTED' } });

    // The submitted content is frozen: no section edit, no new document, and the database refuses to touch the snapshot.
    const locked = await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/project`)
      .set(a.auth)
      .set('If-Match', `"${res.body.version}"`)
      .send(validProject())
      .expect(409);
    expect(locked.body.code).toBe('APPLICATION_NOT_EDITABLE');
    await expect(ctx.owner.query(`UPDATE application SET submitted_snapshot = '{}'::jsonb WHERE id = $1`, [id])).rejects.toThrow(/immutable/);
  });

  it('lets staff read submitted dossiers but never drafts, and never write', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const staff = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const call = await createOpenCall(ctx.owner);
    const draft = await createDraft(ctx.t, a, call.id);
    const submitted = await createDraft(ctx.t, a, call.id);
    await completeDraft(ctx.t, a, submitted.id);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${submitted.id}/submit`)
      .set(a.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect(200);

    await ctx.t.http().get(`/api/v1/applications/${draft.id}`).set(staff.auth).expect(404);
    const seen = await ctx.t.http().get(`/api/v1/applications/${submitted.id}`).set(staff.auth).expect(200);
    expect(seen.body.status).toBe('SUBMITTED');
    const list = await ctx.t.http().get('/api/v1/applications').set(staff.auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([submitted.id]);
    const doc = seen.body.documents[0];
    const content = await ctx.t.http().get(`/api/v1/applications/${submitted.id}/documents/${doc.id}/content`).set(staff.auth).buffer(true).expect(200);
    expect(
      createHash('sha256')
        .update(content.body as Buffer)
        .digest('hex'),
    ).toBe(doc.sha256);
    await ctx.t.http().put(`/api/v1/applications/${submitted.id}/project`).set(staff.auth).set('If-Match', '"1"').send(validProject()).expect(403);
  });

  it('lists my dossiers newest first with keyset pagination and a limit of at most 100', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createDraft(ctx.t, a, call.id)).id);
    const first = await ctx.t.http().get('/api/v1/applications?mine&limit=2').set(a.auth).expect(200);
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4], ids[3]]);
    const second = await ctx.t.http().get(`/api/v1/applications?mine&limit=2&cursor=${first.body.nextCursor}`).set(a.auth).expect(200);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const third = await ctx.t.http().get(`/api/v1/applications?mine&limit=2&cursor=${second.body.nextCursor}`).set(a.auth).expect(200);
    expect(third.body).toMatchObject({ items: [expect.objectContaining({ id: ids[0], statusLabel: 'Brouillon' })], nextCursor: null });
    await ctx.t.http().get('/api/v1/applications?mine&limit=101').set(a.auth).expect(400);
    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre');
    expect((await ctx.t.http().get('/api/v1/applications?mine').set(stranger.auth).expect(200)).body.items).toEqual([]);
  });

  it('withdraws a dossier through the status table, with the reason in the history', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, call.id);
    const res = await ctx.t.http().post(`/api/v1/applications/${id}/withdraw`).set(a.auth).send({ reason: 'Projet abandonné' }).expect(200);
    expect(res.body.status).toBe('WITHDRAWN');
    expect(res.body.history.at(-1)).toMatchObject({ fromStatus: 'DRAFT', toStatus: 'WITHDRAWN', reason: 'Projet abandonné' });
    const again = await ctx.t.http().post(`/api/v1/applications/${id}/withdraw`).set(a.auth).send({ reason: 'Encore' }).expect(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
  });
});
