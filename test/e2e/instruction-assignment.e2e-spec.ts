import { addMember, createApplicant, createOpenCall, createOrganisation, createStaff } from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { only } from '../support/checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;

describe('instructor workspace: assignment, labels, saved views (e2e)', () => {
  const ctx = useTestApp();
  let manager: Staff;
  let instructor: Staff;
  let colleague: Staff;
  let evaluator: Staff;
  let call: { id: string };
  let otherCall: { id: string };
  let org: { id: string };
  let creator: { id: string };

  const audits = (id: string, action: string) =>
    ctx.owner.query(`SELECT before, after, actor_user_id AS "actorUserId" FROM audit_log WHERE subject_id = $1 AND action = $2 ORDER BY seq`, [id, action]);
  const dossier = (id: string) =>
    ctx.owner.query(`SELECT instructor_id AS "instructorId", labels, version FROM application WHERE id = $1`, [id]).then((r) => r[0]);

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    colleague = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    creator = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    org = await createOrganisation(ctx.owner);
    await addMember(ctx.owner, org.id, creator.id);
    call = await createOpenCall(ctx.owner);
    otherCall = await createOpenCall(ctx.owner);
  });

  describe('PUT /api/v1/applications/:id/instructor', () => {
    it('assigns with If-Match, moves the ETag on and writes an audit row', async () => {
      const d = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const res = await ctx.t
        .http()
        .put(`/api/v1/applications/${d.id}/instructor`)
        .set(manager.auth)
        .set('If-Match', '"1"')
        .send({ instructorId: instructor.user.id })
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toEqual({ id: d.id, instructorId: instructor.user.id, labels: [], version: 2 });
      expect(await dossier(d.id)).toMatchObject({ instructorId: instructor.user.id, version: 2 });
      expect(await audits(d.id, 'application.instructor_assigned')).toEqual([
        { before: { instructorId: null }, after: { instructorId: instructor.user.id }, actorUserId: manager.user.id },
      ]);

      await ctx.t.http().put(`/api/v1/applications/${d.id}/instructor`).set(manager.auth).set('If-Match', '"2"').send({ instructorId: null }).expect(200);
      expect(await dossier(d.id)).toMatchObject({ instructorId: null, version: 3 });
    });

    it('requires If-Match (428), refuses a stale one (412), a non-instructor (422) and a bad body (400), changing nothing', async () => {
      const d = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const put = (ifMatch: string | null, body: unknown) => {
        const req = ctx.t.http().put(`/api/v1/applications/${d.id}/instructor`).set(instructor.auth);
        return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body as object);
      };
      await put(null, { instructorId: instructor.user.id }).expect(428);
      await put('"7"', { instructorId: instructor.user.id }).expect(412);
      const notInstructor = await put('"1"', { instructorId: evaluator.user.id }).expect(422);
      expect(notInstructor.body.errors).toEqual([expect.objectContaining({ path: 'instructorId', code: 'NOT_AN_INSTRUCTOR' })]);
      const bad = await put('"1"', { instructorId: 'nope' }).expect(400);
      expect(bad.body.errors[0].path).toBe('instructorId');
      await put('"1"', {}).expect(400);
      expect(await dossier(d.id)).toMatchObject({ instructorId: null, version: 1 });
      expect(await audits(d.id, 'application.instructor_assigned')).toEqual([]);
    });

    it('answers 404 for a draft or an unknown dossier, 403 for evaluators, applicants and the managing authority', async () => {
      const applicant = await createApplicant(ctx.t, ctx.owner);
      const draft = only<{ id: string }>(
        await ctx.owner.query(`INSERT INTO application (call_id, call_version, organisation_id, created_by) VALUES ($1, 1, $2, $3) RETURNING id`, [
          call.id,
          applicant.organisation.id,
          applicant.user.id,
        ]),
        'application row',
      );
      await ctx.t
        .http()
        .put(`/api/v1/applications/${draft.id}/instructor`)
        .set(instructor.auth)
        .set('If-Match', '"1"')
        .send({ instructorId: null })
        .expect(404);
      await ctx.t
        .http()
        .put(`/api/v1/applications/00000000-0000-4000-8000-000000000000/instructor`)
        .set(instructor.auth)
        .set('If-Match', '"1"')
        .send({ instructorId: null })
        .expect(404);
      const d = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const authority = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
      for (const who of [evaluator, applicant, authority]) {
        await ctx.t.http().put(`/api/v1/applications/${d.id}/instructor`).set(who.auth).set('If-Match', '"1"').send({ instructorId: null }).expect(403);
        await ctx.t.http().put(`/api/v1/applications/${d.id}/labels`).set(who.auth).set('If-Match', '"1"').send({ labels: [] }).expect(403);
        await ctx.t
          .http()
          .post(`/api/v1/calls/${call.id}/applications/assignments`)
          .set(who.auth)
          .send({ applicationIds: [d.id], instructorId: null })
          .expect(403);
        await ctx.t.http().get('/api/v1/saved-views').set(who.auth).expect(403);
      }
    });
  });

  describe('POST /api/v1/calls/:id/applications/assignments', () => {
    it('assigns every dossier in one transaction with one audit row each', async () => {
      const ds = [];
      for (let i = 0; i < 3; i++) ds.push(await insertSubmittedDossier(ctx.owner, call, org, creator.id));
      const res = await ctx.t
        .http()
        .post(`/api/v1/calls/${call.id}/applications/assignments`)
        .set(instructor.auth)
        .send({ applicationIds: ds.map((d) => d.id), instructorId: colleague.user.id })
        .expect(200);
      expect(res.body.assigned).toBe(3);
      for (const d of ds) {
        expect(await dossier(d.id)).toMatchObject({ instructorId: colleague.user.id, version: 2 });
        expect(await audits(d.id, 'application.instructor_assigned')).toHaveLength(1);
      }
      const listed = await ctx.t
        .http()
        .get(`/api/v1/calls/${call.id}/applications?instructorId=${colleague.user.id}&limit=100`)
        .set(instructor.auth)
        .expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ds.map((d) => d.id)));
    });

    it('assigns nothing when one id is unknown, a draft or in another call (404 with the paths)', async () => {
      const a = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const b = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const elsewhere = await insertSubmittedDossier(ctx.owner, otherCall, org, creator.id);
      const res = await ctx.t
        .http()
        .post(`/api/v1/calls/${call.id}/applications/assignments`)
        .set(instructor.auth)
        .send({ applicationIds: [a.id, elsewhere.id, b.id, '00000000-0000-4000-8000-000000000000'], instructorId: instructor.user.id })
        .expect(404);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['applicationIds[1]', 'applicationIds[3]']);
      for (const d of [a, b, elsewhere]) {
        expect(await dossier(d.id)).toMatchObject({ instructorId: null, version: 1 });
        expect(await audits(d.id, 'application.instructor_assigned')).toEqual([]);
      }
      const notInstructor = await ctx.t
        .http()
        .post(`/api/v1/calls/${call.id}/applications/assignments`)
        .set(instructor.auth)
        .send({ applicationIds: [a.id], instructorId: manager.user.id })
        .expect(422);
      expect(notInstructor.body.errors[0].path).toBe('instructorId');
      const bad = await ctx.t
        .http()
        .post(`/api/v1/calls/${call.id}/applications/assignments`)
        .set(instructor.auth)
        .send({ applicationIds: [a.id, a.id], instructorId: null })
        .expect(400);
      expect(bad.body.errors[0].path).toBe('applicationIds');
      await ctx.t
        .http()
        .post(`/api/v1/calls/${call.id}/applications/assignments`)
        .set(instructor.auth)
        .send({ applicationIds: [], instructorId: null })
        .expect(400);
      expect(await dossier(a.id)).toMatchObject({ instructorId: null, version: 1 });
    });
  });

  describe('PUT /api/v1/applications/:id/labels', () => {
    it('stores trimmed, deduplicated labels with If-Match and audits the change', async () => {
      const d = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const res = await ctx.t
        .http()
        .put(`/api/v1/applications/${d.id}/labels`)
        .set(instructor.auth)
        .set('If-Match', '"1"')
        .send({ labels: ['  à  revoir ', 'urgent', 'urgent'] })
        .expect(200);
      expect(res.body).toMatchObject({ labels: ['à revoir', 'urgent'], version: 2 });
      expect(res.headers.etag).toBe('"2"');
      expect(await dossier(d.id)).toMatchObject({ labels: ['à revoir', 'urgent'], version: 2 });
      expect(await audits(d.id, 'application.labels_changed')).toEqual([
        expect.objectContaining({ before: { labels: [] }, after: { labels: ['à revoir', 'urgent'] } }),
      ]);
      const filtered = await ctx.t
        .http()
        .get(`/api/v1/calls/${call.id}/applications?label=urgent&label=${encodeURIComponent('à revoir')}`)
        .set(instructor.auth)
        .expect(200);
      expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    });

    it('refuses empty, too long or too many labels with their paths, and stale versions', async () => {
      const d = await insertSubmittedDossier(ctx.owner, call, org, creator.id);
      const put = (labels: unknown, ifMatch = '"1"') =>
        ctx.t.http().put(`/api/v1/applications/${d.id}/labels`).set(instructor.auth).set('If-Match', ifMatch).send({ labels });
      const bad = await put(['ok', ' ', 'x'.repeat(41)]).expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['labels[1]', 'labels[2]']);
      const many = await put(Array.from({ length: 21 }, (_, i) => `étiquette ${i}`)).expect(400);
      expect(many.body.errors).toEqual([expect.objectContaining({ path: 'labels', code: 'TOO_MANY_LABELS' })]);
      await put('urgent').expect(400);
      await put(['ok'], '"9"').expect(412);
      await put(Array.from({ length: 20 }, (_, i) => `étiquette ${i}`)).expect(200);
      expect((await dossier(d.id)).labels).toHaveLength(20);
    });
  });

  describe('saved views', () => {
    it('belong to their owner: listed, created and deleted by them only', async () => {
      const created = await ctx.t
        .http()
        .post('/api/v1/saved-views')
        .set(instructor.auth)
        .send({
          name: '  Mes urgents ',
          query: { status: 'SUBMITTED,ADMISSIBLE', label: ['urgent'], unassigned: 'false', sort: '-euRequested', cursor: 'ignored' },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Mes urgents',
        scope: 'INSTRUCTION_LIST',
        query: { status: ['SUBMITTED', 'ADMISSIBLE'], label: ['urgent'], sort: '-euRequested' },
      });
      await ctx.t.http().post('/api/v1/saved-views').set(colleague.auth).send({ name: 'Mes urgents', query: {} }).expect(201);
      const dup = await ctx.t.http().post('/api/v1/saved-views').set(instructor.auth).send({ name: 'Mes urgents', query: {} }).expect(409);
      expect(dup.body.errors[0].path).toBe('name');

      const mine = await ctx.t.http().get('/api/v1/saved-views').set(instructor.auth).expect(200);
      expect(mine.body.items.map((v: { id: string }) => v.id)).toEqual([created.body.id]);
      await ctx.t.http().delete(`/api/v1/saved-views/${created.body.id}`).set(colleague.auth).expect(404);
      await ctx.t.http().delete(`/api/v1/saved-views/${created.body.id}`).set(instructor.auth).expect(204);
      await ctx.t.http().delete(`/api/v1/saved-views/${created.body.id}`).set(instructor.auth).expect(404);
      expect((await ctx.t.http().get('/api/v1/saved-views').set(instructor.auth).expect(200)).body.items).toEqual([]);
      expect((await ctx.t.http().get('/api/v1/saved-views').set(colleague.auth).expect(200)).body.items).toHaveLength(1);
      expect(await audits(created.body.id, 'saved_view.deleted')).toHaveLength(1);
    });

    it('checks the stored query as the list does', async () => {
      const bad = await ctx.t
        .http()
        .post('/api/v1/saved-views')
        .set(instructor.auth)
        .send({ name: '', query: { status: 'DRAFT', euMinCents: '-3', foo: 'x' } })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'query.euMinCents', 'query.foo', 'query.status[0]']);
      await ctx.t.http().post('/api/v1/saved-views').set(instructor.auth).send({ name: 'x', scope: 'OTHER', query: {} }).expect(400);
      await ctx.t.http().post('/api/v1/saved-views').set(instructor.auth).send({ name: 'x', query: 'status=SUBMITTED' }).expect(400);
    });
  });
});
