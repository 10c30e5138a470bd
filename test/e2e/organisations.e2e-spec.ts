import { isValidSiret } from '../../src/modules/organisations/domain/siret';
import { createUser, login, Session, TestUser } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group, header } from '../support/checked';

// Luhn-valid SIRETs computed for these tests (SIREN key, then SIRET key), checked below with isValidSiret.
const SIRETS = ['51234567900017', '52345678800018', '53456789600012', '54567890600011'] as const;
const organisation = (siret: string, overrides: Record<string, unknown> = {}) => ({
  siret,
  legalName: 'Association Les Ruches Solidaires',
  legalForm: 'ASSOCIATION_1901',
  essStatus: true,
  vatRecovery: false,
  advanceCategory: 'OTHER',
  addressLine: '12 rue des Abeilles',
  postalCode: '69003',
  city: 'Lyon',
  departement: '69',
  ...overrides,
});

describe('organisations (e2e)', () => {
  const ctx = useTestApp();
  let owner: TestUser;
  let ownerS: Session;
  let other: Session;
  let staff: Session;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    owner = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Léa Porteuse' });
    ownerS = await login(ctx.t, owner);
    other = await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }));
    staff = await login(ctx.t, await createUser(ctx.owner, { roles: ['INSTRUCTOR'] }));
  });

  const as = (s: Session) => ({
    get: (url: string) => ctx.t.http().get(url).set('Authorization', `Bearer ${s.token}`),
    post: (url: string, body: object) => ctx.t.http().post(url).set('Authorization', `Bearer ${s.token}`).send(body),
    patch: (url: string, body: object, ifMatch?: string) => {
      const req = ctx.t.http().patch(url).set('Authorization', `Bearer ${s.token}`);
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
    },
  });
  const register = async (siret: string = SIRETS[0], overrides: Record<string, unknown> = {}) =>
    (await as(ownerS).post('/api/v1/organisations', organisation(siret, overrides)).expect(201)).body as { id: string; version: number };

  it('uses Luhn-valid test SIRETs', () => {
    expect(SIRETS.every(isValidSiret)).toBe(true);
  });

  it('registers an organisation with every field, makes the caller OWNER and audits it in the same transaction', async () => {
    const res = await as(ownerS).post('/api/v1/organisations', organisation(SIRETS[0])).expect(201);
    expect(res.body).toMatchObject({ ...organisation(SIRETS[0]), id: expect.any(String), version: 1, myRole: 'OWNER' });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/organisations/${res.body.id}`);

    const members = await ctx.owner.query(`SELECT user_id, member_role FROM organisation_member WHERE organisation_id = $1`, [res.body.id]);
    expect(members).toEqual([{ user_id: owner.id, member_role: 'OWNER' }]);
    const [audit] = await ctx.owner.query(`SELECT actor_user_id, after FROM audit_log WHERE action = 'organisation.registered' AND subject_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual({ actor_user_id: owner.id, after: { ...organisation(SIRETS[0]), ownerUserId: owner.id } });

    const mine = await as(ownerS).get('/api/v1/organisations').expect(200);
    expect(mine.body).toEqual({ items: [expect.objectContaining({ id: res.body.id, myRole: 'OWNER' })], nextCursor: null });
    const me = await as(ownerS).get('/api/v1/me').expect(200);
    expect(me.body.organisations).toEqual([{ id: res.body.id, legalName: 'Association Les Ruches Solidaires', siret: SIRETS[0], memberRole: 'OWNER' }]);
  });

  it('refuses an invalid SIRET with 400 and the path `siret`, with every other field error at once', async () => {
    const res = await as(ownerS)
      .post('/api/v1/organisations', organisation('51234567900018', { departement: '20', legalForm: 'SARL', postalCode: '6900' }))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'siret', code: 'INVALID_SIRET', message: 'La clé de contrôle du SIRET est invalide.' },
        { path: 'departement', code: 'INVALID_DEPARTEMENT', message: 'La Corse est divisée en deux départements : indiquez 2A ou 2B.' },
        expect.objectContaining({ path: 'legalForm', code: 'NOT_ALLOWED_VALUE' }),
        expect.objectContaining({ path: 'postalCode' }),
      ]),
    );
    const short = await as(ownerS).post('/api/v1/organisations', organisation('5123456790001')).expect(400);
    expect(short.body.errors).toEqual([{ path: 'siret', code: 'INVALID_SIRET', message: 'Le SIRET doit comporter 14 chiffres (13 saisis).' }]);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM organisation`);
    expect(count).toBe('0');
  });

  it('answers 409 SIRET_TAKEN with a French message when the SIRET is already registered', async () => {
    await register();
    const dup = await as(other)
      .post('/api/v1/organisations', organisation(SIRETS[0], { legalName: 'Autre nom' }))
      .expect(409);
    expect(dup.body).toMatchObject({
      code: 'SIRET_TAKEN',
      title: 'Structure déjà enregistrée',
      detail: `Une structure est déjà enregistrée avec le SIRET ${SIRETS[0]}. Demandez à l'un de ses responsables de vous inviter.`,
      errors: [{ path: 'siret', code: 'SIRET_TAKEN' }],
    });
    // The audit log outlives truncateAll: count the rows about the organisations of this test only.
    const [{ count }] = await ctx.owner.query(
      `SELECT count(*) FROM audit_log WHERE action = 'organisation.registered' AND subject_id IN (SELECT id::text FROM organisation)`,
    );
    expect(count).toBe('1');
    const [{ orgs }] = await ctx.owner.query(`SELECT count(*) AS orgs FROM organisation`);
    expect(orgs).toBe('1');
  });

  it('hides an organisation from applicants who do not belong to it (404) and lets staff read it, never write', async () => {
    const { id } = await register();
    for (const url of [`/api/v1/organisations/${id}`, `/api/v1/organisations/${id}/members`, `/api/v1/organisations/${id}/invitations`]) {
      const res = await as(other).get(url).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    await as(other).patch(`/api/v1/organisations/${id}`, { city: 'Villeurbanne' }, '"1"').expect(404);
    await as(other).get('/api/v1/organisations/not-a-uuid').expect(404);
    expect((await as(other).get('/api/v1/organisations').expect(200)).body.items).toEqual([]);

    const read = await as(staff).get(`/api/v1/organisations/${id}`).expect(200);
    expect(read.body).toMatchObject({ id, myRole: null });
    expect((await as(staff).get(`/api/v1/organisations/${id}/members`).expect(200)).body).toEqual([
      expect.objectContaining({ userId: owner.id, displayName: 'Léa Porteuse', memberRole: 'OWNER' }),
    ]);
    await as(staff).patch(`/api/v1/organisations/${id}`, { city: 'Villeurbanne' }, '"1"').expect(403);
    await as(staff).post('/api/v1/organisations', organisation(SIRETS[1])).expect(403);
  });

  it('updates with If-Match only: 428 without, 412 when stale, then a new ETag and an audit row with before/after', async () => {
    const { id } = await register();
    const url = `/api/v1/organisations/${id}`;
    const got = await as(ownerS).get(url).expect(200);
    expect(got.headers.etag).toBe('"1"');

    const missing = await as(ownerS).patch(url, { city: 'Villeurbanne' }).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await as(ownerS).patch(url, { city: 'Villeurbanne', postalCode: '69100' }, got.headers.etag).expect(200);
    expect(ok.body).toMatchObject({ city: 'Villeurbanne', postalCode: '69100', version: 2 });
    expect(ok.headers.etag).toBe('"2"');

    const stale = await as(ownerS).patch(url, { city: 'Bron' }, got.headers.etag).expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersion: 2 });
    await as(ownerS).patch(url, { city: 'Bron' }, 'W/"2"').expect(412);
    await as(ownerS).patch(url, { city: null }, '"2"').expect(400);
    await as(ownerS).patch(url, { siret: '51234567900018' }, '"2"').expect(400);

    const audit = await ctx.owner.query(`SELECT actor_user_id, before, after FROM audit_log WHERE action = 'organisation.updated' AND subject_id = $1`, [id]);
    expect(audit).toEqual([
      { actor_user_id: owner.id, before: { city: 'Lyon', postalCode: '69003', version: 1 }, after: { city: 'Villeurbanne', postalCode: '69100', version: 2 } },
    ]);
    expect((await as(ownerS).get(url).expect(200)).body.city).toBe('Villeurbanne');
  });

  it('refuses to move an organisation onto a SIRET already registered (409)', async () => {
    const a = await register(SIRETS[0]);
    await register(SIRETS[1], { legalName: 'SCIC Essaimons' });
    const res = await as(ownerS).patch(`/api/v1/organisations/${a.id}`, { siret: SIRETS[1] }, '"1"').expect(409);
    expect(res.body.code).toBe('SIRET_TAKEN');
  });

  it('lists my organisations by legal name with a keyset cursor', async () => {
    await register(SIRETS[0], { legalName: 'Charlie' });
    await register(SIRETS[1], { legalName: 'Alpha' });
    await register(SIRETS[2], { legalName: 'Bravo' });
    const first = await as(ownerS).get('/api/v1/organisations?limit=2').expect(200);
    expect(first.body.items.map((o: { legalName: string }) => o.legalName)).toEqual(['Alpha', 'Bravo']);
    const second = await as(ownerS).get(`/api/v1/organisations?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ legalName: 'Charlie' })], nextCursor: null });
    await as(ownerS).get('/api/v1/organisations?cursor=nope').expect(400);
    await as(ownerS).get('/api/v1/organisations?limit=101').expect(400);
  });

  describe('pages', () => {
    const form = (s: Session, url: string, body: Record<string, string>) =>
      ctx.t
        .http()
        .post(url)
        .type('form')
        .set('Cookie', s.cookie)
        .send({ _csrf: s.csrfToken, ...body });

    it('links "Mes structures" from the applicant home page and lists them', async () => {
      const home = await ctx.t.http().get('/accueil').set('Cookie', ownerS.cookie).expect(200);
      expect(home.text).toContain('href="/structures"');
      const empty = await ctx.t.http().get('/structures').set('Cookie', ownerS.cookie).expect(200);
      expect(empty.text).toContain('Enregistrer une structure');
      expect(empty.text).toContain("Aucune structure pour l'instant");
      await ctx.t.http().get('/structures').set('Cookie', staff.cookie).expect(403);
    });

    it('registers through the form: the SIRET error shows next to the field, then a valid one redirects to the page', async () => {
      const fields = { ...organisation('512 345 679 00018'), essStatus: 'true', vatRecovery: 'false', departement: '69' } as Record<string, string>;
      const bad = await form(ownerS, '/structures', fields).expect(422);
      expect(bad.text).toMatch(/id="siret-message-error">La clé de contrôle du SIRET est invalide\./);
      expect(bad.text).toMatch(/id="siret"[^>]*value="512 345 679 00018"/);
      expect(bad.text).toContain('aria-invalid="true"');

      const missingRadio = await form(ownerS, '/structures', { ...fields, siret: '512 345 679 00017', essStatus: '' }).expect(422);
      expect(missingRadio.text).toContain('Indiquez si la structure relève de l&#39;économie sociale et solidaire.');

      const ok = await form(ownerS, '/structures', { ...fields, siret: '512 345 679 00017', departement: '2a', postalCode: '20000' }).expect(303);
      const id = group(/^\/structures\/([0-9a-f-]{36})$/.exec(header(ok, 'Location')));
      const [row] = await ctx.owner.query(`SELECT siret, departement FROM organisation WHERE id = $1`, [id]);
      expect(row).toEqual({ siret: '51234567900017', departement: '2A' });

      const dup = await form(ownerS, '/structures', { ...fields, siret: '51234567900017' }).expect(422);
      expect(dup.text).toMatch(/id="siret-message-error">Une structure est déjà enregistrée avec le SIRET 51234567900017/);

      const page = await ctx.t.http().get(`/structures/${id}`).set('Cookie', ownerS.cookie).expect(200);
      expect(page.text).toContain('Association Les Ruches Solidaires');
      expect(page.text).toContain('Inviter une personne');
      await ctx.t.http().get(`/structures/${id}`).set('Cookie', other.cookie).set('Accept', 'text/html').expect(404);
      const staffPage = await ctx.t.http().get(`/structures/${id}`).set('Cookie', staff.cookie).expect(200);
      expect(staffPage.text).not.toContain('Inviter une personne');
    });

    it('edits through the form and says when someone else changed it first', async () => {
      const { id } = await register();
      const edit = await ctx.t.http().get(`/structures/${id}/modifier`).set('Cookie', ownerS.cookie).expect(200);
      expect(edit.text).toContain('name="version" value="1"');
      const fields = { ...organisation(SIRETS[0]), essStatus: 'true', vatRecovery: 'false' } as Record<string, string>;
      await form(ownerS, `/structures/${id}/modifier`, { ...fields, city: 'Vénissieux', version: '1' }).expect(303);
      const stale = await form(ownerS, `/structures/${id}/modifier`, { ...fields, city: 'Bron', version: '1' }).expect(422);
      expect(stale.text).toContain('La structure a été modifiée entre-temps');
      expect(stale.text).toContain('value="Vénissieux"');
      await ctx.t.http().get(`/structures/${id}/modifier`).set('Cookie', other.cookie).set('Accept', 'text/html').expect(404);
    });
  });
});
