import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { BenchInfra, prepareInfra } from './support/infra';
import { freePort, startNode, stopChild } from './support/processes';
import { Endpoint, measureAndReport, TargetName } from './support/report';
import { type CallSpec, insertApplicants, insertCalls, insertOrganisations } from './support/seed';
import { login } from './support/user';

/**
 * quality-scenarios.md L1 protocol on the two listings people hit most (L2 seeds: 10 k dossiers in 20 calls): the
 * public open-calls page and an applicant's "my dossiers", each against a bare Fastify + pg twin running the same SQL.
 * 50 keep-alive clients, 3 s warm-up + 10 s, median of 3 runs; targets rps ≥ 0.5 × bare and p95 ≤ 60 ms.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOAD = { concurrency: 50, warmupMs: 3000, durationMs: 10_000 };
const PAGE = 25;
const CALLS: [CallSpec['kind'], number][] = [
  ['open', 80],
  ['closed', 50],
  ['upcoming', 40],
  ['draft', 30],
];
const DOSSIERS = 10_000;
const DOSSIER_CALLS = 20;
const MINE = 200;
const OTHER_ORGANISATIONS = 98;

interface Target {
  endpoint: Endpoint;
  target: TargetName;
  url: string;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_RUNS must be a positive integer');
  const began = Date.now();
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-files-'));
  const children: ChildProcess[] = [];
  try {
    const seeded = await seed(infra.databaseUrl);
    console.log(`bench listing: ${LOAD.concurrency} keep-alive clients, ${LOAD.warmupMs / 1000} s warm-up + ${LOAD.durationMs / 1000} s measured, median of ${RUNS} run(s)`);
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by the load generator, both servers, Postgres and Redis`);
    console.log(`${infra.notes.join('; ')}`);
    console.log(`seed: ${CALLS.map(([k, n]) => `${n} ${k}`).join(', ')} calls; ${DOSSIERS} dossiers in ${DOSSIER_CALLS} open calls across ${OTHER_ORGANISATIONS + 1} organisations, ${MINE} of them the applicant's (${seeded.seconds.toFixed(1)} s)`);
    console.log(`calls = GET /api/v1/calls?status=open&limit=${PAGE} (public) vs bare GET /calls?limit=${PAGE}`);
    console.log(`mine  = GET /api/v1/applications?mine&limit=${PAGE} (bearer) vs bare GET /applications?limit=${PAGE}`);
    const targets = await startTargets(infra, filesDir, children, seeded);
    console.log('');

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

interface Seeded {
  applicant: { email: string; password: string };
  seconds: number;
}

/**
 * 200 calls of every kind; 10 000 dossiers in the first 20 open calls: 200 in the applicant's organisation, the rest
 * spread over 98 others; 40 % submitted (numbered, with a snapshot), the rest drafts; created over the last 60 days.
 */
async function seed(databaseUrl: string): Promise<Seeded> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const specs = CALLS.flatMap(([kind, n]) => Array.from({ length: n }, (_, i) => ({ kind, offsetDays: i })));
    const calls = await insertCalls(db, specs);
    const dossierCalls = calls.filter((c) => c.kind === 'open').slice(0, DOSSIER_CALLS).map((c) => c.id);
    const [applicant, creator] = await insertApplicants(db, 2);
    const others = await insertOrganisations(db, OTHER_ORGANISATIONS);
    await db.query(
      `INSERT INTO application (call_id, call_version, organisation_id, created_by, status, title, eu_requested_cents, total_eligible_cents,
                                number, submitted_at, submitted_snapshot, created_at, updated_at)
       SELECT ($1::uuid[])[1 + g % $5], 1,
              CASE WHEN g <= $6 THEN $2::uuid ELSE ($3::uuid[])[1 + g % $7] END,
              CASE WHEN g <= $6 THEN $8::uuid ELSE $4::uuid END,
              CASE WHEN g % 5 < 2 THEN 'SUBMITTED' ELSE 'DRAFT' END,
              'Projet d''innovation sociale n° ' || g, 10640000 + g * 100, 11200000 + g * 100,
              CASE WHEN g % 5 < 2 THEN 'AAP-2026-' || lpad(g::text, 6, '0') END,
              CASE WHEN g % 5 < 2 THEN x.created_at + interval '2 days' END,
              CASE WHEN g % 5 < 2 THEN jsonb_build_object('number', 'AAP-2026-' || lpad(g::text, 6, '0')) END,
              x.created_at, x.created_at + interval '1 day'
         FROM generate_series(1, $9::int) AS g CROSS JOIN LATERAL (SELECT now() - interval '60 days' * random() - interval '3 days' + g * interval '0 seconds' AS created_at) x`,
      [dossierCalls, applicant.organisationId, others, creator.userId, DOSSIER_CALLS, MINE, OTHER_ORGANISATIONS, applicant.userId, DOSSIERS],
    );
    await db.query('ANALYZE');
    return { applicant, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}

