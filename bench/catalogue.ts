import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { cataloguePageSql } from '../src/modules/catalogue/catalogue.sql';
import { parseCatalogueQuery } from '../src/modules/catalogue/domain/catalogue-query';
import { prepareInfra } from './support/infra';
import { freePort, startApi, startNode, stopChild } from './support/processes';
import { measureAndReport, type Target } from './support/report';
import { type CallSpec, insertCalls, insertOrganisations } from './support/seed';
import { only } from '../src/common/collections';

/**
 * Issue 16's protocol: the public catalogue holding 50 000 programmed operations, searched by keyword and département
 * (GET /api/v1/public/operations?q=…&departement=…), against a bare Fastify + pg twin running the same SQL
 * (bench/bare-catalogue.ts). 50 keep-alive clients, 3 s warm-up + 10 s, median of BENCH_RUNS runs (3 by default);
 * targets rps ≥ 0.5 × bare and p95 ≤ 2.5 × bare. The first page of the search page (/projets, HTML, with its map
 * aggregate) is measured too, for the record (no bare twin renders HTML).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOAD = { concurrency: 50, warmupMs: 3000, durationMs: 10_000 };
const OPERATIONS = 50_000;
const OTHER_DOSSIERS = 10_000;
const CALLS = 20;
const ORGANISATIONS = 500;
const SEARCH = 'q=jardin&departement=69&limit=20';

/** 20 themes: each operation's title and summary draw two of them, so a keyword matches about a tenth of the rows. */
const THEMES = [
  'jardin partagé',
  'mobilité solidaire',
  'réemploi textile',
  'cantine coopérative',
  'tiers-lieu numérique',
  'garage solidaire',
  'apiculture urbaine',
  'habitat inclusif',
  'épicerie sociale',
  'recyclerie',
  'maraîchage bio',
  'conciergerie',
  'médiation numérique',
  'ferme pédagogique',
  'atelier vélo',
  'insertion par le sport',
  'café associatif',
  'repair café',
  'logement des jeunes',
  'aide aux aidants',
];
const DEPARTEMENTS = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '2A',
  '2B',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '40',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '50',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '59',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '67',
  '68',
  '69',
  '70',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '77',
  '78',
  '79',
  '80',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '971',
  '972',
  '973',
  '974',
  '976',
];

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_RUNS must be a positive integer');
  const began = Date.now();
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-files-'));
  const children: ChildProcess[] = [];
  try {
    const seconds = await seed(infra.databaseUrl);
    console.log(
      `bench catalogue: ${LOAD.concurrency} keep-alive clients, ${LOAD.warmupMs / 1000} s warm-up + ${LOAD.durationMs / 1000} s measured, median of ${RUNS} run(s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by the load generator, both servers, Postgres and Redis`);
    console.log(`${infra.notes.join('; ')}`);
    console.log(
      `seed: ${OPERATIONS} programmed operations (with a plan version each) and ${OTHER_DOSSIERS} refused or in-committee dossiers in ${CALLS} calls, ${ORGANISATIONS} organisations, ${DEPARTEMENTS.length} départements (${seconds.toFixed(1)} s)`,
    );
    console.log(`catalogue      = GET /api/v1/public/operations?${SEARCH} (public) vs bare GET /catalogue?${SEARCH}`);
    console.log(`catalogue-page = GET /projets?q=jardin&departement=69 (HTML page with the map aggregate; no bare twin)`);
    await explain(infra.databaseUrl);
    const essaim = await startApi(infra, filesDir, children);
    const bare = `http://127.0.0.1:${await freePort()}`;
    const db = { DATABASE_URL: infra.databaseUrl, DATABASE_POOL_MAX: '10' };
    children.push(await startNode(join(__dirname, 'bare-catalogue.js'), { ...db, PORT: new URL(bare).port }, `${bare}/live`));
    const app = `${essaim}/api/v1/public/operations?${SEARCH}`;
    const twin = `${bare}/catalogue?${SEARCH}`;
    const [fromApp, fromBare] = await Promise.all([fetch(app).then((r) => r.text()), fetch(twin).then((r) => r.text())]);
    if (fromApp !== fromBare)
      throw new Error(`the bare catalogue does not answer what Essaim answers:\n  essaim ${fromApp.slice(0, 400)}\n  bare   ${fromBare.slice(0, 400)}`);
    const items = (JSON.parse(fromApp) as { items: unknown[] }).items.length;
    console.log(`check: both servers answer the same ${fromApp.length} bytes (${items} operations on the first page)\n`);
    const targets: Target[] = [
      { endpoint: 'catalogue', target: 'essaim', url: app, headers: {} },
      { endpoint: 'catalogue', target: 'bare', url: twin, headers: {} },
      { endpoint: 'catalogue-page', target: 'essaim', url: `${essaim}/projets?q=jardin&departement=69`, headers: {} },
    ];
    if ((await measureAndReport(targets, RUNS, LOAD)) > 0) process.exitCode = 1;
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    const problems = await infra.teardown();
    await rm(filesDir, { recursive: true, force: true }).catch((e: Error) => problems.push(`files: ${e.message}`));
    for (const p of problems) console.error(`teardown: ${p}`);
    if (problems.length) process.exitCode = 1;
    console.log(`\ntotal ${((Date.now() - began) / 1000).toFixed(0)} s; bench database, Redis keys and child processes removed`);
  }
}

