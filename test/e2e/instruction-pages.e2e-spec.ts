import { randomUUID } from 'node:crypto';
import {
  type Applicant,
  completeDraft,
  createApplicant,
  createDraft,
  createOpenCall,
  createStaff,
  VALID_ARTICLE15,
} from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { first, group, only, take } from '../support/checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;
const hidden = (html: string, name: string): string => group(new RegExp(`name="${name}" value="([^"]*)"`).exec(html));

describe('instructor workspace pages (e2e)', () => {
  const ctx = useTestApp();
  let instructor: Staff;
  let applicant: Applicant;
  let call: { id: string; reference: string };
  let submitted: { id: string; number: string };

  const get = (path: string, who: Staff | Applicant = instructor) => ctx.t.http().get(path).set('Cookie', who.session.cookie).set('Accept', 'text/html');
  const post = (path: string, form: Record<string, string | string[]>, who: Staff = instructor) =>
    ctx.t
      .http()
      .post(path)
      .set('Cookie', who.session.cookie)
      .type('form')
      .send(new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString());

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await ctx.owner.query(`UPDATE app_user SET display_name = 'Hugo Instruction' WHERE id = $1`, [instructor.user.id]);
    applicant = await createApplicant(ctx.t, ctx.owner);
    call = await createOpenCall(ctx.owner);
    // One dossier through the applicant's real path (API), so the page shows what the submit use case stored.
    const draft = await createDraft(ctx.t, applicant, call.id);
    await completeDraft(ctx.t, applicant, draft.id);
    const res = await ctx.t
      .http()
      .post(`/api/v1/applications/${draft.id}/submit`)
      .set(applicant.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
    submitted = { id: draft.id, number: res.body.number };
    for (let i = 0; i < 29; i++)
      await insertSubmittedDossier(ctx.owner, call, applicant.organisation, applicant.user.id, {
        title: `Projet ${i}`,
        submittedAt: new Date(Date.now() + (i + 1) * 1000),
      });
  });

  it('links the instructor home to the workspace, which lists calls with counts per status', async () => {
    expect((await get('/accueil').expect(200)).text).toContain('href="/instruction"');
    const index = await get('/instruction').expect(200);
    expect(index.text).toContain(call.reference);
    expect(index.text).toContain(`/instruction/appels/${call.id}`);
    expect(index.text).toContain('Déposé : 30');
    expect(index.text).toContain(`/instruction/appels/${call.id}?instructeur=${instructor.user.id}`);
  });

  it('shows the dossiers of a call in a table, with sorting links, the next page by cursor and a filter form', async () => {
    const page = await get(`/instruction/appels/${call.id}`).expect(200);
    expect(page.text).toContain(submitted.number);
    expect(page.text).toContain('aria-sort="ascending"');
    expect(page.text).toContain(`name="_csrf" value="${instructor.session.csrfToken}"`);
    const next = group(/href="([^"]+)" id="page-suivante"/.exec(page.text)).replace(/&amp;/g, '&');
    expect(next).toContain('cursor=');
    const second = await get(next).expect(200);
    expect(second.text).not.toContain(submitted.number);
    expect(second.text).toContain('Projet 28');
    expect(second.text).not.toContain('id="page-suivante"');

    const filtered = await get(`/instruction/appels/${call.id}?q=${encodeURIComponent('Projet 3')}&euMin=100000`).expect(200);
    expect(filtered.text).toContain('Projet 3');
    expect(filtered.text).not.toContain(submitted.number);
    const bad = await get(`/instruction/appels/${call.id}?euMin=beaucoup&departement=999`);
    expectRefusedForm(bad, { hrefs: ['euMin', 'departement'], echoed: ['value="beaucoup"', 'value="999"'] });
    expect(bad.text).toContain('Le formulaire contient 2 erreurs');
  });

  it('assigns checked dossiers from the list, and refuses an empty selection', async () => {
    const rows: { id: string }[] = await ctx.owner.query(`SELECT id FROM application WHERE title IN ('Projet 0', 'Projet 1') ORDER BY title`);
    const [one, two] = take(rows, 2, 'application row');
    const done = await post(`/instruction/appels/${call.id}/affectations`, {
      _csrf: instructor.session.csrfToken,
      retour: 'q=Projet&sort=number',
      applicationIds: [one.id, two.id],
      instructorId: instructor.user.id,
    }).expect(303);
    expect(done.headers.location).toBe(`/instruction/appels/${call.id}?q=Projet&sort=number&affectes=2`);
    const mine = await get(`/instruction/appels/${call.id}?instructeur=${instructor.user.id}`).expect(200);
    expect(mine.text).toContain('Hugo Instruction');
    expect((mine.text.match(/data-application-id=/g) ?? []).length).toBe(2);
    const empty = await post(`/instruction/appels/${call.id}/affectations`, {
      _csrf: instructor.session.csrfToken,
      retour: '',
      instructorId: instructor.user.id,
    });
    expectRefusedForm(empty, { hrefs: ['selection'] });
    expect(empty.text).toContain('Cochez au moins un dossier');
    await post(`/instruction/appels/${call.id}/affectations`, { retour: '', applicationIds: [one.id], instructorId: 'aucun' }).expect(403);
  });

  it('saves the current filters as a view, lists it and deletes it', async () => {
    const saved = await post('/instruction/vues', {
      _csrf: instructor.session.csrfToken,
      callId: call.id,
      query: 'status=SUBMITTED&euMin=50000&sort=-euRequested',
      name: 'Gros dossiers',
    }).expect(303);
    expect(saved.headers.location).toContain('vue=enregistree');
    const page = await get(`/instruction/appels/${call.id}`).expect(200);
    expect(page.text).toContain('Gros dossiers');
    expect(page.text).toContain(`/instruction/appels/${call.id}?status=SUBMITTED&amp;euMin=50000%2C00&amp;sort=-euRequested`);
    const dup = await post('/instruction/vues', { _csrf: instructor.session.csrfToken, callId: call.id, query: '', name: 'Gros dossiers' });
    expectRefusedForm(dup, { hrefs: ['view-name'], echoed: ['value="Gros dossiers"'] });
    expect(dup.text).toContain('déjà une vue de ce nom');
    const view = only<{ id: string }>(await ctx.owner.query(`SELECT id FROM saved_view WHERE name = 'Gros dossiers'`), 'saved_view row');
    await post(`/instruction/vues/${view.id}/supprimer`, { _csrf: instructor.session.csrfToken, callId: call.id }).expect(303);
    expect((await get(`/instruction/appels/${call.id}`).expect(200)).text).not.toContain('Gros dossiers');
  });

  it('shows the instructor everything the applicant sent, with the tabs of the other instruction pages', async () => {
    const page = await get(`/instruction/dossiers/${submitted.id}`).expect(200);
    const html = page.text;
    expect(html).toContain('Ruches partagées en pied d’immeuble');
    expect(html).toContain(submitted.number);
    expect(html).toContain(VALID_ARTICLE15.i1.justification.replace(/’/g, '&#39;').slice(0, 10));
    expect(html).toContain('Jeunes');
    expect(html).toContain('Version 1 — Plan déposé par le porteur');
    expect(html).toContain('112\u202f000,00');
    expect(html).toContain('106\u202f400,00');
    expect(html).toContain('Coordinatrice et animateurs');
    expect(html).toMatch(/href="\/api\/v1\/applications\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}\/content"/);
    const doc = first<{ sha256: string }>(
      await ctx.owner.query(`SELECT sha256 FROM application_document WHERE application_id = $1 LIMIT 1`, [submitted.id]),
      'application_document row',
    );
    expect(html).toContain(doc.sha256.slice(0, 16));
    expect(html).toContain('Champ de la priorité 6');
    for (const tab of ['recevabilite', 'eligibilite', 'rapport']) expect(html).toContain(`href="/instruction/dossiers/${submitted.id}/${tab}"`);
    expect(html).toContain('aria-current="page">Dossier</a>');
    // The staff download of the existing documents route works for the instructor.
    const link = group(/href="(\/api\/v1\/applications\/[^"]+\/content)"/.exec(html));
    await ctx.t.http().get(link).set('Cookie', instructor.session.cookie).expect(200);
  });

  it('assigns and labels from the dossier page, and reports a stale version', async () => {
    const page = await get(`/instruction/dossiers/${submitted.id}`).expect(200);
    const version = hidden(page.text, 'version');
    await post(`/instruction/dossiers/${submitted.id}/instructeur`, { _csrf: instructor.session.csrfToken, version, instructorId: instructor.user.id }).expect(
      303,
    );
    // A stale version: said in the page (422, focused alert), the labels typed kept in their field.
    const stale = await post(`/instruction/dossiers/${submitted.id}/etiquettes`, { _csrf: instructor.session.csrfToken, version, labels: 'urgent' });
    expectRefusedForm(stale, { echoed: ['value="urgent"'] });
    expect(stale.text).toContain('modifié entre-temps');
    const fresh = hidden((await get(`/instruction/dossiers/${submitted.id}`).expect(200)).text, 'version');
    await post(`/instruction/dossiers/${submitted.id}/etiquettes`, {
      _csrf: instructor.session.csrfToken,
      version: fresh,
      labels: 'urgent, visite sur site',
    }).expect(303);
    const after = await get(`/instruction/dossiers/${submitted.id}?enregistre=1`).expect(200);
    expect(after.text).toContain('Instruit par <strong>Hugo Instruction</strong>');
    expect(after.text).toContain('<p class="fr-tag">visite sur site</p>');
    const tooLong = await post(`/instruction/dossiers/${submitted.id}/etiquettes`, {
      _csrf: instructor.session.csrfToken,
      version: hidden(after.text, 'version'),
      labels: 'x'.repeat(41),
    });
    expectRefusedForm(tooLong, { hrefs: ['labels'], echoed: [`value="${'x'.repeat(41)}"`] });
    expect(tooLong.text).toContain('Le formulaire contient une erreur');
  });

  it('is closed to evaluators, applicants and the managing authority; drafts do not exist for staff', async () => {
    for (const role of ['EVALUATOR', 'MANAGING_AUTHORITY'] as const) {
      const who = await createStaff(ctx.t, ctx.owner, role);
      await get('/instruction', who).expect(403);
      await get(`/instruction/dossiers/${submitted.id}`, who).expect(403);
    }
    await get(`/instruction/appels/${call.id}`, applicant).expect(403);
    const draft = await createDraft(ctx.t, applicant, call.id);
    await get(`/instruction/dossiers/${draft.id}`).expect(404);
  });
});
