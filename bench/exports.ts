import 'reflect-metadata';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/database/data-source';
import { OPERATION_STATUSES } from '../src/modules/reports/domain/operation-record';
import { OPERATIONS_SQL, ReportDataRepository } from '../src/modules/reports/report-data.repository';
import { ReportGenerator } from '../src/modules/reports/report-generator';
import { type ChildResult, measureGeneration } from './support/export-child';
import { type BenchInfra, prepareInfra } from './support/infra';
import { insertCalls, insertOrganisations } from './support/seed';
import { WORKER_NODE_FLAGS } from '../src/cli/worker-node-flags';
import { only, present } from '../src/common/collections';

/**
 * The list of operations (CPR art. 49(3)) of 100 000 programmed dossiers, written by the worker's ReportGenerator in
 * a child process (CSV, then XLSX), beside `COPY (the same query) TO STDOUT` into a file through psql. Prints wall
 * time, the child's peak RSS (getrusage maxrss) and the ratio to COPY. Targets: CSV ≤ 3 s and ≤ 200 MB, XLSX ≤ 6 s and
 * ≤ 300 MB.
 */
const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 100_000);
const CALLS = 10;
const ORGANISATIONS = 2_000;
const TARGETS = { CSV: { seconds: 3, mb: 200 }, XLSX: { seconds: 6, mb: 300 } } as const;
type Format = keyof typeof TARGETS;
const HEAP_CAP_MB = Number(process.env.BENCH_HEAP_CAP_MB ?? 96);

