import { DEFAULT_CSESS_GRID } from '../../src/modules/eligibility/domain/csess-grid';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { group, header } from '../support/checked';

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const callBody = (overrides: Record<string, unknown> = {}) => ({
  reference: `AAP-CSESS-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  title: 'Innovation sociale et inclusion active',
  envelopeCents: 500_000_000,
  opensAt: iso(-DAY),
  closesAt: iso(30 * DAY),
  costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }],
  evaluationGrid: { criteria: [{ code: 'C1', label: 'Besoin social', weight: 1, scaleMin: 0, scaleMax: 5 }] },
  ...overrides,
});

describe('CSESS grid on the call (e2e)', () => {
  const ctx = useTestApp();
  let manager: { Authorization: string };
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = { Authorization: `Bearer ${(await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }))).token}` };
  });
  const http = () => ctx.t.http();

  it('is stored on a draft, validated with field paths, frozen with the published version and locked afterwards', async () => {
    const bad = await http()
      .post('/api/v1/calls')
      .set(manager)
      .send(
        callBody({
          csessGrid: {
            categories: [
              { ...DEFAULT_CSESS_GRID.categories[0], criteria: [{ code: 'A1', label: 'Besoin', scaleMax: 0 }] },
              DEFAULT_CSESS_GRID.categories[1],
              DEFAULT_CSESS_GRID.categories[2],
            ],
          },
        }),
      )
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'csessGrid.categories[0].criteria[0].scaleMax', code: 'INVALID_SCALE' })]);
    const wrongOrder = await http()
      .post('/api/v1/calls')
      .set(manager)
      .send(callBody({ csessGrid: { categories: [...DEFAULT_CSESS_GRID.categories].reverse() } }))
      .expect(400);
    expect(wrongOrder.body.errors[0]).toMatchObject({ path: 'csessGrid.categories', code: 'CSESS_CATEGORIES' });

    const created = await http().post('/api/v1/calls').set(manager).send(callBody()).expect(201);
    expect(created.body.csessGrid).toBeNull();
    const grid = JSON.parse(JSON.stringify(DEFAULT_CSESS_GRID));
    grid.categories[2].criteria.push({ code: 'C4', label: 'Potentiel d’essaimage', scaleMax: 5 });
    const patched = await http()
      .patch(`/api/v1/calls/${created.body.id}`)
      .set(manager)
      .set('If-Match', header(created, 'ETag'))
      .send({ csessGrid: grid })
      .expect(200);
    expect(patched.body.csessGrid).toEqual(grid);

    const published = await http().post(`/api/v1/calls/${created.body.id}/publish`).set(manager).set('If-Match', header(patched, 'ETag')).expect(200);
    const [frozen] = await ctx.owner.query(`SELECT rules->'csess_grid' AS grid FROM call_version WHERE call_id = $1 AND version = 1`, [created.body.id]);
    expect(frozen.grid).toEqual(grid);

    const locked = await http()
      .patch(`/api/v1/calls/${created.body.id}`)
      .set(manager)
      .set('If-Match', header(published, 'ETag'))
      .send({ csessGrid: null })
      .expect(409);
    expect(locked.body.code).toBe('CSESS_GRID_LOCKED');
    // Other changes to a published call still go through, the grid untouched.
    const other = await http()
      .patch(`/api/v1/calls/${created.body.id}`)
      .set(manager)
      .set('If-Match', header(published, 'ETag'))
      .send({ title: 'Innovation sociale — version 2' })
      .expect(200);
    expect(other.body.csessGrid).toEqual(grid);
  });

  it('the management form offers the default template on a new call, reads the lines back and reports unreadable ones', async () => {
    const user = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] });
    const session = await login(ctx.t, user);
    const form = await http().get('/gestion/appels/nouveau').set('Cookie', session.cookie).expect(200);
    expect(form.text).toContain('A | A1 | Le besoin social visé est décrit et étayé | 3');

    const body = (csessGrid: string) => ({
      _csrf: session.csrfToken,
      reference: `AAP-CSESS-WEB-${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
      title: 'Appel avec grille CSESS',
      programmeCci: '2021FR05SFPR001',
      priority: '6',
      specificObjective: 'ESO4.8',
      interventionFieldCode: '138',
      fund: 'ESF_PLUS',
      maxRateBp: '95',
      envelopeCents: '1 000 000',
      minEuCents: '0',
      opensAt: '2026-01-05T09:00',
      closesAt: '2029-03-31T12:00',
      minDurationMonths: '1',
      maxDurationMonths: '36',
      eligibilityStart: '2021-01-01',
      eligibilityEnd: '2029-12-31',
      costOptions: 'INDIRECT_15_STAFF',
      costOptionRate_INDIRECT_15_STAFF: '15',
      funderType: 'STATE',
      csessGrid,
    });
    const post = (csessGrid: string) => http().post('/gestion/appels/nouveau').type('form').set('Cookie', session.cookie).send(body(csessGrid));
    const unreadable = await post('A | A1 | Besoin | 3\nB | B1 | Effets | beaucoup\nC | C1 | Risque | 2');
    expectRefusedForm(unreadable, { hrefs: ['csessGrid'], echoed: ['B | B1 | Effets | beaucoup'] });
    expect(unreadable.text).toContain('Ligne 2 illisible');
    const missingCategory = await post('A | A1 | Besoin | 3\nC | C1 | Risque | 2').expect(422);
    expect(missingCategory.text).toContain('Chaque catégorie compte de 1 à 12 critères.');
    const created = await post('A | A1 | Besoin documenté | 3\nB | B1 | Effets sur le territoire | 4\nc | c1 | Risque assumé | 2').expect(303);
    const id = group(/appels\/([0-9a-f-]{36})\//.exec(header(created, 'Location')));
    const call = (await http().get(`/api/v1/calls/${id}`).set(manager).expect(200)).body;
    expect(
      call.csessGrid.categories.map((c: { code: string; criteria: { code: string; scaleMax: number }[] }) => [
        c.code,
        c.criteria.map((k) => `${k.code}/${k.scaleMax}`),
      ]),
    ).toEqual([
      ['NEEDS_AND_ACTORS', ['A1/3']],
      ['OTHER_EFFECTS', ['B1/4']],
      ['EXPERIMENTATION_RISK', ['C1/2']],
    ]);
  });
});
