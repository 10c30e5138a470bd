import { createApplicant, createStaff } from '../support/factories/application.factory';
import { submittedDossier } from '../support/factories/documents.factory';
import { truncateAll, useTestApp } from '../support/test-app';

/** Issue 14, point 10: the JSON status endpoints that pages poll, authorised like the pages themselves. */
describe('live status endpoints (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  const json = (path: string, cookie?: string) => {
    const req = ctx.t.http().get(path).set('Accept', 'application/json');
    return cookie ? req.set('Cookie', cookie) : req;
  };

  it('the documents of a dossier: its applicant and staff see the receipt being produced; a stranger gets 404, nobody signed in 401', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    const mine = await json(`/documents/dossiers/${d.applicationId}/etat`, d.applicant.session.cookie).expect(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    // No worker runs here: the receipt requested in the submission's transaction stays « en cours ».
    expect(mine.body).toEqual({
      final: false,
      items: [
        expect.objectContaining({ label: expect.stringContaining('Accusé de réception'), status: 'PENDING', statusText: 'En cours de production', href: null }),
      ],
    });

    await ctx.owner.query(
      `UPDATE document SET status = 'READY', size_bytes = 2048, storage_key = 'documents/x.pdf', sha256 = repeat('a', 64) WHERE subject_id = $1`,
      [d.applicationId],
    );
    const ready = await json(`/documents/dossiers/${d.applicationId}/etat`, d.applicant.session.cookie).expect(200);
    expect(ready.body.final).toBe(true);
    expect(ready.body.items[0]).toMatchObject({
      status: 'READY',
      statusText: 'Disponible',
      href: expect.stringMatching(/^\/documents\/[0-9a-f-]{36}\/telecharger$/),
    });

    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await json(`/documents/dossiers/${d.applicationId}/etat`, instructor.session.cookie).expect(200);
    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    await json(`/documents/dossiers/${d.applicationId}/etat`, stranger.session.cookie).expect(404);
    await json(`/documents/dossiers/${d.applicationId}/etat`).expect(401);
  });

  it('the overview polls while the receipt is produced, and stops offering it once final', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    const page = await ctx.t
      .http()
      .get(`/dossiers/${d.applicationId}?depose=1`)
      .set('Cookie', d.applicant.session.cookie)
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain(`data-live-status="/documents/dossiers/${d.applicationId}/etat"`);
    expect(page.text).toContain('<script src="/static/live-status.js" defer></script>');
    expect(page.text).toMatch(/aria-live="polite" data-live-message>Un document est en cours de production/);
    await ctx.owner.query(
      `UPDATE document SET status = 'READY', size_bytes = 2048, storage_key = 'documents/x.pdf', sha256 = repeat('a', 64) WHERE subject_id = $1`,
      [d.applicationId],
    );
    const later = await ctx.t.http().get(`/dossiers/${d.applicationId}`).set('Cookie', d.applicant.session.cookie).set('Accept', 'text/html').expect(200);
    expect(later.text).not.toContain('data-live-status=');
  });

  it('the reports being prepared: the roles of the reports page only', async () => {
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    await ctx.t
      .http()
      .post('/autorite-de-gestion/rapports')
      .set('Cookie', ma.session.cookie)
      .type('form')
      .send({ _csrf: ma.session.csrfToken, type: 'PROGRAMMING_TABLE', format: 'CSV' })
      .expect(303);
    const res = await json('/autorite-de-gestion/rapports/etat', ma.session.cookie).expect(200);
    expect(res.body).toEqual({ final: false, items: [expect.objectContaining({ status: 'PENDING', format: 'CSV', href: null })] });
    const page = await ctx.t.http().get('/autorite-de-gestion/rapports').set('Cookie', ma.session.cookie).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('data-live-status="/autorite-de-gestion/rapports/etat"');
    const applicant = await createApplicant(ctx.t, ctx.owner);
    await json('/autorite-de-gestion/rapports/etat', applicant.session.cookie).expect(403);
    await json('/autorite-de-gestion/rapports/etat').expect(401);
  });
});
