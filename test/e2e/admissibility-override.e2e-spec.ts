import { submittedDossier } from '../support/factories/admissibility.factory';
import { type Applicant, createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const hidden = (html: string, name: string): string => group(new RegExp(`name="${name}" value="([^"]*)"`).exec(html));
/** A SIRET whose SIREN key passes and whose 14-digit key fails: the ORGANISATION_LEGAL_PERSON check fails. */
const BAD_SIRET = '55203253400647';

/** Admissibility is never overridden silently (docs/domain/admissibility.md, issue 11 point 8). */
describe('admissibility override with written reasons (e2e)', () => {
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

  const etagOf = async (id: string) => (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
  const decide = (id: string, etag: string, body: Record<string, unknown>) =>
    ctx.t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(instructor.auth).set('If-Match', etag).send(body);
  const dropRib = (id: string) =>
    ctx.owner.query(
      `UPDATE application_submission SET snapshot = jsonb_set(snapshot, '{documents}', (SELECT jsonb_agg(d) FROM jsonb_array_elements(snapshot->'documents') d WHERE d->>'documentType' <> 'RIB'))
        WHERE application_id = $1`,
      [id],
    );

  it('refuses an admissible decision over failed checks without one reason each (problem+json, a path per missing reason), then stores, audits and shows the reasons', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId, BAD_SIRET);
    await dropRib(id);
    const etag = await etagOf(id);

    const none = await decide(id, etag, { outcome: 'ADMISSIBLE' }).expect(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('ADMISSIBILITY_OVERRIDE_UNJUSTIFIED');
    expect(none.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['overrides.REQUIRED_DOCUMENTS_PRESENT', 'REQUIRED'],
      ['overrides.ORGANISATION_LEGAL_PERSON', 'REQUIRED'],
    ]);
    expect(none.body.errors[0].message).toContain('Pièces obligatoires jointes');

    const one = await decide(id, etag, {
      outcome: 'ADMISSIBLE',
      overrides: [{ checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Avis de situation INSEE joint au courrier du 3 mars.' }],
    }).expect(422);
    expect(one.body.errors.map((e: { path: string }) => e.path)).toEqual(['overrides.REQUIRED_DOCUMENTS_PRESENT']);
    const [{ reviews }] = await ctx.owner.query(`SELECT count(*)::int AS reviews FROM admissibility_review WHERE application_id = $1`, [id]);
    expect(reviews).toBe(0);
    const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(status).toBe('SUBMITTED');

    // Another outcome never carries overrides.
    const wrong = await decide(id, etag, {
      outcome: 'INADMISSIBLE',
      reasons: ['Pièce manquante.'],
      overrides: [{ checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Motif sans objet ici.' }],
    }).expect(422);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['overrides']);

    const overrides = [
      { checkId: 'REQUIRED_DOCUMENTS_PRESENT', reason: 'RIB transmis par courrier recommandé le 2 mars.' },
      { checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Avis de situation INSEE joint au courrier du 3 mars.' },
    ];
    const ok = await decide(id, etag, { outcome: 'ADMISSIBLE', overrides }).expect(200);
    expect(ok.body.status).toBe('ADMISSIBLE');
    const [review] = await ctx.owner.query(`SELECT overrides FROM admissibility_review WHERE application_id = $1`, [id]);
    expect(review.overrides).toEqual(overrides);
    const [audit] = await ctx.owner.query(`SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'application.admissibility.decided'`, [id]);
    expect(audit.after).toMatchObject({ failedChecks: ['REQUIRED_DOCUMENTS_PRESENT', 'ORGANISATION_LEGAL_PERSON'], overrides });
    const [history] = await ctx.owner.query(`SELECT reason FROM application_status_history WHERE application_id = $1 AND to_status = 'ADMISSIBLE'`, [id]);
    expect(history.reason).toContain('malgré 2 contrôle(s)');
    const rounds = await ctx.t.http().get(`/api/v1/applications/${id}/admissibility`).set(instructor.auth).expect(200);
    expect(rounds.body.rounds[0].overrides).toEqual(overrides);

    const page = await ctx.t.http().get(`/instruction/dossiers/${id}/recevabilite`).set('Cookie', instructor.session.cookie).expect(200);
    expect(page.text).toContain('Recevable malgré 2 contrôle(s) non satisfait(s), motivé(s) par écrit');
    expect(page.text).toContain('Personne morale, SIRET valide : Avis de situation INSEE joint au courrier du 3 mars.');
  });

  it('asks for the reasons in the page form, keeps what was typed, and records the decision once each failed check is motivated', async () => {
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId, BAD_SIRET);
    const cookie = instructor.session.cookie;
    const page = await ctx.t.http().get(`/instruction/dossiers/${id}/recevabilite`).set('Cookie', cookie).expect(200);
    // Branches: each decision controls its panel; the script that hides the others is a static file (CSP).
    expect(page.text).toContain('aria-controls="branche-recevable"');
    expect(page.text).toContain('id="branche-incomplet" data-branch-panel');
    expect(page.text).toContain('src="/static/branch-fields.js"');
    expect(page.text).toContain('id="overrides-ORGANISATION_LEGAL_PERSON"');
    expect(page.text).not.toContain('id="overrides-REQUIRED_DOCUMENTS_PRESENT"');
    const form = {
      _csrf: instructor.session.csrfToken,
      version: hidden(page.text, 'version'),
      outcome: 'ADMISSIBLE',
      reasons: 'Texte tapé dans une autre branche.',
    };

    const missing = await ctx.t.http().post(`/instruction/dossiers/${id}/recevabilite`).set('Cookie', cookie).type('form').send(form).expect(422);
    expect(missing.text).toContain('href="#overrides-ORGANISATION_LEGAL_PERSON"');
    expect(missing.text).toContain('motivez par écrit la recevabilité malgré ce contrôle');

    await ctx.t
      .http()
      .post(`/instruction/dossiers/${id}/recevabilite`)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...form, 'overrides-ORGANISATION_LEGAL_PERSON': 'Établissement secondaire vérifié sur l’annuaire des entreprises.' })
      .expect(303);
    const [review] = await ctx.owner.query(`SELECT outcome, reasons, overrides FROM admissibility_review WHERE application_id = $1`, [id]);
    // What was typed in another branch is not part of the decision.
    expect(review).toEqual({
      outcome: 'ADMISSIBLE',
      reasons: [],
      overrides: [{ checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Établissement secondaire vérifié sur l’annuaire des entreprises.' }],
    });
  });
});