/** Starts Essaim's api and the bare twin, logs in, checks both answer the same bytes and walks the pages. */
async function startTargets(infra: BenchInfra, filesDir: string, children: ChildProcess[], seeded: Seeded): Promise<Target[]> {
  const essaim = `http://127.0.0.1:${await freePort()}`;
  const bare = `http://127.0.0.1:${await freePort()}`;
  const db = { DATABASE_URL: infra.databaseUrl, DATABASE_POOL_MAX: '10', DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_APP_ROLE: 'essaim_app' };
  const appEnv = { ...db, REDIS_URL: infra.redisUrl, QUEUE_PREFIX: infra.queuePrefix, FILES_DIR: filesDir, PORT: new URL(essaim).port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  children.push(await startNode(join(__dirname, '..', 'src', 'main.js'), appEnv, `${essaim}/health/live`));
  children.push(await startNode(join(__dirname, 'bare-server.js'), { ...db, PORT: new URL(bare).port }, `${bare}/live`));
  const auth = { authorization: `Bearer ${await login(essaim, seeded.applicant)}` };

  const pairs: [Endpoint, string, string, Record<string, string>, number][] = [
    ['calls', `${essaim}/api/v1/calls?status=open&limit=${PAGE}`, `${bare}/calls?limit=${PAGE}`, {}, CALLS.find(([k]) => k === 'open')![1]],
    ['mine', `${essaim}/api/v1/applications?mine&limit=${PAGE}`, `${bare}/applications?limit=${PAGE}`, auth, MINE],
  ];
  for (const [endpoint, app, twin, headers, expected] of pairs) {
    const [fromApp, fromBare] = await Promise.all([app, twin].map((url) => fetch(url, { headers }).then((r) => r.text())));
    if (fromApp !== fromBare) throw new Error(`the bare ${endpoint} does not answer what Essaim answers:\n  essaim ${fromApp.slice(0, 400)}\n  bare   ${fromBare.slice(0, 400)}`);
    await walkPages(endpoint, app, headers, expected);
  }
  return pairs.flatMap(([endpoint, app, twin, headers]) => [
    { endpoint, target: 'essaim' as const, url: app, headers },
    { endpoint, target: 'bare' as const, url: twin, headers },
  ]);
}

/** L2's page checks: every page ≤ 25 items, no item twice across the pages, and all of them reached. */
async function walkPages(endpoint: Endpoint, first: string, headers: Record<string, string>, expected: number): Promise<void> {
  const seen = new Set<string>();
  let pages = 0;
  for (let cursor: string | null = null, url = first; ; url = `${first}&cursor=${cursor}`) {
    const res = await fetch(url, { headers });
    if (res.status !== 200) throw new Error(`${endpoint} page ${pages + 1}: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
    pages++;
    if (page.items.length > PAGE) throw new Error(`${endpoint} page ${pages} has ${page.items.length} items`);
    for (const item of page.items) {
      if (seen.has(item.id)) throw new Error(`${endpoint}: ${item.id} appears on two pages`);
      seen.add(item.id);
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  if (seen.size !== expected) throw new Error(`${endpoint}: ${seen.size} items over ${pages} pages, ${expected} expected`);
  console.log(`pages ${endpoint}: ${seen.size} items over ${pages} pages of ≤ ${PAGE}, no duplicates; the first page byte-identical on both servers`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
