import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { JobName, QUEUE_OF_JOB } from '../src/jobs/queues';
import { DocumentDataRepository } from '../src/modules/documents/document-data.repository';
import { documentTexts } from '../src/modules/documents/document-texts';
import { conventionLayout, type ConventionTexts } from '../src/modules/documents/render/convention.layout';
import { renderPdf } from '../src/modules/documents/render/pdf-renderer';
import { WorkerModule } from '../src/worker.module';
import { prepareInfra } from './support/infra';
import { insertApplicants, insertCalls } from './support/seed';
import { first, only } from '../src/common/collections';

/**
 * Conventions per minute for one worker over the real job path (BullMQ job → handler → data load → layout → pdfkit
 * → file + document row + audit row), beside bare pdfkit rendering the same layout in the same process. Target: ≥ 600/min.
 */
const COUNT = Number(process.env.BENCH_CONVENTIONS ?? 600);
const WARMUP = 20;
const TARGET_PER_MIN = 600;

async function main(): Promise<void> {
  const began = Date.now();
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-documents-'));
  const db = new Client({ connectionString: infra.databaseUrl });
  await db.connect();
  const config = loadConfig({
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: infra.queuePrefix,
    FILES_DIR: filesDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  });
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  const queue = new Queue(QUEUE_OF_JOB[JobName.GenerateConvention], { connection: { url: infra.redisUrl }, prefix: infra.queuePrefix });
  try {
    const ids = await seedProgrammedDossiers(db, WARMUP + COUNT);
    await db.query('ANALYZE');
    await worker.init();
    console.log(
      `bench documents: ${COUNT} conventions (+${WARMUP} warm-up), one worker at concurrency ${config.queue.workerConcurrency}, node ${process.version}, ${cpus().length} CPU(s)`,
    );
    console.log(infra.notes.join('; '));

    await runJobs(db, queue, ids.slice(0, WARMUP));
    const jobSeconds = await runJobs(db, queue, ids.slice(WARMUP));
    const jobRate = (COUNT / jobSeconds) * 60;

    const facts = await worker.get(DocumentDataRepository).convention(first(ids, 'dossier'));
    const texts = documentTexts<ConventionTexts>('convention');
    let bytes = 0;
    const bareStarted = process.hrtime.bigint();
    for (let i = 0; i < COUNT; i++) bytes += (await renderPdf(conventionLayout({ ...facts, issuer: config.issuer, version: 1 }, texts), new Date())).length;
    const bareSeconds = Number(process.hrtime.bigint() - bareStarted) / 1e9;
    const bareRate = (COUNT / bareSeconds) * 60;

    const [{ ready, failed }] = (
      await db.query(
        `SELECT count(*) FILTER (WHERE status = 'READY')::int AS ready, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM document WHERE kind = 'CONVENTION'`,
      )
    ).rows;
    console.log('');
    console.log(
      `job path    ${jobRate.toFixed(0).padStart(6)} conventions/min  (${COUNT} in ${jobSeconds.toFixed(1)} s; ${ready} READY, ${failed} FAILED rows)`,
    );
    console.log(
      `bare pdfkit ${bareRate.toFixed(0).padStart(6)} conventions/min  (${COUNT} in ${bareSeconds.toFixed(1)} s, sequential, ${(bytes / COUNT / 1024).toFixed(1)} KiB each)`,
    );
    console.log(`ratio job path / bare: ${(jobRate / bareRate).toFixed(2)}`);
    console.log(`target ≥ ${TARGET_PER_MIN}/min on the job path: ${jobRate >= TARGET_PER_MIN ? 'pass' : 'FAIL'}`);
    if (ready !== WARMUP + COUNT || failed > 0) process.exitCode = 1;
  } finally {
    await queue.close().catch(() => undefined);
    await worker.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    const problems = await infra.teardown();
    await rm(filesDir, { recursive: true, force: true }).catch((e: Error) => problems.push(`files: ${e.message}`));
    for (const p of problems) console.error(`teardown: ${p}`);
    if (problems.length) process.exitCode = 1;
    console.log(`\ntotal ${((Date.now() - began) / 1000).toFixed(0)} s; bench database, Redis keys and files removed`);
  }
}

/** Programmed dossiers (18 months, docs/domain/cofinancing.md worked example as plan version 1), written by SQL. */
async function seedProgrammedDossiers(db: Client, count: number): Promise<string[]> {
  const call = only(await insertCalls(db, [{ kind: 'open' }]), 'call');
  const a = only(await insertApplicants(db, 1), 'applicant');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO application (call_id, call_version, organisation_id, status, number, title, start_date, end_date, cost_option, flat_rate_bp,
                              submitted_at, submitted_snapshot, created_by)
     SELECT $1, 1, $2, 'PROGRAMMED', 'AAP-2026-' || lpad(g::text, 6, '0'), 'Ruches partagées n° ' || g, '2026-09-01', '2028-02-29',
            'INDIRECT_15_STAFF', 1500, now(), '{}'::jsonb, $3
       FROM generate_series(1, $4::int) AS g RETURNING id`,
    [call.id, a.organisationId, a.userId, count],
  );
  await db.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, flat_rate_bp, lines, resources, total_direct_cents,
       total_flat_rate_cents, total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, created_by)
     SELECT id, 1, 'APPLICANT', 'INDIRECT_15_STAFF', 1500, $2::jsonb, $3::jsonb, 10000000, 1200000, 11200000, 10640000, 10640000, 560000, 9500, $4
       FROM application WHERE id = ANY($1::uuid[])`,
    [
      rows.map((r) => r.id),
      JSON.stringify([
        { category: 'STAFF', label: 'Coordinatrice et animateurs', amountCents: 8_000_000 },
        { category: 'OTHER_DIRECT', label: 'Matériel et locaux', amountCents: 2_000_000 },
      ]),
      JSON.stringify([
        { type: 'ESF_PLUS', amountCents: 10_640_000 },
        { type: 'SELF', amountCents: 560_000 },
      ]),
      a.userId,
    ],
  );
  return rows.map((r) => r.id);
}

/** PENDING rows as DocumentRequests writes them, jobs as the outbox relay publishes them; waits until all are READY. */
async function runJobs(db: Client, queue: Queue, applicationIds: string[]): Promise<number> {
  const { rows } = await db.query<{ id: string; subject_id: string }>(
    `INSERT INTO document (subject_type, subject_id, kind, version) SELECT 'application', a, 'CONVENTION', 1 FROM unnest($1::uuid[]) AS a RETURNING id, subject_id`,
    [applicationIds],
  );
  const started = process.hrtime.bigint();
  await queue.addBulk(
    rows.map((r) => ({
      name: JobName.GenerateConvention,
      data: { documentId: r.id, applicationId: r.subject_id },
      opts: { jobId: r.id, attempts: 5, removeOnComplete: true },
    })),
  );
  const ids = rows.map((r) => r.id);
  for (;;) {
    const { rows: c } = await db.query<{ n: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'READY')::int AS n, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM document WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const counted = only(c, 'count');
    if (counted.n + counted.failed === ids.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