/**
 * 50 000 programmed operations (statuses spread over PROGRAMMED … CLOSED) and 10 000 dossiers that must never show
 * (refused, in committee), each with its plan version 1 as instruction leaves it; target publics, operation types,
 * dates over 2022-2027 and amounts of 50 000 € to 400 000 €.
 */
async function seed(databaseUrl: string): Promise<number> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const specs: CallSpec[] = Array.from({ length: CALLS }, (_, i) => ({ kind: 'closed', offsetDays: i }));
    const calls = (await insertCalls(db, specs)).map((c) => c.id);
    const organisations = await insertOrganisations(db, ORGANISATIONS);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('bench-catalogue@essaim.test', 'Banc', 'x', ARRAY['APPLICANT']) RETURNING id`,
    );
    await db.query(
      `INSERT INTO application (call_id, call_version, organisation_id, created_by, status, title, summary, social_need, place, departement, target_publics,
                                operation_type, planned_participants, start_date, end_date, eu_requested_cents, total_eligible_cents, other_resources_cents,
                                number, submitted_at, submitted_snapshot, created_at, updated_at)
       SELECT ($1::uuid[])[1 + g % $2], 1, ($3::uuid[])[1 + g % $4], $5,
              CASE WHEN g > $6 THEN (ARRAY['REFUSED','IN_COMMITTEE'])[1 + g % 2] ELSE (ARRAY['PROGRAMMED','CONVENTION_ISSUED','CONVENTION_SIGNED','IN_PROGRESS','CLOSED'])[1 + g % 5] END,
              initcap(($7::text[])[1 + g % 20]) || ' et ' || ($7::text[])[1 + (g / 20) % 20] || ' n° ' || g,
              'Projet de ' || ($7::text[])[1 + (g * 7) % 20] || ' pour les habitants, avec des partenaires locaux et des bénévoles.',
              'Besoin social peu couvert sur le territoire.', 'Quartier ' || (g % 50), ($8::text[])[1 + g % $9],
              jsonb_build_array((ARRAY['PERSONNES_ELOIGNEES_EMPLOI','JEUNES_NEET','PERSONNES_EN_SITUATION_DE_HANDICAP','HABITANTS_QPV'])[1 + g % 4]),
              (ARRAY['EXPERIMENTATION','ESSAIMAGE','CHANGEMENT_ECHELLE'])[1 + g % 3], 10 + g % 90,
              make_date(2022 + g % 6, 1 + g % 12, 1), make_date(2023 + g % 6, 1 + g % 12, 1),
              x.eu, x.total, x.total - x.eu,
              'AAP-' || (2022 + g % 5) || '-' || lpad(g::text, 6, '0'), now() - interval '200 days', jsonb_build_object('n', g), now() - interval '210 days', now() - interval '10 days' + g * interval '1 second'
         FROM generate_series(1, $10::int) AS g
         CROSS JOIN LATERAL (SELECT 5000000 + (g::bigint * 7919) % 35000000 AS eu) e
         CROSS JOIN LATERAL (SELECT e.eu, e.eu * 100 / 95 AS total) x`,
      [
        calls,
        CALLS,
        organisations,
        ORGANISATIONS,
        only(rows, 'app_user row').id,
        OPERATIONS,
        THEMES,
        DEPARTEMENTS,
        DEPARTEMENTS.length,
        OPERATIONS + OTHER_DOSSIERS,
      ],
    );
    await db.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       SELECT id, 1, 'APPLICANT', 'REAL_COSTS', '[]', '[]', total_eligible_cents, 0, total_eligible_cents, eu_requested_cents, eu_requested_cents, other_resources_cents, 9500
         FROM application`,
    );
    await db.query('ANALYZE');
    const { rows: counts } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM application WHERE status IN ('PROGRAMMED','CONVENTION_ISSUED','CONVENTION_SIGNED','IN_PROGRESS','CLOSED')`,
    );
    const seeded = only(counts, 'count').n;
    if (seeded !== OPERATIONS) throw new Error(`seeded ${seeded} programmed operations, ${OPERATIONS} expected`);
    return (Date.now() - started) / 1000;
  } finally {
    await db.end();
  }
}

/** The plan Postgres picks for the search: the GIN full-text index, not a scan of the 60 000 dossiers. */
async function explain(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { sql, params } = cataloguePageSql(parseCatalogueQuery({ q: 'jardin', departement: '69', limit: '20' }).query);
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${sql}`, params);
    const lines = rows.map((r) => r['QUERY PLAN']);
    const scans = lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, ''));
    console.log(`plan: ${[...new Set(scans)].slice(0, 4).join(' | ')}; ${lines.find((l) => l.startsWith('Execution Time'))}`);
  } finally {
    await db.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
