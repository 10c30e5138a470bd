import { randomUUID } from 'node:crypto';
import { type Applicant, completeDraft, createApplicant, createDraft, createOpenCall, createStaff, pdfBytes } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group, header } from '../support/checked';

/** Issue 14, point 4: refused forms stay forms (422, input kept); full-page errors keep the header and a way back. */
describe('page errors (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let callId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    callId = (await createOpenCall(ctx.owner)).id;
  });
  const html = (path: string, who: Applicant = a) => ctx.t.http().get(path).set('Cookie', who.session.cookie).set('Accept', 'text/html');

  it('a navigation error (404) keeps the signed-in header and offers the page one came from', async () => {
    const page = await html(`/dossiers/${randomUUID()}`).set('Referer', 'http://127.0.0.1/dossiers').set('Host', '127.0.0.1').expect(404);
    expect(page.text).toContain('Page non trouvée');
    expect(page.text).toContain('Se déconnecter');
    expect(page.text).toContain('Léa Porteuse');
    expect(page.text).toContain('<a class="fr-btn fr-btn--secondary fr-icon-arrow-left-line fr-btn--icon-left" href="/dossiers" id="page-precedente">');
    // A referer from elsewhere is not offered.
    const foreign = await html(`/dossiers/${randomUUID()}`).set('Referer', 'https://ailleurs.example/x').expect(404);
    expect(foreign.text).not.toContain('id="page-precedente"');
    const anonymous = await ctx.t.http().get('/page-inexistante').set('Accept', 'text/html').expect(404);
    expect(anonymous.text).toContain('Page non trouvée');
  });

  it('an unknown address keeps the signed-in header and menu (session read without touching it); signed out, the public header', async () => {
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    // An old last-seen time: reading the session for this page must not count as activity.
    await ctx.owner.query(`UPDATE session SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`, [instructor.user.id]);
    const [before] = await ctx.owner.query(`SELECT last_seen_at FROM session WHERE user_id = $1`, [instructor.user.id]);
    const page = await ctx.t
      .http()
      .get('/nimporte-quoi')
      .set('Cookie', instructor.session.cookie)
      .set('Accept', 'text/html')
      .set('Host', '127.0.0.1')
      .set('Referer', 'http://127.0.0.1/instruction')
      .expect(404);
    expect(page.text).toContain('Page non trouvée');
    expect(page.text).toContain('Se déconnecter');
    expect(page.text).toContain('Utilisatrice Test');
    expect(page.text).toContain('aria-label="Menu principal"');
    expect(page.text).toContain('<a class="fr-nav__link" href="/instruction"');
    expect(page.text).toContain('id="page-precedente">Page précédente</a>');
    expect(page.text).toContain('<a class="fr-btn" href="/accueil">Mon accueil</a>');
    const [after] = await ctx.owner.query(`SELECT last_seen_at FROM session WHERE user_id = $1`, [instructor.user.id]);
    expect(after.last_seen_at).toEqual(before.last_seen_at);

    // Signed out, or with a session that has ended: the public header, the site's home page.
    await ctx.owner.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1`, [instructor.user.id]);
    for (const cookie of [instructor.session.cookie, null]) {
      const req = ctx.t.http().get('/nimporte-quoi').set('Accept', 'text/html');
      const anonymous = await (cookie ? req.set('Cookie', cookie) : req).expect(404);
      expect(anonymous.text).toContain('Page non trouvée');
      expect(anonymous.text).not.toContain('Se déconnecter');
      expect(anonymous.text).not.toContain('Utilisatrice Test');
      expect(anonymous.text).toContain('<a class="fr-btn" href="/">Page d&#39;accueil</a>');
    }
    // The API still answers problem+json.
    const api = await ctx.t.http().get('/api/v1/nimporte-quoi').set('Cookie', instructor.session.cookie).expect(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('deleting a piece says so after the redirect; while answering complements only the reopened types are offered', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    const pieces = await html(`/dossiers/${id}/pieces`).expect(200);
    const docId = group(/data-document-id="([0-9a-f-]{36})"/.exec(pieces.text));
    expect(pieces.text).toContain(`aria-controls="confirmer-suppression-${docId}"`);
    expect(pieces.text).toContain('<script src="/static/confirm.js" defer></script>');
    const removed = await ctx.t
      .http()
      .post(`/dossiers/${id}/pieces/${docId}/supprimer`)
      .set('Cookie', a.session.cookie)
      .type('form')
      .send({ _csrf: a.session.csrfToken })
      .expect(303);
    expect(removed.headers.location).toBe(`/dossiers/${id}/pieces?supprime=1`);
    expect((await html(removed.headers.location as string).expect(200)).text).toContain('La pièce a été supprimée du dossier.');

    // Put the piece back, submit, and have the instructor reopen the RIB only.
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/documents`)
      .set(a.auth)
      .field('documentType', 'STATUTS')
      .attach('file', pdfBytes('STATUTS'), { filename: 'statuts.pdf', contentType: 'application/pdf' });
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/documents`)
      .set(a.auth)
      .field('documentType', 'RIB')
      .attach('file', pdfBytes('RIB'), { filename: 'rib.pdf', contentType: 'application/pdf' });
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(a.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const etag = header(await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200), 'ETag');
    const dueDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ outcome: 'INCOMPLETE', complements: [{ section: 'DOCUMENTS', documentType: 'RIB', message: 'Illisible.' }], dueDate })
      .expect(200);
    const reopened = await html(`/dossiers/${id}/pieces`).expect(200);
    const select = group(/<select class="fr-select" id="documentType"[\s\S]*?<\/select>/.exec(reopened.text), 0);
    expect([...select.matchAll(/<option value="([A-Z_]+)"/g)].map((m) => m[1])).toEqual(['RIB']);
    // Only the RIB may be removed: a delete button on its rows, none on the statutes'.
    const rows = [...reopened.text.matchAll(/<tr data-document-id="[^"]+">([\s\S]*?)<\/tr>/g)].map((m) => group(m, 1));
    expect(rows.filter((r) => r.includes('data-confirm-opener')).every((r) => r.includes('Relevé d&#39;identité bancaire'))).toBe(true);
    expect(rows.filter((r) => !r.includes('data-confirm-opener')).length).toBeGreaterThan(0);
  });
});
