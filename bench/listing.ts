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
import { hashPassword } from '../src/modules/auth/password';
import { parseListQuery } from '../src/modules/instruction/domain/list-query';
import { instructionListSql } from '../src/modules/instruction/instruction-list.sql';
import { BENCH_PASSWORD } from './support/seed';
import { at, only, take } from '../src/common/collections';

/**
 * docs/quality.md L1 protocol on the two listings people hit most (L2 seeds: 10 k dossiers in 20 calls): the
 * public open-calls page and an applicant's "my dossiers", each against a bare Fastify + pg twin running the same SQL.
 * 50 keep-alive clients, 3 s warm-up + 10 s, median of 3 runs; targets rps ≥ 0.5 × bare and p95 ≤ 60 ms.
 * Also the instructor list of one call holding 10 000 submitted dossiers: its first page, and a deep page reached by
 * cursor with one filter (status).
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
const INSTRUCTION_DOSSIERS = 10_000;
/** How far in the deep page starts (rows of the filtered list before it). */
const DEEP = 4_000;
const INSTR_FILTER = 'status=SUBMITTED';

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
    console.log(
      `bench listing: ${LOAD.concurrency} keep-alive clients, ${LOAD.warmupMs / 1000} s warm-up + ${LOAD.durationMs / 1000} s measured, median of ${RUNS} run(s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by the load generator, both servers, Postgres and Redis`);
    console.log(`${infra.notes.join('; ')}`);
    console.log(
      `seed: ${CALLS.map(([k, n]) => `${n} ${k}`).join(', ')} calls; ${DOSSIERS} dossiers in ${DOSSIER_CALLS} open calls across ${OTHER_ORGANISATIONS + 1} organisations, ${MINE} of them the applicant's (${seeded.seconds.toFixed(1)} s)`,
    );
    console.log(`calls = GET /api/v1/calls?status=open&limit=${PAGE} (public) vs bare GET /calls?limit=${PAGE}`);
    console.log(`mine  = GET /api/v1/applications?mine&limit=${PAGE} (bearer) vs bare GET /applications?limit=${PAGE}`);
    console.log(
      `instr = GET /api/v1/calls/:id/applications?limit=${PAGE} (instructor, ${INSTRUCTION_DOSSIERS} submitted dossiers in the call) vs bare GET /instruction/:id?limit=${PAGE}`,
    );
    console.log(`instr-cur = the same with ${INSTR_FILTER} and a cursor ${DEEP} rows deep`);
    await explain(infra.databaseUrl, seeded.instructionCallId);
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
  instructor: { email: string; password: string };
  instructionCallId: string;
  submittedInCall: number;
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
    const dossierCalls = calls
      .filter((c) => c.kind === 'open')
      .slice(0, DOSSIER_CALLS)
      .map((c) => c.id);
    const [applicant, creator] = take(await insertApplicants(db, 2), 2, 'applicant');
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
    const instructionCallId = at(
      calls.filter((c) => c.kind === 'open'),
      DOSSIER_CALLS,
      'open call',
    ).id;
    const instructor = await insertInstructor(db);
    const submittedInCall = await insertInstructionDossiers(db, instructionCallId, others, creator.userId, instructor.userId);
    await db.query('ANALYZE');
    return { applicant, instructor, instructionCallId, submittedInCall, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}

