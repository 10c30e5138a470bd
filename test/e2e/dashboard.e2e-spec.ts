import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';

describe("managing authority's dashboard (e2e)", () => {
  const ctx = useTestApp();
  let ma: Awaited<ReturnType<typeof createStaff>>;
  let callA: { id: string; reference: string };
  let callB: { id: string; reference: string };

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    callA = await createOpenCall(ctx.owner);
    callB = await createOpenCall(ctx.owner);
    await ctx.owner.query(`UPDATE call SET title = '=Appel piégé' WHERE id = $1`, [callB.id]);
    const plan = { totalEligibleCents: 10_000_000, euCents: 9_500_000, otherResourcesCents: 500_000 };
    const a1 = await createProgrammedDossier(ctx.owner, { callId: callA.id, departement: '69', plan, decision: { outcome: 'FAVORABLE', euCents: 9_000_000 } });
    await ctx.owner.query(`UPDATE application SET target_publics = '["JEUNES_NEET","HABITANTS_QPV"]', operation_type = 'ESSAIMAGE' WHERE id = $1`, [a1.id]);
    await createProgrammedDossier(ctx.owner, { callId: callA.id, departement: '974', status: 'CONVENTION_ISSUED', plan });
    await createProgrammedDossier(ctx.owner, { callId: callB.id, departement: '35', plan, decision: { outcome: 'FAVORABLE', euCents: 9_500_000 } });
    // Never counted as funded: refused and in committee (but they are dossiers received).
    await createProgrammedDossier(ctx.owner, {
      callId: callA.id,
      departement: '69',
      status: 'REFUSED',
      plan,
      decision: { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY' },
    });
    await createProgrammedDossier(ctx.owner, { callId: callB.id, departement: '69', status: 'IN_COMMITTEE', plan });
  });

  it('API: indicators and figures for staff; 403 for an applicant', async () => {
    const res = await ctx.t.http().get('/api/v1/dashboard').set(ma.auth).expect(200);
    expect(res.body.kpis).toEqual({
      callsLaunched: 2,
      dossiersReceived: 5,
      projectsFunded: 3,
      euGrantedCents: 28_000_000,
      envelopeCents: 1_000_000_000,
      consumptionBp: 280,
      declaredCents: 0,
      verifiedCents: 0,
      paidCents: 0,
    });
    expect(res.body.figures.appels.rows.map((r: { reference: string; operations: number }) => [r.reference, r.operations]).sort()).toEqual(
      [
        [callA.reference, 2],
        [callB.reference, 1],
      ].sort(),
    );
    expect(res.body.figures.regions.rows.map((r: { name: string }) => r.name)).toEqual(['Auvergne-Rhône-Alpes', 'Bretagne', 'La Réunion']);
    expect(res.body.figures.publics.rows.map((r: { label: string }) => r.label)).toContain('Habitants des quartiers prioritaires de la politique de la ville');
    const applicant = await createApplicant(ctx.t, ctx.owner);
    await ctx.t.http().get('/api/v1/dashboard').set(applicant.auth).expect(403);
    await ctx.t.http().get('/api/v1/dashboard').expect(401);
  });

  it('filters by call and by period; bad filters are a 400 listing each field', async () => {
    const byCall = await ctx.t.http().get(`/api/v1/dashboard?callId=${callB.id}`).set(ma.auth).expect(200);
    expect(byCall.body.kpis).toMatchObject({ projectsFunded: 1, euGrantedCents: 9_500_000, dossiersReceived: 2, envelopeCents: 500_000_000 });
    // The factory's decisions are dated 2026-02-15: a period after it excludes them.
    const later = await ctx.t.http().get('/api/v1/dashboard?from=2026-03-01&to=2026-03-31').set(ma.auth).expect(200);
    expect(later.body.figures.consommation.rows.find((r: { month: string }) => r.month === '2026-02')).toBeUndefined();
    const feb = await ctx.t.http().get('/api/v1/dashboard/figures/consommation?from=2026-02-01&to=2026-02-28').set(ma.auth).expect(200);
    expect(feb.body.rows).toEqual([{ month: '2026-02', operations: 2, euCents: 18_500_000, cumulativeEuCents: 18_500_000, consumptionBp: 185 }]);
    const bad = await ctx.t.http().get('/api/v1/dashboard?from=2026-02-30&callId=x').set(ma.auth).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['from', 'callId']);
    await ctx.t.http().get('/api/v1/dashboard/figures/inconnue').set(ma.auth).expect(404);
  });

  it('page: every chart has its data table and a CSV link; CSV is formula-escaped', async () => {
    const page = await ctx.t.http().get('/tableau-de-bord').set('Cookie', ma.session.cookie).expect(200);
    // An unreadable period is refused in the form (422), each message linking to its field, the input kept.
    const badPeriod = await ctx.t.http().get('/tableau-de-bord?du=2026-02-30&au=hier').set('Cookie', ma.session.cookie);
    expectRefusedForm(badPeriod, { hrefs: ['du', 'au'], echoed: ['value="2026-02-30"'] });
    for (const tag of ['<line-chart', '<bar-chart', '<map-chart', '<pie-chart']) expect(page.text).toContain(tag);
    for (const id of ['consommation', 'appels', 'departements', 'regions', 'publics', 'types']) {
      expect(page.text).toContain(`id="table-${id}"`);
      expect(page.text).toContain(`href="/tableau-de-bord/export/${id}"`);
    }
    expect(page.text).toContain('<script type="module" src="/dsfr-chart/DSFRChart.js"></script>');
    const csv = await ctx.t.http().get('/tableau-de-bord/export/appels').set('Cookie', ma.session.cookie).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain("'=Appel piégé");
    expect(csv.text).toContain(';5000000,00;1;95000,00;1,90');
    const js = await ctx.t.http().get('/dsfr-chart/DSFRChart.js').expect(200);
    expect(js.headers['content-type']).toContain('javascript');
  });
});
