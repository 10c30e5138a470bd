import { submittedDossier } from '../support/factories/admissibility.factory';
import { type Applicant, createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { group, header } from '../support/checked';

const hidden = (html: string, name: string): string => group(new RegExp(`name="${name}" value="([^"]*)"`).exec(html));
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('admissibility pages (e2e)', () => {
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

  const as = (cookie: string) => ({
    get: (path: string) => ctx.t.http().get(path).set('Cookie', cookie).set('Accept', 'text/html'),
    post: (path: string, form: Record<string, string>) => ctx.t.http().post(path).set('Cookie', cookie).type('form').send(form),
  });

  it('runs the checks, asks for complements, lets the applicant answer and resubmit, and shows the diff', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const staff = as(instructor.session.cookie);
    const page = await staff.get(`/instruction/dossiers/${id}/recevabilite`).expect(200);
    expect(page.text).toContain('Tous les contrôles sont satisfaits.');
    expect(page.text).toContain('fr-badge--success fr-badge--sm">Conforme');
    expect(page.text).toContain('name="_csrf"');
    // The dossier keeps its context: one h1 with its title, status and number badges, a breadcrumb and working tabs.
    expect(page.text.match(/<h1\b/g)).toHaveLength(1);
    expect(page.text).not.toContain('Dossier sans titre');
    expect(page.text).toMatch(/id="dossier-status">\s*Déposé/);
    expect(page.text).toMatch(/id="dossier-number">[A-Z0-9-]+</);
    expect(page.text).toContain(`href="/instruction/dossiers/${id}/eligibilite"`);
    expect(page.text).not.toContain('/instruction/dossiers//');
    expect(page.text).toMatch(/fr-breadcrumb__link" href="\/instruction\/appels\/[0-9a-f-]{36}">[^<]+</);

    // Missing due date and complement: the form comes back with an error summary, and nothing is written.
    const bad = await staff
      .post(`/instruction/dossiers/${id}/recevabilite`, {
        _csrf: instructor.session.csrfToken,
        version: hidden(page.text, 'version'),
        outcome: 'INCOMPLETE',
        remarks: 'Remarque gardée',
      })
      .expect(422);
    expectRefusedForm(bad, { hrefs: ['dueDate'], echoed: ['Remarque gardée</textarea>'] });
    expect(bad.text).toMatch(/id="outcome-INCOMPLETE" name="outcome" value="INCOMPLETE"[^>]*checked/);
    // Only the second row was typed in: its error points at that row's field, not at the first (empty) one.
    const badRow = await staff
      .post(`/instruction/dossiers/${id}/recevabilite`, {
        _csrf: instructor.session.csrfToken,
        version: hidden(page.text, 'version'),
        outcome: 'INCOMPLETE',
        'complements-1-message': 'Message sans partie',
      })
      .expect(422);
    expectRefusedForm(badRow, { hrefs: ['complements-1-section'], echoed: ['value="Message sans partie"'] });
    expect(bad.text).toContain('La décision n&#39;a pas été enregistrée');
    // A stale version: said at the top (focused), what was typed kept.
    const stale = await staff
      .post(`/instruction/dossiers/${id}/recevabilite`, {
        _csrf: instructor.session.csrfToken,
        version: '999',
        outcome: 'INADMISSIBLE',
        reasons: 'Motif gardé',
      })
      .expect(422);
    expectRefusedForm(stale, { echoed: ['Motif gardé</textarea>'] });
    expect(stale.text).toContain('modifié entre-temps');
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int FROM admissibility_review`);
    expect(count).toBe(0);

    const decided = await staff
      .post(`/instruction/dossiers/${id}/recevabilite`, {
        _csrf: instructor.session.csrfToken,
        version: hidden(page.text, 'version'),
        outcome: 'INCOMPLETE',
        'complements-0-section': 'PROJECT',
        'complements-0-message': 'Précisez le quartier dans le titre.',
        dueDate: inDays(7),
      })
      .expect(303);
    expect(decided.headers.location).toBe(`/instruction/dossiers/${id}/recevabilite?decide=1`);

    const applicant = as(a.session.cookie);
    const overview = await applicant.get(`/dossiers/${id}`).expect(200);
    expect(overview.text).toContain('Compléments demandés');
    expect(overview.text).toContain('Précisez le quartier dans le titre.');
    expect(overview.text).toContain('id="bouton-redeposer"');
    expect(overview.text).toContain('Demande de compléments');
    const projet = await applicant.get(`/dossiers/${id}/projet`).expect(200);
    expect(projet.text).not.toContain('il ne peut plus être modifié');
    const plan = await applicant.get(`/dossiers/${id}/plan-de-financement`).expect(200);
    expect(plan.text).toContain('il ne peut plus être modifié');

    const view = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/project`)
      .set(a.auth)
      .set('If-Match', header(view, 'ETag'))
      .send({ ...view.body.project, title: 'Ruches partagées — États-Unis' })
      .expect(200);
    const refreshed = await applicant.get(`/dossiers/${id}`).expect(200);
    const resubmitted = await applicant
      .post(`/dossiers/${id}/redeposer`, {
        _csrf: a.session.csrfToken,
        idempotencyKey: hidden(refreshed.text, 'idempotencyKey'),
        version: hidden(refreshed.text, 'version'),
        attestation: 'true',
      })
      .expect(303);
    expect(resubmitted.headers.location).toBe(`/dossiers/${id}?redepose=1`);

    const after = await staff.get(`/instruction/dossiers/${id}/recevabilite`).expect(200);
    expect(after.text).toContain('Modifications entre le dépôt n° 1 et le dépôt n° 2');
    expect(after.text).toContain('<code>project.title</code>');
    expect(after.text).toContain('Ruches partagées — États-Unis');
    expect(after.text).toContain('Tour 1');
  });

  it('is out of reach of applicants and evaluators', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    await as(evaluator.session.cookie).get(`/instruction/dossiers/${id}/recevabilite`).expect(403);
    await as(a.session.cookie).get(`/instruction/dossiers/${id}/recevabilite`).expect(403);
  });
});
