import { addMember, createOpenCall, createOrganisation, createStaff } from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

type Item = {
  id: string;
  number: string;
  title: string;
  organisationName: string;
  status: string;
  euRequestedCents: number;
  labels: string[];
  instructor: { id: string } | null;
};
type Staff = Awaited<ReturnType<typeof createStaff>>;

describe('instructor list: GET /api/v1/calls/:id/applications (e2e)', () => {
  const ctx = useTestApp();
  let instructor: Staff;
  let other: Staff;
  let callA: { id: string };
  let callC: { id: string };
  // Filled in beforeAll, read by every test.
  const d = {} as Record<'one' | 'two' | 'three' | 'four', { id: string; number: string }>;
  const t0 = Date.parse('2026-03-02T09:00:00Z');

  const get = (path: string, who: { auth: Record<string, string> } = instructor) => ctx.t.http().get(path).set(who.auth);
  const list = async (callId: string, qs = ''): Promise<Item[]> => (await get(`/api/v1/calls/${callId}/applications?limit=100${qs}`).expect(200)).body.items;

  beforeAll(async () => {
    const db = ctx.owner;
    await truncateAll(db);
    instructor = await createStaff(ctx.t, db, 'INSTRUCTOR');
    other = await createStaff(ctx.t, db, 'INSTRUCTOR');
    const creator = await createUser(db, { roles: ['APPLICANT'] });
    const alpha = await createOrganisation(db, { legalName: 'Alpha Insertion' });
    const beta = await createOrganisation(db, { legalName: 'Beta Solidaire' });
    const gamma = await createOrganisation(db, { legalName: 'Gamma Coopérative' });
    await addMember(db, alpha.id, creator.id);
    callA = await createOpenCall(db);
    const callB = await createOpenCall(db);
    callC = await createOpenCall(db);
    const at = (min: number) => new Date(t0 + min * 60_000);
    d.one = await insertSubmittedDossier(db, callA, alpha, creator.id, {
      title: 'Jardins partagés',
      departement: '69',
      euRequestedCents: 6_000_000,
      submittedAt: at(1),
      labels: ['urgent'],
      instructorId: instructor.user.id,
    });
    d.two = await insertSubmittedDossier(db, callA, beta, creator.id, {
      title: 'Tiers-lieu numérique',
      departement: '75',
      euRequestedCents: 8_000_000,
      submittedAt: at(2),
      labels: ['urgent', 'visite'],
      status: 'ADMISSIBLE',
      instructorId: other.user.id,
    });
    d.three = await insertSubmittedDossier(db, callA, gamma, creator.id, {
      title: 'Ruches partagées',
      departement: '2A',
      euRequestedCents: 10_000_000,
      submittedAt: at(3),
    });
    d.four = await insertSubmittedDossier(db, callA, alpha, creator.id, {
      title: 'Épicerie 100 % solidaire',
      departement: '974',
      euRequestedCents: 12_000_000,
      submittedAt: at(4),
      status: 'UNDER_INSTRUCTION',
      labels: ['visite'],
    });
    await insertSubmittedDossier(db, callB, alpha, creator.id, { title: 'Autre appel' });
    // A draft of the same call: staff never see it.
    await db.query(`INSERT INTO application (call_id, call_version, organisation_id, created_by, title) VALUES ($1, 1, $2, $3, 'Brouillon caché')`, [
      callA.id,
      alpha.id,
      creator.id,
    ]);
    await db.query(
      `INSERT INTO eligibility_report (application_id, rule_set_version, facts, results, evaluated_by, verdict, confirmed_by, confirmed_at)
                    VALUES ($1, 'v1', '{}', '[]', $2, 'ELIGIBLE', $2, now())`,
      [d.two.id, instructor.user.id],
    );
    // Equal sort keys everywhere: same instant, same amount, same organisation, for the keyset walk.
    for (let i = 0; i < 25; i++)
      await insertSubmittedDossier(db, callC, beta, creator.id, { title: `Série ${i}`, euRequestedCents: 7_000_000, submittedAt: at(10) });
  });

  it('lists the submitted dossiers of the call only, with what an instructor needs', async () => {
    const items = await list(callA.id);
    expect(items.map((i) => i.number)).toEqual([d.one.number, d.two.number, d.three.number, d.four.number]);
    const two = (await get(`/api/v1/calls/${callA.id}/applications?q=${d.two.number}`).expect(200)).body.items[0];
    expect(two).toEqual({
      id: d.two.id,
      number: d.two.number,
      title: 'Tiers-lieu numérique',
      organisationName: 'Beta Solidaire',
      departement: '75',
      status: 'ADMISSIBLE',
      statusLabel: 'Recevable',
      euRequestedCents: 8_000_000,
      totalEligibleCents: 8_421_053,
      euRetainedCents: null,
      totalEligibleRetainedCents: null,
      instructor: { id: other.user.id, displayName: 'Utilisatrice Test' },
      labels: ['urgent', 'visite'],
      submittedAt: '2026-03-02T09:02:00.000Z',
      eligibilityVerdict: 'ELIGIBLE',
      version: 1,
    });
  });

  it('filters by status (several), département, EU range, instructor, unassigned, labels (all) and text', async () => {
    const numbers = async (qs: string) => (await list(callA.id, qs)).map((i) => i.number);
    expect(await numbers('&status=ADMISSIBLE&status=UNDER_INSTRUCTION')).toEqual([d.two.number, d.four.number]);
    expect(await numbers('&status=SUBMITTED,ADMISSIBLE')).toEqual([d.one.number, d.two.number, d.three.number]);
    expect(await numbers('&departement=2a')).toEqual([d.three.number]);
    expect(await numbers('&euMinCents=8000000&euMaxCents=10000000')).toEqual([d.two.number, d.three.number]);
    expect(await numbers('&euMaxCents=5999999')).toEqual([]);
    expect(await numbers(`&instructorId=${instructor.user.id}`)).toEqual([d.one.number]);
    expect(await numbers('&unassigned=true')).toEqual([d.three.number, d.four.number]);
    expect(await numbers('&label=urgent')).toEqual([d.one.number, d.two.number]);
    expect(await numbers('&label=urgent&label=visite')).toEqual([d.two.number]);
    expect(await numbers('&q=ruches')).toEqual([d.three.number]);
    expect(await numbers('&q=gamma')).toEqual([d.three.number]);
    expect(await numbers(`&q=${d.four.number.slice(-6)}`)).toEqual([d.four.number]);
    expect(await numbers('&q=100%20%25')).toEqual([d.four.number]);
    expect(await numbers('&q=_')).toEqual([]);
  });

  it('sorts by number, amount (both ways), organisation and submission (both ways)', async () => {
    const numbers = async (sort: string) => (await list(callA.id, `&sort=${sort}`)).map((i) => i.number);
    expect(await numbers('-submittedAt')).toEqual([d.four.number, d.three.number, d.two.number, d.one.number]);
    expect(await numbers('number')).toEqual([d.one.number, d.two.number, d.three.number, d.four.number]);
    expect(await numbers('-euRequested')).toEqual([d.four.number, d.three.number, d.two.number, d.one.number]);
    expect(await numbers('euRequested')).toEqual([d.one.number, d.two.number, d.three.number, d.four.number]);
    const byOrg = await list(callA.id, '&sort=organisation');
    expect(byOrg.map((i) => i.organisationName)).toEqual(['Alpha Insertion', 'Alpha Insertion', 'Beta Solidaire', 'Gamma Coopérative']);
  });

  it.each(['submittedAt', '-submittedAt', 'number', 'euRequested', '-euRequested', 'organisation'])(
    'walks every page by cursor with equal sort keys, no duplicate and no gap (sort %s)',
    async (sort) => {
      const all = (await list(callC.id, `&sort=${sort}`)).map((i) => i.id);
      expect(all).toHaveLength(25);
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: Item[]; nextCursor: string | null } } = await get(
          `/api/v1/calls/${callC.id}/applications?limit=7&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(7);
        walked.push(...res.body.items.map((i: Item) => i.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(walked).toEqual(all);
      expect(new Set(walked).size).toBe(25);
    },
  );

  it('answers 400 problem+json with field paths on bad filters, 404 on an unknown call', async () => {
    const bad = await get(`/api/v1/calls/${callA.id}/applications?status=DRAFT&departement=99&euMinCents=abc&limit=500&sort=title&zzz=1`).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['departement', 'euMinCents', 'limit', 'sort', 'status[0]', 'zzz']);
    const first = await get(`/api/v1/calls/${callC.id}/applications?limit=5&sort=number`).expect(200);
    const wrongSort = await get(`/api/v1/calls/${callC.id}/applications?limit=5&cursor=${first.body.nextCursor}`).expect(400);
    expect(wrongSort.body.errors).toEqual([expect.objectContaining({ path: 'cursor', code: 'INVALID_CURSOR' })]);
    await get(`/api/v1/calls/${callC.id}/applications?cursor=${Buffer.from('["number","x","y"]').toString('base64url')}`).expect(400);
    await get(`/api/v1/calls/00000000-0000-4000-8000-000000000000/applications`).expect(404);
    await get(`/api/v1/calls/not-a-uuid/applications`).expect(400);
  });

  it('is for instruction staff only: evaluators, applicants and the managing authority are refused', async () => {
    for (const role of ['PROGRAMME_MANAGER', 'ADMINISTRATOR'] as const)
      await get(`/api/v1/calls/${callA.id}/applications`, await createStaff(ctx.t, ctx.owner, role)).expect(200);
    for (const role of ['EVALUATOR', 'MANAGING_AUTHORITY'] as const) {
      const res = await get(`/api/v1/calls/${callA.id}/applications`, await createStaff(ctx.t, ctx.owner, role)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const applicant = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    const session = await login(ctx.t, applicant);
    await get(`/api/v1/calls/${callA.id}/applications`, { auth: { Authorization: `Bearer ${session.token}` } }).expect(403);
    await ctx.t.http().get(`/api/v1/calls/${callA.id}/applications`).expect(401);
  });
});
