import { committeeScenario, createSession, openSession, postDecision } from '../support/factories/committee.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { at, first, group, header } from '../support/checked';

const M = 10_000; // 100,00 € in cents
const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('committee pages (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('creates a session, freezes the agenda, points presence, opens and records decisions through the forms', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 3000 * M,
      dossiers: [
        { key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 } },
        { key: 'B', euCents: 1200 * M, scores: { C1: 4, C2: 4 } },
        { key: 'C', euCents: 1000 * M, scores: { C1: 3, C2: 3 } },
      ],
    });
    const cookie = s.manager.session.cookie;
    const csrf = s.manager.session.csrfToken;
    const get = (path: string) => ctx.t.http().get(path).set('Cookie', cookie).set('Accept', 'text/html');
    const post = (path: string, form: Record<string, string | string[]>) =>
      ctx.t
        .http()
        .post(path)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, ...form });

    const home = await get('/comite').expect(200);
    expect(home.text).toContain('Comités de programmation');
    expect(home.text).toContain(`/comite/appels/${s.callId}/nouvelle-seance`);

    const form = await get(`/comite/appels/${s.callId}/nouvelle-seance`).expect(200);
    expect(form.text).toContain(at(s.members, 0, 'member').user.id);
    const invalid = await post(`/comite/appels/${s.callId}/nouvelle-seance`, {
      title: 'Comité',
      scheduledAt: '2026-03-12T10:30',
      quorum: '5',
      members: [at(s.members, 0, 'member').user.id],
    });
    expectRefusedForm(invalid, { hrefs: ['members'], echoed: ['value="Comité"', 'value="2026-03-12T10:30"', 'value="5"'] });
    expect(decode(invalid.text)).toContain('La séance a un et un seul président.');
    expect(invalid.text).toContain('Erreur : ');
    const created = await post(`/comite/appels/${s.callId}/nouvelle-seance`, {
      title: 'Comité de programmation de mars',
      scheduledAt: '2026-03-12T10:30',
      location: 'Salle du conseil',
      quorum: '2',
      members: s.members.map((m) => m.user.id),
      chair: at(s.members, 0, 'member').user.id,
      [`institution-${at(s.members, 1, 'member').user.id}`]: 'DREETS Auvergne-Rhône-Alpes',
    }).expect(303);
    const sessionPath = first(header(created, 'Location').split('?'), 'path');
    const id = sessionPath.split('/').pop()!;
    const institutions = await ctx.owner.query(`SELECT user_id, institution FROM committee_member WHERE session_id = $1 AND institution IS NOT NULL`, [id]);
    expect(institutions).toEqual([{ user_id: at(s.members, 1, 'member').user.id, institution: 'DREETS Auvergne-Rhône-Alpes' }]); // printed in the minutes
    const [row] = await ctx.owner.query(`SELECT scheduled_at, quorum FROM committee_session WHERE id = $1`, [id]);
    expect(new Date(row.scheduled_at).toISOString()).toBe('2026-03-12T09:30:00.000Z');

    await post(`${sessionPath}/ordre-du-jour`, {}).expect(303);
    const refused = await post(`${sessionPath}/ouvrir`, {});
    expectRefusedForm(refused);
    expect(decode(refused.text)).toContain('Quorum non atteint pour ouvrir la séance : 0 membre(s)');
    for (const m of s.members.slice(0, 2)) await post(`${sessionPath}/presences/${m.user.id}`, { present: 'true' }).expect(303);
    await post(`${sessionPath}/ouvrir`, {}).expect(303);

    const page = await get(sessionPath).expect(200);
    const html = decode(page.text);
    expect(html).toContain('Ligne de financement');
    expect(html).toContain('enveloppe épuisée au rang 3');
    expect(html).toContain('0,00\u202f€ programmés sur 300\u202f000,00\u202f€');
    expect(html).toMatch(/<progress class="essaim-gauge" max="10000" value="0"/);
    expect(page.text).not.toMatch(/<script(?![^>]*src=)[^>]*>/);

    // A refused form names its fields in the summary and keeps the member chosen in its own dossier's form only.
    const deporting = at(s.members, 2, 'member').user.id;
    const noReason = await post(`${sessionPath}/dossiers/${s.dossiers.C.id}/deports`, { userId: deporting, reason: '' });
    expectRefusedForm(noReason, { hrefs: [`deport-motif-${s.dossiers.C.id}`] });
    expect(decode(noReason.text)).toContain('Le déport est incomplet.');
    const deportSelect = new RegExp(`<select[^>]*id="deport-membre-${s.dossiers.C.id}"[\\s\\S]*?</select>`).exec(noReason.text)?.[0] ?? '';
    expect(deportSelect).toContain(`value="${deporting}" selected`);
    // The message about the recusal's reason is not also shown under the decision's reason (same field name).
    expect(noReason.text).toMatch(new RegExp(`id="deport-motif-${s.dossiers.C.id}"[^>]*aria-invalid="true"`));
    expect(noReason.text).not.toMatch(new RegExp(`id="decision-motif-${s.dossiers.C.id}"[^>]*aria-invalid="true"`));
    await post(`${sessionPath}/dossiers/${s.dossiers.C.id}/deports`, { userId: deporting, reason: 'Trésorier de la structure' }).expect(303);
    expect(await ctx.owner.query(`SELECT user_id, kind, reason FROM committee_recusal WHERE session_id = $1`, [id])).toEqual([
      { user_id: at(s.members, 2, 'member').user.id, kind: 'DECLARED', reason: 'Trésorier de la structure' },
    ]);

    // Decision forms carry the session's version (If-Match of the page): read it from the page as a browser would.
    const version = async () => group(/name="version" value="(\d+)"/.exec((await ctx.t.http().get(sessionPath).set('Cookie', cookie).expect(200)).text));
    const bad = await post(`${sessionPath}/dossiers/${s.dossiers.A.id}/decision`, {
      outcome: 'FAVORABLE',
      euros: '200 000',
      conditions: 'Conditions gardées',
      version: await version(),
    });
    expectRefusedForm(bad, { hrefs: [`decision-montant-${s.dossiers.A.id}`], echoed: ['value="200 000"', 'Conditions gardées</textarea>'] });
    expect(bad.text).toMatch(new RegExp(`id="decision-FAVORABLE-${s.dossiers.A.id}"[^>]*checked`));
    expect(decode(bad.text)).toContain('Le comité peut réduire le montant FSE+ retenu, jamais l’augmenter.');
    const noOutcome = await post(`${sessionPath}/dossiers/${s.dossiers.A.id}/decision`, { outcome: '', reason: 'Motif gardé', version: await version() });
    expectRefusedForm(noOutcome, { hrefs: [`decision-choix-${s.dossiers.A.id}`], echoed: ['Motif gardé</textarea>'] });
    const ok = await post(`${sessionPath}/dossiers/${s.dossiers.B.id}/decision`, {
      outcome: 'DEFAVORABLE',
      euros: '',
      conditions: '',
      reasonCode: 'BUDGET',
      reason: 'Priorité donnée à A',
      requests: '',
      version: await version(),
    }).expect(303);
    expect(ok.headers.location).toBe(`${sessionPath}?statut=decision#dossier-${s.dossiers.B.id}`);
    await post(`${sessionPath}/dossiers/${s.dossiers.A.id}/decision`, {
      outcome: 'FAVORABLE',
      euros: '140 000,00',
      reasonCode: '',
      version: await version(),
    }).expect(303);
    const after = decode((await get(`${sessionPath}?statut=decision`).expect(200)).text);
    expect(after).toContain('La décision est enregistrée.');
    expect(after).toContain('Liste de réserve : des crédits sont libérés');
    expect(after).toContain(`#dossier-${s.dossiers.C.id}`);
    const decisions = await ctx.owner.query(`SELECT application_id, outcome, eu_cents FROM committee_decision WHERE session_id = $1 ORDER BY decided_at`, [id]);
    expect(decisions).toEqual([
      { application_id: s.dossiers.B.id, outcome: 'DEFAVORABLE', eu_cents: null },
      { application_id: s.dossiers.A.id, outcome: 'FAVORABLE', eu_cents: String(1400 * M) },
    ]);

    // A member sees the session page without the manager's controls.
    const memberPage = decode(
      (
        await ctx.t
          .http()
          .get(sessionPath)
          .set('Cookie', at(s.members, 1, 'member').session.cookie)
          .set('Accept', 'text/html')
          .expect(200)
      ).text,
    );
    expect(memberPage).not.toContain('Clore la séance');
    expect(memberPage).not.toContain('Enregistrer la décision');
  });

  it('says the minutes are being produced only while they are, then links them, or says why they failed', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: [{ key: 'A', euCents: 1000 * M, scores: { C1: 5, C2: 5 } }] });
    const id = await openSession(ctx.t, s);
    await postDecision(ctx.t, ctx.owner, id, s.dossiers.A.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    const page = async (path = `/comite/seances/${id}`) =>
      decode((await ctx.t.http().get(path).set('Cookie', s.manager.session.cookie).set('Accept', 'text/html').expect(200)).text);
    expect(await page()).not.toContain('id="proces-verbal"');

    const closed = await ctx.t
      .http()
      .post(`/comite/seances/${id}/clore`)
      .set('Cookie', s.manager.session.cookie)
      .type('form')
      .send({ _csrf: s.manager.session.csrfToken })
      .expect(303);
    expect(closed.headers.location).toBe(`/comite/seances/${id}?statut=close`);
    // No worker in this test: the minutes stay PENDING until the rows below say otherwise.
    const [minutes] = await ctx.owner.query(`SELECT id, status FROM document WHERE subject_id = $1 AND kind = 'COMMITTEE_MINUTES'`, [id]);
    expect(minutes.status).toBe('PENDING');
    const pending = await page(`/comite/seances/${id}?statut=close`);
    expect(pending).toContain('La séance est close.');
    expect(pending).not.toContain('Le procès-verbal sera produit');
    expect(pending).toMatch(/id="proces-verbal"[^>]*data-live-status="\/documents\/seances\/[0-9a-f-]{36}\/etat" data-live-kind="minutes"/);
    expect(pending).toContain('id="proces-verbal-en-cours"');
    expect(pending).toContain('Le procès-verbal est en cours de production');
    expect(pending).toContain('<p class="fr-sr-only" id="proces-verbal-etat" aria-live="polite" data-live-message></p>');
    expect(pending).toContain('<script src="/static/live-status.js" defer></script>');

    // Ready: the link, no pending alert, nothing left to poll (even on the address that said the session was just closed).
    await ctx.owner.query(
      `UPDATE document SET status = 'READY', storage_key = 'documents/' || id || '.pdf', size_bytes = 2048, sha256 = repeat('a', 64), ready_at = now() WHERE id = $1`,
      [minutes.id],
    );
    const ready = await page(`/comite/seances/${id}?statut=close`);
    expect(ready).not.toContain('proces-verbal-en-cours');
    expect(ready).not.toContain('en cours de production');
    expect(ready).not.toContain('data-live-status');
    expect(ready).not.toContain('live-status.js');
    expect(ready).toContain(`<a class="fr-link fr-link--download" href="/documents/${minutes.id}/telecharger" download>Télécharger le procès-verbal`);
    expect(ready).toContain('PDF – 2\u202fKo');
    const status = await ctx.t.http().get(`/documents/seances/${id}/etat`).set('Cookie', s.manager.session.cookie).expect(200);
    expect(status.body).toMatchObject({ final: true, items: [{ id: minutes.id, status: 'READY', href: `/documents/${minutes.id}/telecharger` }] });

    // Failed: said so, with the reason, and no link nor pending alert.
    await ctx.owner.query(`UPDATE document SET status = 'FAILED', failure_reason = 'Police de caractères introuvable' WHERE id = $1`, [minutes.id]);
    const failed = await page();
    expect(failed).toContain('id="proces-verbal-echec"');
    expect(failed).toContain('La production du procès-verbal a échoué : Police de caractères introuvable.');
    expect(failed).not.toContain('en cours de production');
    expect(failed).not.toContain(`/documents/${minutes.id}/telecharger`);
    const failedStatus = await ctx.t.http().get(`/documents/seances/${id}/etat`).set('Cookie', s.manager.session.cookie).expect(200);
    expect(failedStatus.body.items[0]).toMatchObject({ status: 'FAILED', failureReason: 'Police de caractères introuvable' });
  });

  it('lists only the sessions a member sits on', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: [] });
    await createSession(ctx.t, s, 1, [at(s.members, 0, 'member')]);
    const mine = await ctx.t
      .http()
      .get('/comite')
      .set('Cookie', at(s.members, 0, 'member').session.cookie)
      .expect(200);
    expect(mine.text).toContain('Comité de programmation de mars');
    const other = await ctx.t
      .http()
      .get('/comite')
      .set('Cookie', at(s.members, 1, 'member').session.cookie)
      .expect(200);
    expect(other.text).not.toContain('Comité de programmation de mars');
    expect(other.text).toContain('Aucune séance ne vous concerne');
  });
});