/** Starts Essaim's api and the bare twin, logs in, checks both answer the same bytes and walks the pages. */
async function startTargets(infra: BenchInfra, filesDir: string, children: ChildProcess[], seeded: Seeded): Promise<Target[]> {
  const essaim = `http://127.0.0.1:${await freePort()}`;
  const bare = `http://127.0.0.1:${await freePort()}`;
  const db = { DATABASE_URL: infra.databaseUrl, DATABASE_POOL_MAX: '10', DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_APP_ROLE: 'essaim_app' };
  const appEnv = {
    ...db,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: infra.queuePrefix,
    FILES_DIR: filesDir,
    PORT: new URL(essaim).port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  children.push(await startNode(join(__dirname, '..', 'src', 'main.js'), appEnv, `${essaim}/health/live`));
  children.push(await startNode(join(__dirname, 'bare-server.js'), { ...db, PORT: new URL(bare).port }, `${bare}/live`));
  const auth = { authorization: `Bearer ${await login(essaim, seeded.applicant)}` };
  const staff = { authorization: `Bearer ${await login(essaim, seeded.instructor, infra.databaseUrl)}` };
  const instr = `${essaim}/api/v1/calls/${seeded.instructionCallId}/applications?limit=${PAGE}`;
  const instrBare = `${bare}/instruction/${seeded.instructionCallId}?limit=${PAGE}`;
  const deep = await deepCursor(`${instr}&${INSTR_FILTER}`, staff);

  const pairs: [Endpoint, string, string, Record<string, string>, number][] = [
    ['calls', `${essaim}/api/v1/calls?status=open&limit=${PAGE}`, `${bare}/calls?limit=${PAGE}`, {}, CALLS.find(([k]) => k === 'open')![1]],
    ['mine', `${essaim}/api/v1/applications?mine&limit=${PAGE}`, `${bare}/applications?limit=${PAGE}`, auth, MINE],
    ['instr', instr, instrBare, staff, INSTRUCTION_DOSSIERS],
    ['instr-cur', `${instr}&${INSTR_FILTER}&cursor=${deep}`, `${instrBare}&${INSTR_FILTER}&cursor=${deep}`, staff, -1],
  ];
  for (const [endpoint, app, twin, headers, expected] of pairs) {
    const [fromApp, fromBare] = await Promise.all([fetch(app, { headers }).then((r) => r.text()), fetch(twin, { headers }).then((r) => r.text())]);
    if (fromApp !== fromBare)
      throw new Error(`the bare ${endpoint} does not answer what Essaim answers:\n  essaim ${fromApp.slice(0, 400)}\n  bare   ${fromBare.slice(0, 400)}`);
    if (expected >= 0) await walkPages(endpoint, app, headers, expected);
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

/** An INSTRUCTOR user, inserted as the test factories do. */
async function insertInstructor(db: Client): Promise<{ email: string; password: string; userId: string }> {
  const email = `bench-instructor-${Date.now()}@essaim.test`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, 'Instructrice Banc', $2, ARRAY['INSTRUCTOR']) RETURNING id`,
    [email, await hashPassword(BENCH_PASSWORD)],
  );
  return { email, password: BENCH_PASSWORD, userId: only(rows, 'app_user row').id };
}

/**
 * 10 000 submitted dossiers in one call, as submission leaves them (number, snapshot, submitted_at), spread over the
 * organisations, 12 départements and amounts of 50 000 € to 400 000 €; 60 % SUBMITTED, the rest further on; a third
 * assigned to the instructor; one in five labelled. Returns how many are SUBMITTED (the filtered list).
 */
async function insertInstructionDossiers(db: Client, callId: string, organisations: string[], creatorId: string, instructorId: string): Promise<number> {
  await db.query(
    `INSERT INTO application (call_id, call_version, organisation_id, created_by, status, title, departement, eu_requested_cents, total_eligible_cents,
                              number, submitted_at, submitted_snapshot, instructor_id, labels, created_at, updated_at)
     SELECT $1, 1, ($2::uuid[])[1 + g % $3], $4,
            CASE WHEN g % 10 < 6 THEN 'SUBMITTED' WHEN g % 10 < 8 THEN 'ADMISSIBLE' ELSE 'UNDER_INSTRUCTION' END,
            'Projet d''innovation sociale n° ' || g,
            (ARRAY['69','75','13','59','35','974','2A','33','31','44','67','06'])[1 + g % 12],
            5000000 + (g * 7919) % 35000000, 5300000 + (g * 7919) % 35000000,
            'AAP-2025-' || lpad(g::text, 6, '0'), x.at, jsonb_build_object('number', 'AAP-2025-' || lpad(g::text, 6, '0')),
            CASE WHEN g % 3 = 0 THEN $5::uuid END,
            CASE WHEN g % 5 = 0 THEN ARRAY['urgent'] ELSE '{}' END,
            x.at - interval '3 days', x.at
       FROM generate_series(1, $6::int) AS g CROSS JOIN LATERAL (SELECT now() - interval '20 days' + g * interval '97 seconds' AS at) x`,
    [callId, organisations, organisations.length, creatorId, instructorId, INSTRUCTION_DOSSIERS],
  );
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM application WHERE call_id = $1 AND status = 'SUBMITTED'`, [callId]);
  return only(rows, 'count').n;
}

/** Walks the filtered list 100 at a time until DEEP rows are behind, and returns the cursor found there. */
async function deepCursor(first: string, headers: Record<string, string>): Promise<string> {
  let cursor: string | null = null;
  for (let seen = 0; seen < DEEP;) {
    const res = await fetch(`${first.replace(`limit=${PAGE}`, 'limit=100')}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
    if (res.status !== 200) throw new Error(`deep cursor: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    seen += page.items.length;
    if (!page.nextCursor) throw new Error(`deep cursor: the filtered list ends after ${seen} rows`);
    cursor = page.nextCursor;
  }
  return cursor!;
}

/** The plans Postgres picks for the two instructor pages (the keyset index, not a sort of the whole call). */
async function explain(databaseUrl: string, callId: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const first = instructionListSql(callId, parseListQuery({ limit: String(PAGE) }));
    const { rows: last } = await db.query<{ k: string; id: string }>(
      `SELECT to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k, id FROM application
        WHERE call_id = $1 AND status = 'SUBMITTED' ORDER BY submitted_at, id OFFSET ${DEEP - 1} LIMIT 1`,
      [callId],
    );
    const deep = instructionListSql(callId, {
      ...parseListQuery({ limit: String(PAGE), status: 'SUBMITTED' }),
      cursor: { sort: 'submittedAt', key: only(last, 'deep row').k, id: only(last, 'deep row').id },
    });
    for (const [name, q] of [
      ['instr', first],
      ['instr-cur', deep],
    ] as const) {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${q.sql}`, q.params);
      const lines = rows.map((r) => r['QUERY PLAN']);
      const scans = lines.filter((l) => /Scan|Sort /.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, ''));
      console.log(`plan ${name}: ${scans.slice(0, 3).join(' | ')}; ${lines.find((l) => l.startsWith('Execution Time'))}`);
    }
  } finally {
    await db.end();
  }
}
