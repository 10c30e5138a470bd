import { INestApplicationContext } from '@nestjs/common';
import { createOpenCall } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { createUser, login, type Session } from '../support/factories/user.factory';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { header } from '../support/checked';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('managing authority reports page (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  let authority: Session;
  let call: { id: string; reference: string };

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
    authority = await login(ctx.t, await createUser(ctx.owner, { roles: ['MANAGING_AUTHORITY'], displayName: 'Dominique Autorité' }));
    call = await createOpenCall(ctx.owner);
    await createProgrammedDossier(ctx.owner, { callId: call.id, plan: { totalEligibleCents: 11_200_000, euCents: 10_640_000, otherResourcesCents: 560_000 } });
  });
  afterAll(() => worker?.close());

  const page = (path: string, session?: Session) => {
    const req = ctx.t.http().get(path).set('Accept', 'text/html');
    return session ? req.set('Cookie', session.cookie) : req;
  };
  const post = (body: Record<string, unknown>, session = authority) =>
    ctx.t
      .http()
      .post('/autorite-de-gestion/rapports')
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrfToken, ...body });

  it('is linked from the home page of the managing authority', async () => {
    const home = await page('/accueil', authority).expect(200);
    expect(home.text).toContain('href="/autorite-de-gestion/rapports"');
  });

  it('shows the request form with the calls of priority 6 and a CSRF field', async () => {
    const res = await page('/autorite-de-gestion/rapports', authority).expect(200);
    expect(res.text).toContain('<h1 id="page-title">Rapports et exports</h1>');
    expect(res.text).toContain(`name="_csrf" value="${authority.csrfToken}"`);
    expect(res.text).toContain(`<option value="${call.id}"`);
    expect(res.text).toContain('Tous les appels de la priorité 6');
    expect(res.text).toContain("Aucun rapport n'a encore été demandé.");
  });

  it('re-renders with an error summary when the format does not suit the report, and stores nothing', async () => {
    const res = await post({ rapport: 'FUNDING_REPORT:XLSX', callId: '' }).expect(422);
    const html = decode(res.text);
    expect(html).toContain('<title>Erreur : Rapports et exports');
    expect(html).toContain('id="resume-erreurs"');
    expect(html).toContain('Ce rapport est disponible en PDF.');
    expect(html).toContain('id="rapport-message-error"');
    expect(html).toContain('<a href="#rapport">Ce rapport est disponible en PDF.</a>');
    // Only the combinations the server produces are offered.
    expect(html).toContain('<option value="FUNDING_REPORT:PDF"');
    expect(html).toContain('<option value="OPERATIONS:XLSX"');
    expect(html).not.toContain('<option value="OPERATIONS:PDF"');
    expect(html).not.toContain('<option value="FUNDING_REPORT:XLSX"');
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM report_export`);
    expect(count).toBe(0);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await ctx.t
      .http()
      .post('/autorite-de-gestion/rapports')
      .type('form')
      .set('Cookie', authority.cookie)
      .send({ type: 'OPERATIONS', format: 'CSV' });
    expect(res.status).toBe(403);
  });

  it('records a request, redirects with 303 and lists the report with its download link once ready', async () => {
    const res = await post({ type: 'OPERATIONS', format: 'XLSX', callId: call.id }).expect(303);
    expect(res.headers.location).toBe('/autorite-de-gestion/rapports?statut=demande');
    const after = await page(header(res, 'Location'), authority).expect(200);
    expect(after.text).toContain('Demande enregistrée');
    const [{ id }] = await ctx.owner.query(`SELECT id FROM report_export`);
    await waitFor(async () => (await ctx.owner.query(`SELECT 1 FROM report_export WHERE id = $1 AND status = 'READY'`, [id])).length > 0, 30_000);
    const ready = decode((await page('/autorite-de-gestion/rapports', authority).expect(200)).text);
    expect(ready).toContain(`href="/api/v1/reports/${id}/content"`);
    expect(ready).toContain('1 ligne');
    expect(ready).toContain(call.reference);
    const file = await ctx.t.http().get(`/api/v1/reports/${id}/content`).set('Cookie', authority.cookie).expect(200);
    expect(file.headers['content-disposition']).toContain('.xlsx');
  });

  it('lets a programme manager read the page without the form, and turns other roles away', async () => {
    const manager = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }));
    const res = await page('/autorite-de-gestion/rapports', manager).expect(200);
    expect(res.text).not.toContain('Demander le rapport');
    expect(res.text).toContain(call.reference);
    expect((await post({ type: 'OPERATIONS', format: 'CSV' }, manager)).status).toBe(403);
    for (const roles of [['APPLICANT'], ['INSTRUCTOR'], ['EVALUATOR']] as const) {
      const s = await login(ctx.t, await createUser(ctx.owner, { roles: [...roles] }));
      expect((await page('/autorite-de-gestion/rapports', s)).status).toBe(403);
    }
  });
});
