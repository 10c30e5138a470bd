import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Applicant, completeDraft, createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import type { TestApp } from '../support/test-app';
import { truncateAll, useTestApp } from '../support/test-app';
import { COMPLETE_REPORT_SECTIONS } from '../support/factories/evaluation.factory';
import { expectRefusedForm } from '../support/form-errors';
import { header } from '../support/checked';

/** A submitted dossier declared ADMISSIBLE through the admissibility API by an instructor. */
async function admissibleDossier(t: TestApp, owner: DataSource, a: Applicant, callId: string): Promise<string> {
  const { id } = await createDraft(t, a, callId);
  await completeDraft(t, a, id);
  await t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(200);
  const staff = await createStaff(t, owner, 'INSTRUCTOR');
  const etag = header(await t.http().get(`/api/v1/applications/${id}`).set(staff.auth).expect(200), 'ETag');
  await t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(staff.auth).set('If-Match', etag).send({ outcome: 'ADMISSIBLE' }).expect(200);
  return id;
}

describe('eligibility and instruction report pages (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let instructor: Awaited<ReturnType<typeof createStaff>>;
  let id: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const callId = (await createOpenCall(ctx.owner)).id;
    await ctx.owner.query(`UPDATE call SET allowed_operation_types = '["EXPERIMENTATION"]' WHERE id = $1`, [callId]);
    await ctx.owner.query(`UPDATE call_version v SET rules = to_jsonb(c.*) FROM call c WHERE c.id = v.call_id AND c.id = $1`, [callId]);
    id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
  });
  const get = (path: string) => ctx.t.http().get(path).set('Cookie', instructor.session.cookie).set('Accept', 'text/html');
  const post = (path: string, form: Record<string, string>) =>
    ctx.t
      .http()
      .post(path)
      .set('Cookie', instructor.session.cookie)
      .type('form')
      .send({ _csrf: instructor.session.csrfToken, ...form });
  const version = async () => String((await ctx.owner.query(`SELECT version FROM eligibility_report WHERE application_id = $1`, [id]))[0].version);

  it('runs the engine, shows each rule with its badge and reference, takes a reasoned decision, confirms and scores the CSESS grid', async () => {
    const base = `/instruction/dossiers/${id}/eligibilite`;
    const before = await get(base).expect(200);
    expect(before.text).toContain("L'éligibilité n'a pas encore été examinée");
    expect(before.text).toContain('id="section-title">Éligibilité du dossier AAP-');
    // The shared header of the instructor's dossier pages: one h1, the tabs with this one current.
    expect(before.text.match(/<h1/g)).toHaveLength(1);
    expect(before.text).toMatch(/href="\/instruction\/dossiers\/[0-9a-f-]{36}\/eligibilite" aria-current="page"/);

    const run = await post(`${base}/evaluer`, {}).expect(303);
    expect(run.headers.location).toBe(`${base}?ok=evalue`);
    const page = await get(`${base}?ok=evalue`).expect(200);
    expect(page.text).toContain('Toutes les règles ont été évaluées.');
    for (const ruleId of ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'])
      expect(page.text).toContain(`id="regle-${ruleId}"`);
    expect(page.text).toContain('Loi n° 2014-856 du 31 juillet 2014, art. 15, I');
    expect(page.text).toContain('fr-badge--success">Satisfaite');

    // Refused forms come back in the page (422): summary focused, links to the real fields, input kept (docs/ui.md).
    const noReason = await post(`${base}/regles/ART15_I`, { version: await version(), passed: 'false', reason: 'court' });
    expectRefusedForm(noReason, { hrefs: ['reason-ART15_I'], echoed: ['>court</textarea>'] });
    expect(noReason.text).toContain('Le motif écrit est obligatoire');
    expect(noReason.text).toMatch(/id="passed-ART15_I-false" name="passed" value="false" checked/);
    await post(`${base}/regles/ART15_I`, { version: await version(), passed: 'false', reason: 'Besoin déjà couvert par le PLIE local.' }).expect(303);
    // A stale version is said in the page, which takes the focus, and the verdict is not confirmed.
    const stale = await post(`${base}/confirmer`, { version: '1' });
    expectRefusedForm(stale);
    expect(stale.text).toContain('modifié entre-temps');
    await post(`${base}/confirmer`, { version: await version() }).expect(303);
    const confirmed = await get(base).expect(200);
    expect(confirmed.text).toContain('fr-badge--error">Inéligible');
    expect(confirmed.text).toContain('Besoin déjà couvert par le PLIE local.');

    const bad = await post(`${base}/csess`, { version: await version(), 'score-A1': '7', 'comment-A1': 'Note gardée' });
    expectRefusedForm(bad, { hrefs: ['score-A1'], echoed: ['value="Note gardée"'] });
    await post(`${base}/csess`, { version: await version(), 'score-A1': '3', 'comment-A1': 'Diagnostic partagé.', 'score-B2': '2', 'score-C1': '' }).expect(
      303,
    );
    const scored = await get(base).expect(200);
    expect(scored.text).toContain('Besoins sociaux et implication des acteurs — sous-total 3 / 9');
    expect(scored.text).toContain('Total : <strong>5 / 27</strong>');
    expect(scored.text).toContain('fr-badge--error">Inéligible');

    // The report page then refuses a favorable opinion for this ineligible dossier.
    const report = await get(`/instruction/dossiers/${id}/rapport`).expect(200);
    expect(report.text).toContain('id="section-title">Rapport d\'instruction du dossier AAP-');
    expect(report.text.match(/<h1/g)).toHaveLength(1);
    const fav = await post(`/instruction/dossiers/${id}/rapport`, { version: '0', opinion: 'FAVORABLE', motivation: 'Projet pertinent malgré tout.' });
    expectRefusedForm(fav, { hrefs: ['opinion'], echoed: ['Projet pertinent malgré tout.</textarea>'] });
    expect(fav.text).toContain('seul un avis défavorable est possible');
  });

  it('writes a report with a reduced plan from the page, shows applicant vs proposed amounts, and submits it', async () => {
    const api = `/api/v1/applications/${id}`;
    const ev = await ctx.t.http().post(`${api}/eligibility/evaluate`).set(instructor.auth).expect(200);
    await ctx.t.http().post(`${api}/eligibility/confirm`).set(instructor.auth).set('If-Match', header(ev, 'ETag')).expect(200);
    const base = `/instruction/dossiers/${id}/rapport`;
    const page = await get(base).expect(200);
    expect(page.text).toContain('id="line-0-amount"');
    expect(page.text).toContain('80\u202f000,00\u202f€');

    const form = {
      version: '0',
      opinion: 'FAVORABLE',
      motivation: 'Projet pertinent ; coordination à ajuster.',
      reducePlan: 'true',
      'lines[0][amount]': '70 000,33',
      'lines[1][amount]': '20 000',
      'resources[0][type]': 'ESF_PLUS',
      'resources[0][amount]': '95 475,35',
      'resources[1][type]': 'SELF',
      'resources[1][amount]': '5 025,02',
      reductionReason: 'Temps de coordination surestimé.',
      ...Object.fromEntries(Object.entries(COMPLETE_REPORT_SECTIONS).map(([k, v]) => [`section-${k}`, v])),
    };
    const bad = await post(base, { ...form, 'lines[0][amount]': '90 000' });
    expectRefusedForm(bad, { hrefs: ['line-0-amount'], echoed: ['value="90 000"', 'Temps de coordination surestimé.</textarea>'] });
    expect(bad.text).toContain('dépasse celui du porteur');
    const unreadable = await post(base, { ...form, 'lines[0][amount]': 'beaucoup', 'resources[1][amount]': 'peu' });
    expectRefusedForm(unreadable, { hrefs: ['line-0-amount', 'resource-1-amount'], echoed: ['value="beaucoup"', 'value="peu"'] });
    // A stale version keeps what was typed, and says why nothing was saved.
    const stale = await post(base, { ...form, version: '7', motivation: 'Saisie à conserver.' });
    expectRefusedForm(stale, { echoed: ['Saisie à conserver.</textarea>'] });
    expect(stale.text).toContain('modifié entre-temps');
    await post(base, form).expect(303);
    const saved = await get(`${base}?ok=enregistre`).expect(200);
    expect(saved.text).toContain('95\u202f475,35\u202f€');
    expect(saved.text).toContain('Version 2');
    // Validation carries the report's version from the page (If-Match semantics): without it, refused in the page.
    expect((await post(`${base}/valider`, {})).status).toBe(422);
    const version = /action="[^"]*\/rapport\/valider"[\s\S]*?name="version" value="(\d+)"/.exec(saved.text)?.[1];
    expect(version).toBeDefined();
    await post(`${base}/valider`, { version: version! }).expect(303);
    const [app] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(app.status).toBe('INSTRUCTED');
  });

  it('an evaluator or applicant is refused both pages', async () => {
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    for (const cookie of [evaluator.session.cookie, a.session.cookie]) {
      await ctx.t.http().get(`/instruction/dossiers/${id}/eligibilite`).set('Cookie', cookie).set('Accept', 'text/html').expect(403);
      await ctx.t.http().get(`/instruction/dossiers/${id}/rapport`).set('Cookie', cookie).set('Accept', 'text/html').expect(403);
    }
    await get(`/instruction/dossiers/${randomUUID()}/eligibilite`).expect(404);
  });
});
