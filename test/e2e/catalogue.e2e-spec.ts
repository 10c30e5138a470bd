import { addMember, createApplicant, createOpenCall, createOrganisation } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';

/** Exactly the fields the catalogue publishes (CPR art. 49(3) + the beneficiary's own choices): nothing else. */
const PUBLISHED_KEYS = [
  'beneficiary',
  'callId',
  'callReference',
  'callTitle',
  'code',
  'departement',
  'departementName',
  'endDate',
  'euAmountCents',
  'euRateBp',
  'fund',
  'interventionField',
  'interventionFieldLabel',
  'name',
  'operationType',
  'place',
  'plannedParticipants',
  'priority',
  'programmedOn',
  'publicContact',
  'purpose',
  'region',
  'regionName',
  'seeksPartners',
  'specificObjective',
  'specificObjectiveLabel',
  'startDate',
  'status',
  'statusLabel',
  'targetPublics',
  'totalCostCents',
  'actualParticipants',
  'postalCode',
  'country',
  'lastUpdate',
].sort();

describe('public catalogue of programmed operations (e2e)', () => {
  const ctx = useTestApp();
  let applicant: Awaited<ReturnType<typeof createApplicant>>;
  let call: { id: string; reference: string };
  // Filled in beforeAll, read by every test.
  const ids = {} as Record<'programmed' | 'committee' | 'refused' | 'withdrawn' | 'convention' | 'third', { id: string; number: string }>;

  const setProject = (id: string, p: { publics: string[]; type: string; participants: number; place: string }) =>
    ctx.owner.query(
      `UPDATE application SET target_publics = $2::jsonb, operation_type = $3, planned_participants = $4, place = $5, social_need = 'Isolement des jeunes' WHERE id = $1`,
      [id, JSON.stringify(p.publics), p.type, p.participants, p.place],
    );

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    call = await createOpenCall(ctx.owner);
    applicant = await createApplicant(ctx.t, ctx.owner, 'Léa Porteuse');
    await ctx.owner.query(`UPDATE organisation SET legal_name = 'Les Abeilles Solidaires' WHERE id = $1`, [applicant.organisation.id]);
    ids.programmed = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      organisationId: applicant.organisation.id,
      number: 'AAP-2026-000101',
      title: "Ruches partagées en pied d'immeuble",
      summary: 'Apiculture urbaine, réemploi et insertion de jeunes.',
      departement: '69',
      startDate: '2026-03-01',
      endDate: '2027-02-28',
      plan: { totalEligibleCents: 11_200_000, euCents: 10_640_000, otherResourcesCents: 560_000 },
      decision: { outcome: 'FAVORABLE', euCents: 10_000_000 },
    });
    await setProject(ids.programmed.id, { publics: ['JEUNES_NEET'], type: 'ESSAIMAGE', participants: 40, place: 'Lyon 8e' });
    ids.convention = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000102',
      status: 'CONVENTION_ISSUED',
      title: 'Garage solidaire',
      summary: 'Mobilité vers l’emploi.',
      departement: '13',
      startDate: '2025-09-01',
      plan: { totalEligibleCents: 20_000_000, euCents: 19_000_000, otherResourcesCents: 1_000_000 },
    });
    ids.third = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000103',
      title: 'Cantine coopérative',
      summary: 'Repas partagés de quartier.',
      departement: '35',
      plan: { totalEligibleCents: 5_000_000, euCents: 4_750_000, otherResourcesCents: 250_000 },
    });
    ids.refused = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000104',
      status: 'REFUSED',
      title: 'Ruches refusées',
      summary: 'Apiculture refusée.',
      departement: '69',
      plan: { totalEligibleCents: 5_000_000, euCents: 4_750_000, otherResourcesCents: 250_000 },
      decision: { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY' },
    });
    ids.committee = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000105',
      status: 'IN_COMMITTEE',
      title: 'Ruches en comité',
      summary: 'Apiculture en attente.',
      departement: '69',
      plan: { totalEligibleCents: 5_000_000, euCents: 4_750_000, otherResourcesCents: 250_000 },
    });
    ids.withdrawn = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000106',
      status: 'UNDER_INSTRUCTION',
      title: 'Ruches retirées',
      summary: 'Apiculture retirée.',
      departement: '69',
      plan: { totalEligibleCents: 5_000_000, euCents: 4_750_000, otherResourcesCents: 250_000 },
    });
    await ctx.owner.query(`UPDATE application SET status = 'WITHDRAWN' WHERE id = $1`, [ids.withdrawn.id]);
  });

  it('the beneficiary chooses a public contact and the search for partners (If-Match, members only)', async () => {
    const url = `/api/v1/applications/${ids.programmed.id}/publication`;
    const first = await ctx.t.http().get(url).set(applicant.auth).expect(200);
    expect(first.body).toMatchObject({ publicContact: null, seeksPartners: false, published: true, version: 0 });
    expect(first.headers.etag).toBe('"0"');
    const body = { publicContact: 'contact@abeilles.example', seeksPartners: true };
    await ctx.t.http().put(url).set(applicant.auth).send(body).expect(428);
    const saved = await ctx.t.http().put(url).set(applicant.auth).set('If-Match', '"0"').send(body).expect(200);
    expect(saved.body).toMatchObject({ ...body, version: 1 });
    await ctx.t.http().put(url).set(applicant.auth).set('If-Match', '"0"').send(body).expect(412);
    const bad = await ctx.t
      .http()
      .put(url)
      .set(applicant.auth)
      .set('If-Match', '"1"')
      .send({ publicContact: 'x'.repeat(301), seeksPartners: 'oui' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const stranger = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    const strangerAuth = { Authorization: `Bearer ${(await login(ctx.t, stranger)).token}` };
    await ctx.t.http().get(url).set(strangerAuth).expect(404);
    await ctx.t.http().put(url).set(strangerAuth).set('If-Match', '"1"').send(body).expect(404);
    const [audit] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.publication.updated' AND subject_id = $1`, [
      ids.programmed.id,
    ]);
    expect(audit.n).toBe(1);
  });

  it('publishes programmed operations only, with exactly the published fields', async () => {
    const res = await ctx.t.http().get('/api/v1/public/operations').expect(200);
    expect(res.headers['cache-control']).toContain('public');
    expect(res.body.items.map((o: { code: string }) => o.code)).toEqual(['AAP-2026-000103', 'AAP-2026-000102', 'AAP-2026-000101']);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(PUBLISHED_KEYS);
    const op = res.body.items.find((o: { code: string }) => o.code === 'AAP-2026-000101');
    expect(op).toEqual({
      code: 'AAP-2026-000101',
      name: "Ruches partagées en pied d'immeuble",
      beneficiary: 'Les Abeilles Solidaires',
      purpose: 'Apiculture urbaine, réemploi et insertion de jeunes.',
      plannedParticipants: 40,
      startDate: '2026-03-01',
      endDate: '2027-02-28',
      totalCostCents: 11_200_000,
      euAmountCents: 10_000_000,
      euRateBp: 8928,
      fund: 'FSE+',
      specificObjective: 'ESO4.8',
      specificObjectiveLabel: expect.stringContaining('inclusion active'),
      interventionField: '138',
      interventionFieldLabel: expect.stringContaining('économie sociale'),
      priority: 6,
      callId: call.id,
      callReference: call.reference,
      callTitle: 'Innovation sociale — appel de test',
      targetPublics: ['Jeunes ni en emploi, ni en études, ni en formation (NEET)'],
      operationType: 'Essaimage',
      departement: '69',
      departementName: 'Rhône',
      region: '84',
      regionName: 'Auvergne-Rhône-Alpes',
      place: 'Lyon 8e',
      status: 'PROGRAMMED',
      statusLabel: 'Programmé',
      programmedOn: '2026-02-15',
      publicContact: 'contact@abeilles.example',
      seeksPartners: true,
      // CPR art. 49(3): actual achievements, location indicator and country, date of last update.
      actualParticipants: 0,
      postalCode: expect.any(String),
      country: 'FR',
      lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // Nothing personal beyond the chosen contact: no SIRET, no user, no address, no social need text.
    const text = JSON.stringify(res.body);
    for (const secret of [applicant.organisation.siret, applicant.user.email, 'Léa Porteuse', '1 rue de la Paix', 'Isolement des jeunes'])
      expect(text).not.toContain(secret);
    for (const hidden of ['Ruches refusées', 'Ruches en comité', 'Ruches retirées']) expect(text).not.toContain(hidden);
  });

  it('searches in French with accents ignored, in the beneficiary name too, with filters', async () => {
    const codes = async (qs: string) => (await ctx.t.http().get(`/api/v1/public/operations?${qs}`).expect(200)).body.items.map((o: { code: string }) => o.code);
    expect(await codes('q=reemploi')).toEqual(['AAP-2026-000101']);
    expect(await codes(`q=${encodeURIComponent('RÉEMPLOI jeunes')}`)).toEqual(['AAP-2026-000101']);
    expect(await codes('q=ruche')).toEqual(['AAP-2026-000101']);
    expect(await codes('q=abeilles')).toEqual(['AAP-2026-000101']);
    expect(await codes('q=apiculture&departement=69')).toEqual(['AAP-2026-000101']);
    expect(await codes('q=apiculture&departement=13')).toEqual([]);
    expect(await codes('region=93')).toEqual(['AAP-2026-000102']);
    expect(await codes('targetPublic=JEUNES_NEET')).toEqual(['AAP-2026-000101']);
    expect(await codes('operationType=ESSAIMAGE')).toEqual(['AAP-2026-000101']);
    expect(await codes('year=2025')).toEqual(['AAP-2026-000102']);
    expect(await codes('minEuCents=5000000&maxEuCents=10000000')).toEqual(['AAP-2026-000101']);
    expect(await codes('status=CONVENTION_ISSUED')).toEqual(['AAP-2026-000102']);
    expect(await codes('sort=amount')).toEqual(['AAP-2026-000102', 'AAP-2026-000101', 'AAP-2026-000103']);
    expect(await codes('sort=title')).toEqual(['AAP-2026-000103', 'AAP-2026-000102', 'AAP-2026-000101']);
  });

  it('answers 400 with every bad parameter, and never lets a refused status through', async () => {
    const res = await ctx.t.http().get('/api/v1/public/operations?status=REFUSED&departement=99&limit=500').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['departement', 'limit', 'status']);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('pages with a keyset cursor, without overlap, in every sort', async () => {
    for (const sort of ['recent', 'title', 'amount']) {
      const first = await ctx.t.http().get(`/api/v1/public/operations?sort=${sort}&limit=2`).expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await ctx.t.http().get(`/api/v1/public/operations?sort=${sort}&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.nextCursor).toBeNull();
      const all = [...first.body.items, ...second.body.items].map((o: { code: string }) => o.code);
      expect(new Set(all).size).toBe(3);
    }
  });

  it('shows one project by its code; an unpublished one is a 404', async () => {
    const op = await ctx.t.http().get('/api/v1/public/operations/AAP-2026-000102').expect(200);
    expect(op.body.statusLabel).toBe('Convention émise');
    for (const code of [ids.refused.number, ids.committee.number, ids.withdrawn.number, 'nimporte']) {
      await ctx.t.http().get(`/api/v1/public/operations/${code}`).expect(404);
    }
  });

  it('pages: search by keyword and département, the map table, and a page per project, cacheable without a session', async () => {
    const list = await ctx.t.http().get('/projets?q=ruches&departement=69').expect(200);
    expect(list.headers['cache-control']).toContain('public');
    expect(list.headers['set-cookie']).toBeUndefined();
    expect(list.text).toContain('Ruches partagées en pied d&#39;immeuble');
    expect(list.text).not.toContain('Ruches refusées');
    expect(list.text).toContain('1 projet correspondant à la recherche');
    expect(list.text).toMatch(/Rhône \(69\)<\/a><\/th><td>1<\/td><td>100\s000,00/u);
    expect(list.text).toContain('<title>Rhône (69) : 1 projet</title>');

    const bad = await ctx.t.http().get('/projets?min=abc&departement=99');
    expectRefusedForm(bad, { hrefs: ['min', 'departement'], echoed: ['value="abc"'], signedIn: false });
    expect(bad.text).toContain('Montant invalide');
    expect(bad.text).toContain('Département inconnu');

    const page = await ctx.t.http().get('/projets/AAP-2026-000101').expect(200);
    expect(page.text).toContain('mailto:contact@abeilles.example');
    expect(page.text).toContain('Cherche des partenaires pour essaimer');
    expect(page.text).toContain('89,28');
    await ctx.t.http().get(`/projets/${ids.refused.number}`).expect(404);

    // A signed-in visitor sees their name in the header: the page is then private.
    const signedIn = await ctx.t.http().get('/projets').set('Cookie', applicant.session.cookie).expect(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
  });

  it('the beneficiary sets its choices from the dossier page (form with CSRF)', async () => {
    const org = await createOrganisation(ctx.owner);
    await addMember(ctx.owner, org.id, applicant.user.id);
    const d = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      organisationId: org.id,
      number: 'AAP-2026-000107',
      plan: { totalEligibleCents: 1_000_000, euCents: 950_000, otherResourcesCents: 50_000 },
    });
    const form = await ctx.t.http().get(`/dossiers/${d.id}/publication`).set('Cookie', applicant.session.cookie).expect(200);
    expect(form.text).toContain('Ce projet est programmé');
    const post = await ctx.t
      .http()
      .post(`/dossiers/${d.id}/publication`)
      .set('Cookie', applicant.session.cookie)
      .type('form')
      .send({ _csrf: applicant.session.csrfToken, version: '0', publicContact: 'https://exemple.org/contact', seeksPartners: 'true' })
      .expect(303);
    expect(post.headers.location).toBe(`/dossiers/${d.id}/publication?enregistre=1`);
    // Saving again with the version the page was drawn at: refused in the form, the contact typed kept.
    const stale = await ctx.t
      .http()
      .post(`/dossiers/${d.id}/publication`)
      .set('Cookie', applicant.session.cookie)
      .type('form')
      .send({ _csrf: applicant.session.csrfToken, version: '0', publicContact: 'contact@exemple.org', seeksPartners: 'true' });
    expectRefusedForm(stale, { echoed: ['value="contact@exemple.org"'] });
    const op = await ctx.t.http().get('/api/v1/public/operations/AAP-2026-000107').expect(200);
    expect(op.body).toMatchObject({ publicContact: 'https://exemple.org/contact', seeksPartners: true });
  });
});
