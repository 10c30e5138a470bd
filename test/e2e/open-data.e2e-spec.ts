import { parseString } from '@fast-csv/parse';
import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { delimiter: ',' })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

const DAY = 86_400_000;

describe('open data and calendar of calls (e2e)', () => {
  const ctx = useTestApp();
  let applicant: Awaited<ReturnType<typeof createApplicant>>;
  let call: { id: string; reference: string };

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    call = await createOpenCall(ctx.owner);
    applicant = await createApplicant(ctx.t, ctx.owner);
    await ctx.owner.query(`UPDATE organisation SET legal_name = '=Abeilles "Solidaires"' WHERE id = $1`, [applicant.organisation.id]);
    const programmed = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      organisationId: applicant.organisation.id,
      number: 'AAP-2026-000201',
      title: 'Ruches, partagées',
      summary: 'Apiculture ; réemploi\net insertion.',
      plan: { totalEligibleCents: 11_200_001, euCents: 10_640_000, otherResourcesCents: 560_001 },
    });
    await ctx.owner.query(`UPDATE application SET target_publics = '["JEUNES_NEET","HABITANTS_QPV"]', operation_type = 'ESSAIMAGE' WHERE id = $1`, [
      programmed.id,
    ]);
    await ctx.owner.query(
      `INSERT INTO application_publication (application_id, public_contact, seeks_partners, updated_by) VALUES ($1, 'contact@abeilles.example', true, $2)`,
      [programmed.id, applicant.user.id],
    );
    for (const [n, status] of [
      ['AAP-2026-000202', 'REFUSED'],
      ['AAP-2026-000203', 'IN_COMMITTEE'],
    ] as const) {
      await createProgrammedDossier(ctx.owner, {
        callId: call.id,
        number: n,
        status,
        title: `Caché ${status}`,
        plan: { totalEligibleCents: 100, euCents: 95, otherResourcesCents: 5 },
      });
    }
    const w = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000204',
      status: 'UNDER_INSTRUCTION',
      title: 'Caché WITHDRAWN',
      plan: { totalEligibleCents: 100, euCents: 95, otherResourcesCents: 5 },
    });
    await ctx.owner.query(`UPDATE application SET status = 'WITHDRAWN' WHERE id = $1`, [w.id]);
  });

  it('CSV: UTF-8, stable columns from the schema, programmed operations only, formula-escaped text', async () => {
    const [csv, schema] = await Promise.all([ctx.t.http().get('/donnees/operations.csv').expect(200), ctx.t.http().get('/donnees/schema.json').expect(200)]);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toContain('public');
    expect(csv.headers['last-modified']).toBeDefined();
    const rows = await parseCsv(csv.text);
    const names = schema.body.fields.map((f: { name: string }) => f.name);
    expect(rows[0]).toEqual(names);
    expect(rows).toHaveLength(2);
    const record = Object.fromEntries(names.map((n: string, i: number) => [n, at(rows, 1, 'row')[i]]));
    expect(record).toMatchObject({
      code_operation: 'AAP-2026-000201',
      nom_operation: 'Ruches, partagées',
      beneficiaire: `'=Abeilles "Solidaires"`,
      objet: 'Apiculture ; réemploi\net insertion.',
      cout_total_eur: '112000.01',
      montant_ue_eur: '106400.00',
      taux_cofinancement_ue: '94.99',
      fonds: 'FSE+',
      publics_cibles: 'Jeunes ni en emploi, ni en études, ni en formation (NEET) | Habitants des quartiers prioritaires de la politique de la ville',
      type_operation: 'Essaimage',
      code_departement: '69',
      region: 'Auvergne-Rhône-Alpes',
      statut: 'Programmé',
      contact_public: 'contact@abeilles.example',
      recherche_partenaires: 'true',
    });
    // CPR art. 49(3): location indicator and country, actual achievements, date of last update.
    expect(record).toMatchObject({ pays: 'FR', participants_accompagnes: '0' });
    expect(record.date_mise_a_jour).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(names).toEqual(expect.arrayContaining(['code_postal', 'pays', 'date_mise_a_jour', 'participants_prevus', 'participants_accompagnes', 'date_fin']));
    expect(csv.text).not.toContain('Caché');
    expect(csv.text).not.toContain(applicant.organisation.siret);
    expect(csv.text).not.toContain(applicant.user.email);
  });

  it('JSON: same column names, licence, date of last update', async () => {
    const res = await ctx.t.http().get('/donnees/operations.json').expect(200);
    const body = JSON.parse(res.text);
    expect(body.licence.name).toBe('etalab-2.0');
    expect(body.schema).toBe('/donnees/schema.json');
    expect(Date.parse(body.dateMiseAJour)).not.toBeNaN();
    expect(body.operations).toHaveLength(1);
    const schema = (await ctx.t.http().get('/donnees/schema.json').expect(200)).body;
    expect(Object.keys(body.operations[0])).toEqual(schema.fields.map((f: { name: string }) => f.name));
    expect(body.operations[0]).toMatchObject({
      code_operation: 'AAP-2026-000201',
      montant_ue_eur: 106400,
      taux_cofinancement_ue: 94.99,
      recherche_partenaires: true,
      beneficiaire: '=Abeilles "Solidaires"',
    });
    expect(res.text).not.toContain('Caché');
  });

  it('Table Schema: licence, primary key, required fields', async () => {
    const schema = (await ctx.t.http().get('/donnees/schema.json').expect(200)).body;
    expect(schema.licenses[0].name).toBe('etalab-2.0');
    expect(schema.primaryKey).toBe('code_operation');
    expect(schema.fields.find((f: { name: string }) => f.name === 'code_operation').constraints).toMatchObject({ required: true, unique: true });
  });

  it('keeps dated releases unchanged, published by staff only', async () => {
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    await ctx.t.http().post('/api/v1/open-data/releases').set(applicant.auth).expect(403);
    const r = await ctx.t.http().post('/api/v1/open-data/releases').set(ma.auth).expect(201);
    expect(r.body.operationCount).toBe(1);
    // The data changes afterwards: the release does not.
    await ctx.owner.query(`UPDATE application SET title = 'Nouveau titre' WHERE number = 'AAP-2026-000201'`);
    const kept = await ctx.t.http().get(`/donnees/publications/${r.body.id}/operations.csv`).expect(200);
    expect(kept.text).toContain('Ruches, partagées');
    expect(kept.headers['content-disposition']).toMatch(/attachment; filename="operations-\d{4}-\d{2}-\d{2}\.csv"/);
    const live = await ctx.t.http().get('/donnees/operations.csv').expect(200);
    expect(live.text).toContain('Nouveau titre');
    const page = await ctx.t.http().get('/donnees').expect(200);
    expect(page.text).toContain(`/donnees/publications/${r.body.id}/operations.json`);
    expect(page.text).toContain('Licence Ouverte');
    await ctx.t.http().get('/donnees/publications/00000000-0000-4000-8000-000000000000/operations.csv').expect(404);
    const [audit] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'open_data.released'`);
    expect(audit.n).toBe(1);
    // The application role cannot rewrite a release.
    await expect(ctx.owner.query(`SET ROLE essaim_app; UPDATE open_data_release SET operation_count = 0`)).rejects.toThrow(/permission denied/);
    await ctx.owner.query('RESET ROLE');
  });

  it('calendar of calls: planned and open calls, public page and JSON', async () => {
    const planned = await createOpenCall(ctx.owner, { opensAt: new Date(Date.now() + 10 * DAY), closesAt: new Date(Date.now() + 40 * DAY) });
    const closed = await createOpenCall(ctx.owner, { opensAt: new Date(Date.now() - 40 * DAY), closesAt: new Date(Date.now() - DAY) });
    const json = await ctx.t.http().get('/donnees/calendrier-des-appels.json').expect(200);
    const refs = json.body.appels.map((a: { reference: string; phase: string }) => [a.reference, a.phase]);
    expect(refs).toEqual(
      expect.arrayContaining([
        [call.reference, 'OPEN'],
        [planned.reference, 'PLANNED'],
      ]),
    );
    expect(refs.map((r: string[]) => r[0])).not.toContain(closed.reference);
    expect(json.body.appels[0]).toMatchObject({ envelopeCents: 500_000_000, maxRateBp: 9500, objectives: 'Appel créé par les tests.' });
    const page = await ctx.t.http().get('/calendrier').expect(200);
    expect(page.text).toContain('À venir');
    expect(page.text).toContain(planned.reference);
    expect(page.text).not.toContain(closed.reference);
    // CPR art. 49(2): geographic area, objective, type of eligible applicants, total amount, start and end dates.
    expect(json.body.appels[0]).toMatchObject({
      area: expect.stringContaining('France'),
      eligibleApplicants: expect.stringContaining('Personnes morales'),
      opensAt: expect.any(String),
      closesAt: expect.any(String),
    });
    expect(page.text).toContain('Zone géographique');
    expect(page.text).toContain('Structures éligibles');
    expect(page.text).toContain('point h, du règlement (UE) 2021/1057');
  });
});
