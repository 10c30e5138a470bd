import { randomUUID } from 'node:crypto';
import {
  completeDraft,
  createApplicant,
  createDraft,
  createOpenCall,
  createStaff,
  pdfBytes,
  VALID_ARTICLE15,
  VALID_PLAN,
  VALID_STATE_AID,
  validProject,
} from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { header } from '../support/checked';

describe('application access (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('answers 404 to a member of another organisation on every route with a dossier id, and changes nothing', async () => {
    const owner = await createApplicant(ctx.t, ctx.owner, 'Léa Porteuse');
    const stranger = await createApplicant(ctx.t, ctx.owner, 'Karim Porteur');
    const call = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, owner, call.id);
    await completeDraft(ctx.t, owner, id);
    const view = await ctx.t.http().get(`/api/v1/applications/${id}`).set(owner.auth).expect(200);
    const docId = view.body.documents[0].id;
    const etag = header(view, 'ETag');
    const api = () => ctx.t.http();
    const s = stranger.auth;

    const attempts: [string, PromiseLike<{ status: number; body: { code?: string } }>][] = [
      ['GET dossier', api().get(`/api/v1/applications/${id}`).set(s)],
      ['PUT project', api().put(`/api/v1/applications/${id}/project`).set(s).set('If-Match', etag).send(validProject())],
      ['PUT article15', api().put(`/api/v1/applications/${id}/article15`).set(s).set('If-Match', etag).send(VALID_ARTICLE15)],
      ['PUT financing-plan', api().put(`/api/v1/applications/${id}/financing-plan`).set(s).set('If-Match', etag).send(VALID_PLAN)],
      ['GET state-aid', api().get(`/api/v1/applications/${id}/state-aid`).set(s)],
      ['PUT state-aid', api().put(`/api/v1/applications/${id}/state-aid`).set(s).set('If-Match', etag).send(VALID_STATE_AID)],
      ['PUT state-aid without If-Match', api().put(`/api/v1/applications/${id}/state-aid`).set(s).send(VALID_STATE_AID)],
      ['POST submit', api().post(`/api/v1/applications/${id}/submit`).set(s).set('Idempotency-Key', randomUUID()).send({ attestation: true })],
      ['POST withdraw', api().post(`/api/v1/applications/${id}/withdraw`).set(s).send({ reason: 'Pas à moi' })],
      ['POST document', api().post(`/api/v1/applications/${id}/documents`).set(s).field('documentType', 'RIB').attach('file', pdfBytes(), 'rib.pdf')],
      ['GET content', api().get(`/api/v1/applications/${id}/documents/${docId}/content`).set(s)],
      ['DELETE document', api().delete(`/api/v1/applications/${id}/documents/${docId}`).set(s)],
      // Without the precondition headers too: access is decided first, so nothing leaks through 428/400.
      ['PUT project without If-Match', api().put(`/api/v1/applications/${id}/project`).set(s).send(validProject())],
      ['POST submit without key', api().post(`/api/v1/applications/${id}/submit`).set(s).send({ attestation: true })],
    ];
    for (const [route, attempt] of attempts) {
      const res = await attempt;
      expect({ route, status: res.status, code: res.body?.code }).toEqual({ route, status: 404, code: 'NOT_FOUND' });
    }

    const pages = ['', '/projet', '/article-15', '/plan-de-financement', '/aides-d-etat', '/pieces', '/deposer', '/retirer'];
    for (const page of pages) {
      const res = await api().get(`/dossiers/${id}${page}`).set('Cookie', stranger.session.cookie).set('Accept', 'text/html');
      expect({ page, status: res.status }).toEqual({ page, status: 404 });
      expect(res.text).toContain('Page non trouvée');
    }
    const csrf = stranger.session.csrfToken;
    for (const page of ['/projet', '/article-15', '/plan-de-financement', '/deposer', '/retirer', `/pieces/${docId}/supprimer`]) {
      const res = await api()
        .post(`/dossiers/${id}${page}`)
        .set('Cookie', stranger.session.cookie)
        .type('form')
        .send({ _csrf: csrf, version: '9', reason: 'x y z', attestation: 'true', idempotencyKey: randomUUID() });
      expect({ page, status: res.status }).toEqual({ page, status: 404 });
    }

    const after = await ctx.t.http().get(`/api/v1/applications/${id}`).set(owner.auth).expect(200);
    expect(after.headers.etag).toBe(etag);
    expect(after.body.status).toBe('DRAFT');
    expect(after.body.documents).toHaveLength(2);
  });

  it('keeps drafts (even withdrawn ones) away from every staff role, and staff cannot write', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, call.id);
    for (const role of ['INSTRUCTOR', 'EVALUATOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'] as const) {
      const staff = await createStaff(ctx.t, ctx.owner, role);
      await ctx.t.http().get(`/api/v1/applications/${id}`).set(staff.auth).expect(404);
      expect((await ctx.t.http().get('/api/v1/applications').set(staff.auth).expect(200)).body.items).toEqual([]);
      await ctx.t.http().post('/api/v1/applications').set(staff.auth).send({ callId: call.id, organisationId: a.organisation.id }).expect(403);
      await ctx.t.http().post(`/api/v1/applications/${id}/withdraw`).set(staff.auth).send({ reason: 'Pas à moi' }).expect(403);
    }
    // A draft withdrawn before submission was never submitted: it stays out of staff's reach.
    await ctx.t.http().post(`/api/v1/applications/${id}/withdraw`).set(a.auth).send({ reason: 'Abandon' }).expect(200);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(404);
    expect((await ctx.t.http().get('/api/v1/applications').set(instructor.auth).expect(200)).body.items).toEqual([]);
  });
});
