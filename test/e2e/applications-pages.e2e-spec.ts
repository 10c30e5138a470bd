import { randomUUID } from 'node:crypto';
import { type Applicant, createApplicant, createOpenCall, pdfBytes } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const csrfIn = (html: string, formId?: string): string => {
  const scope = formId ? html.slice(html.indexOf(`id="${formId}"`)) : html;
  return group(/name="_csrf" value="([^"]+)"/.exec(scope));
};
const hidden = (html: string, name: string): string => group(new RegExp(`name="${name}" value="([^"]*)"`).exec(html));

describe('application pages (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let callId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    callId = (await createOpenCall(ctx.owner)).id;
  });

  const get = (path: string) => ctx.t.http().get(path).set('Cookie', a.session.cookie).set('Accept', 'text/html');
  const post = (path: string, form: Record<string, string>) => ctx.t.http().post(path).set('Cookie', a.session.cookie).type('form').send(form);

  it('walks an applicant from the home page to a submitted dossier, in French, with forms only', async () => {
    const home = await get('/accueil').expect(200);
    expect(home.text).toContain('href="/dossiers"');
    const list = await get('/dossiers').expect(200);
    expect(list.text).toContain(`/appels/${callId}/deposer`);

    const form = await get(`/appels/${callId}/deposer`).expect(200);
    expect(form.text).toContain(a.organisation.legalName);
    const created = await post(`/appels/${callId}/deposer`, { _csrf: csrfIn(form.text), organisationId: a.organisation.id, title: 'Ruches partagées' }).expect(
      303,
    );
    const base = created.headers.location as string;
    expect(base).toMatch(/^\/dossiers\/[0-9a-f-]{36}$/);
    const id = base.split('/').pop()!;

    const projet = await get(`${base}/projet`).expect(200);
    const version = () => ctx.owner.query(`SELECT version FROM application WHERE id = $1`, [id]).then((r) => String(r[0].version));
    await post(`${base}/projet`, {
      _csrf: csrfIn(projet.text, 'form-projet'),
      version: hidden(projet.text, 'version'),
      title: 'Ruches partagées',
      summary: 'Des ruchers collectifs.',
      socialNeed: 'Isolement des jeunes.',
      targetPublics: 'JEUNES_NEET',
      startDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      endDate: new Date(Date.now() + 500 * 86_400_000).toISOString().slice(0, 10),
      place: 'Lyon 8e',
      departement: '69',
      withParticipants: 'true',
      plannedParticipants: '40',
      operationType: 'EXPERIMENTATION',
      existingProject: 'false',
    }).expect(303);

    const a15 = await get(`${base}/article-15`).expect(200);
    await post(`${base}/article-15`, {
      _csrf: a.session.csrfToken,
      version: await version(),
      i1_answer: 'true',
      i1_justification: 'Besoin non couvert.',
      i2_answer: 'false',
      i2_justification: 'Rien de nouveau.',
      ii_answer: 'true',
      ii_justification: 'Pas de marché.',
    }).expect(303);
    expect(a15.text).toContain('I 1°');

    const planPage = await get(`${base}/plan-de-financement`).expect(200);
    expect(planPage.text).toContain('<script src="/static/financing-plan.js" defer></script>');
    expect(planPage.text).toContain('data-plan-rules=');
    const invalid = await post(`${base}/plan-de-financement`, {
      _csrf: a.session.csrfToken,
      version: await version(),
      costOption: 'INDIRECT_15_STAFF',
      'lines[0][category]': 'STAFF',
      'lines[0][amount]': 'douze',
    }).expect(422);
    expect(invalid.text).toContain('Montant invalide');
    expect(invalid.text).toContain('value="douze"');
    await post(`${base}/plan-de-financement`, {
      _csrf: a.session.csrfToken,
      version: await version(),
      costOption: 'INDIRECT_15_STAFF',
      'lines[0][category]': 'STAFF',
      'lines[0][label]': 'Animatrice',
      'lines[0][amount]': '80 000,00',
      'lines[1][category]': 'PARTICIPANTS',
      'lines[1][amount]': '20000',
      'lines[2][category]': '',
      'lines[2][amount]': '',
      'resources[0][type]': 'ESF_PLUS',
      'resources[0][amount]': '106 400',
      'resources[1][type]': 'SELF',
      'resources[1][amount]': '5 600,00 €',
    }).expect(303);
    const saved = await get(`${base}/plan-de-financement?enregistre=1`).expect(200);
    expect(saved.text).toContain('112\u202f000,00\u202f€');
    expect(saved.text).not.toContain('id="plan-violations"');

    for (const type of ['STATUTS', 'RIB']) {
      await ctx.t
        .http()
        .post(`${base}/pieces`)
        .set('Cookie', a.session.cookie)
        .field('_csrf', a.session.csrfToken)
        .field('documentType', type)
        .attach('file', pdfBytes(type), `${type}.pdf`)
        .expect(303);
    }

    // Indicator targets, required at submission, through their page (EECO01 with its breakdown by sex).
    const targetsForm = {
      _csrf: a.session.csrfToken,
      EECO01_total: '40',
      EECO01_women: '22',
      EECO01_men: '17',
      EECO01_nonBinary: '1',
      EECO02_total: '10',
      EECO05_total: '5',
      EECO12_total: '2',
      EECR01_total: '8',
      EECR04_total: '12',
    };
    const mismatch = await post(`${base}/cibles`, { ...targetsForm, EECO01_men: '18' }).expect(422);
    expect(mismatch.text).toContain('doivent égaler le total');
    const targets = await post(`${base}/cibles`, targetsForm).expect(303);
    expect(targets.headers.location).toBe(`${base}/cibles?enregistre=1`);

    // The State aid regime, required at submission (docs/domain/state-aid.md): « no State aid », justified.
    const aidPage = await get(`${base}/aides-d-etat`).expect(200);
    const aidVersion = group(
      /name="version" value="(\d+)"/.exec(aidPage.text.slice(aidPage.text.indexOf('id="form-aides-d-etat"'))),
      1,
      'State aid form version',
    );
    const aid = await post(`${base}/aides-d-etat`, {
      _csrf: a.session.csrfToken,
      version: aidVersion,
      regime: 'NONE',
      justification: 'Activité non économique.',
    });
    expect(aid.status).toBe(303);
    expect(aid.headers.location).toBe(`${base}/aides-d-etat?enregistre=1`);

    const stale = await post(`${base}/projet`, { _csrf: a.session.csrfToken, version: '1', title: 'Autre titre' }).expect(422);
    expect(stale.text).toContain('Le dossier a été modifié entre-temps');

    const submitPage = await get(`${base}/deposer`).expect(200);
    expect(submitPage.text).toContain('Déposer le dossier');
    const key = hidden(submitPage.text, 'idempotencyKey');
    const body = { _csrf: csrfIn(submitPage.text, 'form-depot'), idempotencyKey: key, version: hidden(submitPage.text, 'version'), attestation: 'true' };
    // A double click: the same hidden key twice, at once. One submission, both answered with the dossier page.
    const [first, second] = await Promise.all([post(`${base}/deposer`, body), post(`${base}/deposer`, body)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM application_status_history WHERE application_id = $1 AND to_status = 'SUBMITTED'`, [id]);
    expect(count).toBe('1');

    const overview = await get(`${base}?depose=1`).expect(200);
    const [{ number }] = await ctx.owner.query(`SELECT number FROM application WHERE id = $1`, [id]);
    expect(number).toMatch(/^AAP-\d{4}-\d{6}$/);
    expect(overview.text).toContain(`id="dossier-number">${number}<`);
    expect(overview.text).toContain('Votre dossier a été déposé');
    const mine = await get('/dossiers').expect(200);
    expect(mine.text).toContain(number);
    expect(mine.text).toContain('Déposé');
  });

  it('shows every missing item on the submission page and refuses an incomplete dossier', async () => {
    const form = await get(`/appels/${callId}/deposer`).expect(200);
    const created = await post(`/appels/${callId}/deposer`, { _csrf: csrfIn(form.text), organisationId: a.organisation.id }).expect(303);
    const base = created.headers.location as string;
    const page = await get(`${base}/deposer`).expect(200);
    expect(page.text).not.toContain('id="form-depot"');
    expect(page.text).toContain('Pièce manquante : Relevé d&#39;identité bancaire (RIB).');
    expect(page.text).toContain('Aides d&#39;État : déclarez le régime applicable');
    const refused = await post(`${base}/deposer`, { _csrf: a.session.csrfToken, idempotencyKey: randomUUID(), attestation: 'true' }).expect(422);
    expect(refused.text).toContain('Le dossier n&#39;a pas été déposé');
  });
});
