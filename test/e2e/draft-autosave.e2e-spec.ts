import { type Applicant, createApplicant, createDraft, createOpenCall } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';

/** Issue 14, point 6: nothing typed in a draft section is lost, by the autosave endpoint or by « Rubrique suivante ». */
describe('draft sections: autosave and save on leaving (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let other: Applicant;
  let id: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    other = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    const callId = (await createOpenCall(ctx.owner)).id;
    id = (await createDraft(ctx.t, a, callId)).id;
  });

  const version = () => ctx.owner.query(`SELECT version FROM application WHERE id = $1`, [id]).then((r) => Number(r[0].version));
  const autosave = (who: Applicant, section: string, form: Record<string, string>, csrf = who.session.csrfToken) =>
    ctx.t
      .http()
      .post(`/dossiers/${id}/${section}/brouillon`)
      .set('Cookie', who.session.cookie)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, ...form });

  it('saves what is typed and answers the new version and the Paris time', async () => {
    const v = await version();
    const res = await autosave(a, 'projet', { version: String(v), title: 'Ruches partagées', summary: 'En cours de rédaction' }).expect(200);
    expect(res.body).toEqual({ version: v + 1, savedAt: expect.stringMatching(/^\d{2}h\d{2}$/) });
    const [row] = await ctx.owner.query(`SELECT title, summary, version FROM application WHERE id = $1`, [id]);
    expect(row).toMatchObject({ title: 'Ruches partagées', summary: 'En cours de rédaction', version: v + 1 });
    const [audit] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'application.project.updated'`, [id]);
    expect(audit.n).toBe(1);

    // The next autosave carries the version the first one answered.
    await autosave(a, 'projet', { version: String(v + 1), title: 'Ruches partagées en ville' }).expect(200);
    await autosave(a, 'article-15', { version: String(v + 2), i1_answer: 'true', i1_justification: 'Besoin non couvert' }).expect(200);
    await autosave(a, 'plan-de-financement', {
      version: String(v + 3),
      costOption: 'INDIRECT_15_STAFF',
      'lines[0][category]': 'STAFF',
      'lines[0][amount]': '1 000',
    }).expect(200);
    expect(await version()).toBe(v + 4);
  });

  it('refuses invalid input with problem+json in French and saves nothing', async () => {
    const v = await version();
    const res = await autosave(a, 'plan-de-financement', {
      version: String(v),
      costOption: 'INDIRECT_15_STAFF',
      'lines[0][category]': 'STAFF',
      'lines[0][amount]': 'douze',
    }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'lines[0].amountCents', message: expect.stringContaining('Montant invalide') }));
    const bad = await autosave(a, 'projet', { version: String(v), startDate: '2026-02-31' }).expect(400);
    expect(bad.body.errors[0].message).toBe("Cette date n'existe pas.");
    expect(await version()).toBe(v);
  });

  it('refuses a stale version (412), a missing CSRF token (403), a stranger (404) and an anonymous caller (401)', async () => {
    const v = await version();
    await autosave(a, 'projet', { version: String(v - 1), title: 'Vieux' }).expect(412);
    const noCsrf = await autosave(a, 'projet', { version: String(v), title: 'Sans jeton' }, 'faux');
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    await autosave(other, 'projet', { version: String(v), title: 'Pas à moi' }).expect(404);
    await ctx.t
      .http()
      .post(`/dossiers/${id}/projet/brouillon`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ version: String(v), title: 'Anonyme' })
      .expect(401);
    const [row] = await ctx.owner.query(`SELECT title FROM application WHERE id = $1`, [id]);
    expect(row.title).toBeNull();
  });

  it('autosaves the indicator targets too; a breakdown that does not add up is refused in French', async () => {
    const ok = await autosave(a, 'cibles', { EECO01_total: '4', EECO01_women: '2', EECO01_men: '2', EECO01_nonBinary: '0' }).expect(200);
    expect(ok.body).toEqual({ savedAt: expect.stringMatching(/^\d{2}h\d{2}$/) });
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM indicator_target WHERE application_id = $1`, [id]);
    expect(n).toBeGreaterThan(0);
    const bad = await autosave(a, 'cibles', { EECO01_total: '4', EECO01_women: '3', EECO01_men: '2', EECO01_nonBinary: '0' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ path: expect.stringMatching(/^EECO01_/), message: expect.stringContaining('total') });
    await autosave(other, 'cibles', { EECO01_total: '4' }).expect(404);
    await autosave(a, 'cibles', { EECO01_total: '4' }, 'faux').expect(403);
  });

  it('« Rubrique suivante » saves the section before moving on; an error keeps the person on the form with the input (422)', async () => {
    const post = (section: string, form: Record<string, string>) =>
      ctx.t
        .http()
        .post(`/dossiers/${id}/${section}`)
        .set('Cookie', a.session.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: a.session.csrfToken, ...form });
    const next = await post('projet', { version: String(await version()), title: 'Titre tapé', suite: '1' }).expect(303);
    expect(next.headers.location).toBe(`/dossiers/${id}/article-15?enregistre=1`);
    const [row] = await ctx.owner.query(`SELECT title FROM application WHERE id = $1`, [id]);
    expect(row.title).toBe('Titre tapé');

    const refused = await post('projet', { version: String(await version()), title: 'Autre titre', startDate: '2026-02-31', suite: '1' }).expect(422);
    expect(refused.text).toContain('value="Autre titre"');
    expect(refused.text).toContain('<a href="#startDate">Cette date n&#39;existe pas.</a>');
    expect(refused.text).toContain('id="resume-erreurs"');
    expect(refused.text).toContain('fr-input-group--error');
    expect(refused.text).toContain('Se déconnecter');

    const plan = await post('plan-de-financement', {
      version: String(await version()),
      costOption: 'INDIRECT_15_STAFF',
      'lines[0][category]': 'STAFF',
      'lines[0][amount]': 'douze',
    }).expect(422);
    expect(plan.text).toContain('<a href="#lines-0-amount">');
    const a15 = await post('article-15', { version: String(await version()), i1_justification: 'x'.repeat(5001) }).expect(422);
    expect(a15.text).toContain('<a href="#i1_justification">');
    expect(
      (await post('plan-de-financement', { version: String(await version()), costOption: 'INDIRECT_15_STAFF', suite: '1' }).expect(303)).headers.location,
    ).toBe(`/dossiers/${id}/aides-d-etat?enregistre=1`);
    expect(
      (await post('cibles', { EECO01_total: '4', EECO01_women: '2', EECO01_men: '2', EECO01_nonBinary: '0', suite: '1' }).expect(303)).headers.location,
    ).toBe(`/dossiers/${id}/pieces`);
  });
});
