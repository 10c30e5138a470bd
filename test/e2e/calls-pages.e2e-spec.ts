import { parseParisDateTime, toParisInputValue } from '../../src/modules/calls/domain/paris-time';
import { createUser, login, type Session } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { group, header } from '../support/checked';

const DAY = 86_400_000;
const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The form as a person fills it: euros, percentages, Paris times, one code a line. */
const formBody = (overrides: Record<string, string | string[]> = {}) => ({
  reference: 'AAP-P6-WEB-01',
  title: 'Essaimage en territoires ruraux',
  description: 'Premier paragraphe.\n\nSecond paragraphe.',
  programmeCci: '2021FR05SFPR001',
  priority: '6',
  specificObjective: 'ESO4.8',
  interventionFieldCode: '138',
  fund: 'ESF_PLUS',
  maxRateBp: '95',
  envelopeCents: '2 500 000,00',
  minEuCents: '10 000',
  maxEuCents: '300 000,50',
  opensAt: toParisInputValue(new Date(Date.now() - DAY)),
  closesAt: '2029-03-31T12:00',
  minDurationMonths: '12',
  maxDurationMonths: '24',
  eligibilityStart: '2026-01-01',
  eligibilityEnd: '2029-12-31',
  costOptions: ['INDIRECT_15_STAFF', 'OTHER_COSTS_40_STAFF'],
  costOptionRate_INDIRECT_15_STAFF: '12,5',
  costOptionRate_INDIRECT_7_DIRECT: '7',
  costOptionRate_OTHER_COSTS_40_STAFF: '40',
  requiredDocumentTypes: 'statuts\nRIB\n\nBUDGET_PREVISIONNEL',
  targetPublics: 'JEUNES_NEET',
  allowedOperationTypes: 'ESSAIMAGE',
  participantsExpected: 'true',
  funderType: 'STATE',
  signatureDeadlineDays: '45',
  reallocationToleranceBp: '12,5',
  indicatorCodesPosted: '1',
  indicatorCodes: ['EECO02', 'EECR04'],
  evaluationGrid: 'C1 | Réponse à un besoin social | 3 | 0-5 | 2 | éliminatoire\nC2 | Essaimage | 2 | 0-5',
  evaluationGridOverallThreshold: '12',
  ...overrides,
});