async function main(): Promise<void> {
  const infra = await prepareInfra();
  const dir = await mkdtemp(join(tmpdir(), 'essaim-bench-exports-'));
  try {
    const seedMs = await seed(infra.databaseUrl);
    console.log(
      `bench exports: list of operations, ${OPERATIONS} programmed dossiers in ${CALLS} calls, ${ORGANISATIONS} organisations (seed ${(seedMs / 1000).toFixed(1)} s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared with Postgres; ${infra.notes.join('; ')}`);

    if (process.env.BENCH_SEED_ONLY) return;
    const copy = await copyBaseline(infra.databaseUrl, join(dir, 'copy.csv'));
    console.log(`\nCOPY (same query) TO STDOUT via psql: ${(copy.ms / 1000).toFixed(2)} s, ${(copy.bytes / 1e6).toFixed(1)} MB`);
    let failed = false;
    // The target is judged on the worker as it runs (its module graph and its V8 flags: src/cli/worker-node-flags.ts).
    // The generator alone with the default heap, then with a capped old generation, shows what the generator holds.
    const children: { label: string; context: ChildContext; flags: readonly string[]; judged: boolean }[] = [
      {
        label: `the worker as npm start / start:worker run it (WorkerModule, ${WORKER_NODE_FLAGS.join(' ')})`,
        context: 'worker',
        flags: WORKER_NODE_FLAGS,
        judged: true,
      },
      { label: 'the generator alone, default heap', context: 'generator', flags: [], judged: false },
      {
        label: `the generator alone, --max-old-space-size=${HEAP_CAP_MB}`,
        context: 'generator',
        flags: [`--max-old-space-size=${HEAP_CAP_MB}`],
        judged: false,
      },
    ];
    for (const c of children) {
      console.log(`\n${c.label}:`);
      for (const format of ['CSV', 'XLSX'] as const) {
        const out = join(dir, `operations.${format.toLowerCase()}`);
        const started = Date.now();
        const r = await runChild(format, out, infra, c.context, c.flags);
        const wallMs = Date.now() - started;
        const t = TARGETS[format];
        const ok = r.generateMs / 1000 <= t.seconds && r.maxRssMb <= t.mb && r.rows === OPERATIONS;
        if (c.judged) failed ||= !ok;
        console.log(
          `${format.padEnd(4)}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB; generate ${(r.generateMs / 1000).toFixed(2)} s (child wall ${(wallMs / 1000).toFixed(2)} s), ` +
            `peak RSS ${r.maxRssMb.toFixed(0)} MB (${r.baselineRssMb.toFixed(0)} MB before generating); longest event-loop stall ${r.maxLoopDelayMs.toFixed(0)} ms; ${(r.generateMs / copy.ms).toFixed(2)}× COPY` +
            (c.judged ? ` — target ≤ ${t.seconds} s, ≤ ${t.mb} MB: ${ok ? 'pass' : 'FAIL'}` : ''),
        );
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    const problems = process.env.BENCH_KEEP_DB ? [`kept for inspection: ${infra.databaseUrl} (drop it by hand)`] : await infra.teardown();
    await rm(dir, { recursive: true, force: true });
    for (const p of problems) console.error(`teardown: ${p}`);
  }
}

/** Calls of priority 6 (envelope 5 M€ each) and 100 000 PROGRAMMED dossiers; half with a FAVORABLE decision. */
async function seed(databaseUrl: string): Promise<number> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const calls = (
      await insertCalls(
        db,
        Array.from({ length: CALLS }, () => ({ kind: 'closed' as const })),
      )
    ).map((c) => c.id);
    const organisations = await insertOrganisations(db, ORGANISATIONS);
    const user = only(
      (
        await db.query<{ id: string }>(
          `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('bench-exports@essaim.test', 'Banc', 'x', '{MANAGING_AUTHORITY}') RETURNING id`,
        )
      ).rows,
      'app_user row',
    );
    await db.query(
      `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, summary, start_date, end_date, departement,
                                total_eligible_cents, eu_requested_cents, other_resources_cents, submitted_at, submitted_snapshot, created_by)
       SELECT 'AAP-2026-' || lpad(g::text, 6, '0'), ($1::uuid[])[1 + g % $4], 1, ($2::uuid[])[1 + g % $5],
              CASE WHEN g % 5 = 0 THEN 'CONVENTION_ISSUED' ELSE 'PROGRAMMED' END,
              'Opération ' || g || ' : ateliers partagés', 'Insertion par le réemploi, action n° ' || g,
              DATE '2026-01-01' + (g % 300), DATE '2027-06-30' + (g % 300),
              (ARRAY['69','75','13','974','59','2A','33','971'])[1 + g % 8],
              11200000 + g, 10640000, 560000 + g, now() - interval '90 days', '{}'::jsonb, $3
         FROM generate_series(1, $6::int) AS g`,
      [calls, organisations, user.id, CALLS, ORGANISATIONS, OPERATIONS],
    );
    await db.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       SELECT id, 1, 'APPLICANT', 'REAL_COSTS', '[]', '[]', total_eligible_cents, 0, total_eligible_cents, eu_requested_cents, eu_requested_cents,
              other_resources_cents, 9500 FROM application`,
    );
    await db.query(
      `INSERT INTO committee_session (call_id, title, scheduled_at, quorum, status, created_by)
       SELECT unnest($1::uuid[]), 'Comité de programmation', now() - interval '30 days', 1, 'CLOSED', $2`,
      [calls, user.id],
    );
    await db.query(
      `INSERT INTO committee_item (session_id, application_id, position, eu_cents)
       SELECT s.id, a.id, row_number() OVER (PARTITION BY s.id ORDER BY a.number), a.eu_requested_cents
         FROM application a JOIN committee_session s ON s.call_id = a.call_id WHERE right(a.number, 1) IN ('0','2','4','6','8')`,
    );
    await db.query(
      `INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, decided_by)
       SELECT session_id, application_id, 'FAVORABLE', eu_cents - 100, $1 FROM committee_item`,
      [user.id],
    );
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  return Date.now() - started;
}

/** The same query, parameters inlined and JIT off as in the cursor, streamed by the server's COPY into a file: the floor. */
async function copyBaseline(databaseUrl: string, path: string): Promise<{ ms: number; bytes: number }> {
  const statuses = `ARRAY[${OPERATION_STATUSES.map((s) => `'${s}'`).join(',')}]`;
  const sql = OPERATIONS_SQL.replace('$1::text[]', statuses)
    .replace('$2', '6')
    .replace(/\$3::uuid/g, 'NULL::uuid');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const psql = spawn(
      'psql',
      [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'SET jit = off', '-c', `COPY (${sql}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)`],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    psql.stdout.pipe(createWriteStream(path));
    psql.on('error', reject);
    psql.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}`))));
  });
  return { ms: Date.now() - started, bytes: (await stat(path)).size };
}

type ChildContext = 'generator' | 'worker';

async function runChild(format: Format, out: string, infra: BenchInfra, context: ChildContext, flags: readonly string[]): Promise<ChildResult> {
  // The worker's child is its own entry point, so that the generator-alone child loads nothing of the worker.
  const entry = context === 'worker' ? join(__dirname, 'support', 'export-worker-child.js') : __filename;
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, entry, '--child', format, out], {
    env: { ...process.env, DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, QUEUE_PREFIX: infra.queuePrefix, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/** In the child: the worker's generator alone on the app's pool and role, nothing else loaded. */
async function child(format: Format, out: string): Promise<void> {
  const config = loadConfig();
  const ds = await createDataSource(config).initialize();
  try {
    console.log(JSON.stringify(await measureGeneration(new ReportGenerator(config, new ReportDataRepository(ds)), format, out)));
  } finally {
    await ds.destroy();
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Format, present(process.argv[4], 'the database url argument')).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