describe('calls pages (e2e)', () => {
  const ctx = useTestApp();
  let manager: Session;

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'], displayName: 'Camille Gestion' }));
  });

  const post = (path: string, body: Record<string, unknown>, session = manager) =>
    ctx.t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrfToken, ...body });
  const page = (path: string, session?: Session) => {
    const req = ctx.t.http().get(path).set('Accept', 'text/html');
    return session ? req.set('Cookie', session.cookie) : req;
  };

  async function createThroughForm(overrides: Record<string, string | string[]> = {}): Promise<string> {
    const res = await post('/gestion/appels/nouveau', formBody(overrides)).expect(303);
    const id = /^\/gestion\/appels\/([0-9a-f-]{36})\/modifier\?statut=cree$/.exec(header(res, 'Location'))?.[1];
    expect(id).toBeDefined();
    return id!;
  }

  it('creates a draft from the form: euros to cents, % to basis points, Paris time to an instant, codes one a line', async () => {
    const id = await createThroughForm();
    const call = (await ctx.t.http().get(`/api/v1/calls/${id}`).set('Authorization', `Bearer ${manager.token}`).expect(200)).body;
    expect(call).toMatchObject({
      status: 'DRAFT',
      envelopeCents: 250_000_000,
      minEuCents: 1_000_000,
      maxEuCents: 30_000_050,
      maxRateBp: 9500,
      closesAt: parseParisDateTime('2029-03-31T12:00')!.toISOString(),
      costOptions: [
        { option: 'INDIRECT_15_STAFF', rateBp: 1250 },
        { option: 'OTHER_COSTS_40_STAFF', rateBp: 4000 },
      ],
      requiredDocumentTypes: ['STATUTS', 'RIB', 'BUDGET_PREVISIONNEL'],
      signatureDeadlineDays: 45,
      reallocationToleranceBp: 1250,
      indicatorCodes: ['EECO02', 'EECR04'],
      participantsExpected: true,
      draftsBeforeOpening: false,
      evaluationGrid: {
        criteria: [
          { code: 'C1', label: 'Réponse à un besoin social', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 2, eliminatory: true },
          { code: 'C2', label: 'Essaimage', weight: 2, scaleMin: 0, scaleMax: 5 },
        ],
        overallThreshold: 12,
      },
    });
    expect(call.closesAt).toBe('2029-03-31T10:00:00.000Z');

    const edit = await page(`/gestion/appels/${id}/modifier?statut=cree`, manager).expect(200);
    expect(edit.text).toContain('Brouillon créé');
    expect(edit.text).toContain('value="2029-03-31T12:00"');
    expect(edit.text).toContain('name="version" value="1"');
    expect(edit.text).toMatch(/id="costOptionRate_INDIRECT_15_STAFF"[^>]*value="12,5"/s);
  });

  it('shows each error next to its field, keeps what was typed, and stores nothing', async () => {
    const res = await post(
      '/gestion/appels/nouveau',
      formBody({
        envelopeCents: 'beaucoup',
        maxRateBp: '96',
        closesAt: '2026-03-29T02:30',
        costOptions: 'INDIRECT_7_DIRECT',
        costOptionRate_INDIRECT_7_DIRECT: '8',
        title: '',
      }),
    );
    expectRefusedForm(res, { hrefs: ['envelopeCents', 'closesAt', 'title'], echoed: ['value="beaucoup"', 'value="2026-03-29T02:30"'] });
    const html = decode(res.text);
    expect(html).toContain('<title>Erreur : Nouvel appel à projets');
    expect(html).toMatch(/id="envelopeCents-message-error">Montant illisible/);
    expect(html).toMatch(/id="closesAt-message-error">Date de clôture invalide/);
    expect(html).toMatch(/id="title-message-error">Le titre compte au moins 3 caractères/);
    expect(html).toContain('value="beaucoup"');
    // Rules checked by the domain come back from the service with the same paths.
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM call`);
    expect(count).toBe(0);

    const rules = await post('/gestion/appels/nouveau', formBody({ maxRateBp: '96', costOptions: 'INDIRECT_7_DIRECT', costOptionRate_INDIRECT_7_DIRECT: '8' }));
    expectRefusedForm(rules, { hrefs: ['maxRateBp', 'costOptionRate_INDIRECT_7_DIRECT'], echoed: ['value="96"'] });
    const rulesHtml = decode(rules.text);
    expect(rulesHtml).toMatch(/id="maxRateBp-message-error">Le taux de cofinancement ne peut pas dépasser 95/);
    expect(rulesHtml).toMatch(/id="costOptionRate_INDIRECT_7_DIRECT-message-error">Le taux de l'option/);
    expect(rulesHtml).toContain('href="#maxRateBp"');
  });

  it('edits with the hidden version, refuses a stale form, and publishes after confirmation', async () => {
    const id = await createThroughForm();
    const saved = await post(`/gestion/appels/${id}/modifier`, { ...formBody({ title: 'Titre revu' }), version: '1' }).expect(303);
    expect(saved.headers.location).toBe(`/gestion/appels/${id}/modifier?statut=enregistre`);

    const stale = await post(`/gestion/appels/${id}/modifier`, { ...formBody({ title: 'Titre périmé' }), version: '1' });
    expectRefusedForm(stale, { echoed: ['value="Titre périmé"'] });
    expect(decode(stale.text)).toContain('Cet appel a été modifié entre-temps');
    expect(decode(stale.text)).toContain('value="Titre périmé"');

    const confirm = await page(`/gestion/appels/${id}/publier`, manager).expect(200);
    expect(decode(confirm.text)).toContain('Ses règles seront figées en version 1');
    expect(confirm.text).toContain('name="version" value="2"');
    const noToken = await ctx.t
      .http()
      .post(`/gestion/appels/${id}/publier`)
      .type('form')
      .set('Cookie', manager.cookie)
      .set('Accept', 'text/html')
      .send({ version: '2' });
    expect(noToken.status).toBe(403);
    const published = await post(`/gestion/appels/${id}/publier`, { version: '2' }).expect(303);
    expect(published.headers.location).toBe('/gestion/appels?statut=publie');
    const list = await page('/gestion/appels?statut=publie', manager).expect(200);
    expect(decode(list.text)).toContain("L'appel est publié");
    expect(list.text).toContain('Publié v1');

    // Editing the published call publishes version 2.
    const republished = await post(`/gestion/appels/${id}/modifier`, { ...formBody({ title: 'Titre v2' }), version: '3' }).expect(303);
    expect(republished.headers.location).toBe(`/gestion/appels/${id}/modifier?statut=republie`);
    const [{ versions }] = await ctx.owner.query(`SELECT count(*)::int AS versions FROM call_version WHERE call_id = $1`, [id]);
    expect(versions).toBe(2);
    // A rule the service refuses (the CSESS grid is frozen once published) comes back in the form, not as a full-page 409.
    const current = group(/name="version" value="(\d+)"/.exec((await page(`/gestion/appels/${id}/modifier`, manager).expect(200)).text));
    const frozenGrid = await post(`/gestion/appels/${id}/modifier`, {
      ...formBody({ title: 'Titre v3' }),
      csessGrid: 'A | A1 | Besoin | 3\nB | B1 | Effets | 4\nC | C1 | Risque | 2',
      version: current,
    });
    expectRefusedForm(frozenGrid, { echoed: ['value="Titre v3"'] });
    const [{ title }] = await ctx.owner.query(`SELECT title FROM call WHERE id = $1`, [id]);
    expect(title).toBe('Titre v2');
  });

  it('says on the publication page that a grid is missing, refuses to publish without one, and shows the frozen grid', async () => {
    const form = formBody();
    delete (form as Record<string, unknown>).evaluationGrid;
    delete (form as Record<string, unknown>).evaluationGridOverallThreshold;
    const res = await post('/gestion/appels/nouveau', form).expect(303);
    const id = group(/appels\/([0-9a-f-]{36})\//.exec(header(res, 'Location')));

    const edit = decode((await page(`/gestion/appels/${id}/modifier`, manager).expect(200)).text);
    expect(edit).not.toContain('name="evaluationGrid"');
    expect(edit).toContain(`href="/gestion/evaluation/appels/${id}/grille">Composer la grille d'évaluation`);
    const confirm = decode((await page(`/gestion/appels/${id}/publier`, manager).expect(200)).text);
    expect(confirm).toContain("Grille d'évaluation à compléter avant la publication");
    expect(confirm).not.toContain(">Publier l'appel</button>");
    const refusedPage = await post(`/gestion/appels/${id}/publier`, { version: '1' });
    expect(expectRefusedForm(refusedPage)).toEqual([]); // no field on this page: the messages are not links
    const refused = decode(refusedPage.text);
    expect(refused).toContain("Ajoutez la grille d'évaluation avant de publier");
    const [{ status }] = await ctx.owner.query(`SELECT status FROM call WHERE id = $1`, [id]);
    expect(status).toBe('DRAFT');

    // The structured editor, then publication; the frozen page lists the criteria read-only.
    const grid = {
      version: '1',
      code_0: 'C1',
      label_0: 'Besoin social',
      weight_0: '3',
      scaleMin_0: '0',
      scaleMax_0: '5',
      threshold_0: '2',
      divergenceGap: '2',
      evaluatorsPerDossier: '2',
    };
    // Without JavaScript: « Ajouter un critère » comes back with one more empty row, nothing saved.
    const two = { ...grid, code_1: 'C2', label_1: 'Acteurs', weight_1: '2', scaleMin_1: '0', scaleMax_1: '5', code_2: '', label_2: '' };
    const added = decode((await post(`/gestion/evaluation/appels/${id}/grille`, { ...two, action: 'ajouter' }).expect(200)).text);
    expect(added).toContain('name="code_3"');
    expect(added).toContain('Un critère vide a été ajouté');
    // « Monter » on the second row puts it first; a bad row is reported on that row's own field.
    const moved = decode((await post(`/gestion/evaluation/appels/${id}/grille`, { ...two, action: 'monter_1' }).expect(200)).text);
    expect(moved.indexOf('value="C2"')).toBeLessThan(moved.indexOf('value="C1"'));
    const removed = decode((await post(`/gestion/evaluation/appels/${id}/grille`, { ...two, action: 'supprimer_1' }).expect(200)).text);
    expect(removed).not.toContain('value="C2"');
    const badPage = await post(`/gestion/evaluation/appels/${id}/grille`, { ...two, weight_1: 'lourd', action: 'enregistrer' });
    expectRefusedForm(badPage, { hrefs: ['weight_1'], echoed: ['value="lourd"', 'value="Acteurs"'] });
    const [{ evaluation_grid: untouched }] = await ctx.owner.query(`SELECT evaluation_grid FROM call WHERE id = $1`, [id]);
    expect(untouched).toBeNull();
    await post(`/gestion/evaluation/appels/${id}/grille`, grid).expect(303);
    // Saving the call form again (no grid field) leaves the grid as it is.
    await post(`/gestion/appels/${id}/modifier`, { ...form, title: 'Titre revu', version: '2' }).expect(303);
    const [row] = await ctx.owner.query(`SELECT version, evaluation_grid FROM call WHERE id = $1`, [id]);
    expect(row.evaluation_grid.criteria).toHaveLength(1);
    await post(`/gestion/appels/${id}/publier`, { version: String(row.version) }).expect(303);
    const frozen = decode((await page(`/gestion/evaluation/appels/${id}/grille`, manager).expect(200)).text);
    expect(frozen).toContain('id="grille-figee"');
    expect(frozen).toMatch(/<th scope="row">Besoin social<\/th>/);
    expect(frozen).not.toContain('name="code_0"');
  });

  it('lists open calls publicly with the French closing date and the days left, and shows the rules', async () => {
    const id = await createThroughForm();
    await post(`/gestion/appels/${id}/publier`, { version: '1' }).expect(303);
    const draftId = await createThroughForm({ reference: 'AAP-P6-WEB-BROUILLON', title: 'Appel encore en brouillon' });

    const list = decode((await page('/appels').expect(200)).text);
    expect(list).toContain('Essaimage en territoires ruraux');
    expect(list).toContain('AAP-P6-WEB-01');
    expect(list).toContain('Clôture le 31 mars 2029 à 12h00');
    expect(list).toMatch(/J-\d+/);
    expect(list).toContain('2\u202f500\u202f000,00\u202f€');
    expect(list).not.toContain('Appel encore en brouillon');

    const detail = decode((await page(`/appels/${id}`).expect(200)).text);
    for (const text of [
      '95\u202f%',
      'de 10\u202f000,00\u202f€ à 300\u202f000,50\u202f€',
      '12,5\u202f%',
      'Statuts de la structure',
      'Jeunes ni en emploi',
      'du 1er janvier 2026 au 31 décembre 2029',
      'Réponse à un besoin social',
      'Second paragraphe.',
    ]) {
      expect(detail).toContain(text);
    }
    await page(`/appels/${draftId}`).expect(404);
  });

  it('keeps the management pages to programme managers', async () => {
    const anonymous = await page('/gestion/appels').expect(303);
    expect(anonymous.headers.location).toBe('/connexion?suite=%2Fgestion%2Fappels');
    const applicant = await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }));
    await page('/gestion/appels/nouveau', applicant).expect(403);
    await post('/gestion/appels/nouveau', formBody(), applicant).expect(403);
  });

  it('links the home page to the calls, by role', async () => {
    const applicant = await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }));
    expect((await page('/accueil', applicant).expect(200)).text).toContain('href="/appels"');
    expect((await page('/accueil', manager).expect(200)).text).toContain('href="/gestion/appels"');
  });
});
