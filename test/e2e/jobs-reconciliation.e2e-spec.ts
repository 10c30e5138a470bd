import { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { redisAnswers } from '../../src/infra/local-infra';
import { loadConfig } from '../../src/config/config';
import { createStaff } from '../support/factories/application.factory';
import { submittedDossier } from '../support/factories/documents.factory';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, ownerDataSource, startTestWorker, TestApp, truncateAll, waitFor } from '../support/test-app';

const REDIS_PORT = 20_000 + Math.floor(Math.random() * 20_000);

/** A Redis of this spec's own: it is flushed, which the shared one must never be. */
async function startRedis(): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-redis-'));
  const child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitFor(() => redisAnswers(REDIS_PORT), 10_000);
  return child;
}

type Staff = Awaited<ReturnType<typeof createStaff>>;

describe('every expected job is eventually produced or visibly failed (e2e)', () => {
  let redis: ChildProcess;
  let proxy: TcpProxy;
  let owner: DataSource;
  let t: TestApp;
  let worker: INestApplicationContext | null = null;
  let env: Record<string, string>;
  let admin: Staff;

  const pings = async (ids: string[]): Promise<{ id: string; process_count: number; done: boolean }[]> =>
    owner.query(
      `SELECT p.id, p.process_count, o.done_at IS NOT NULL AS done FROM system_ping p JOIN outbox o ON o.payload->>'pingId' = p.id::text WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
  const requestPings = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await t.http().post('/api/v1/system/pings').set(admin.auth).expect(202)).body.id);
    return ids;
  };
  const stopWorker = async (): Promise<void> => {
    await worker?.close();
    worker = null;
  };

  beforeAll(async () => {
    redis = await startRedis();
    proxy = await new TcpProxy(Number(new URL(loadConfig().database.url).port || 5432)).start();
    // The api talks to PostgreSQL directly; the worker goes through the proxy, which the tests cut.
    env = { REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`, JOB_ATTEMPTS: '9', JOB_BACKOFF_MS: '200', RECONCILE_INTERVAL_MS: '300' };
    t = await createTestApp({ env });
    owner = await ownerDataSource();
    await truncateAll(owner);
    admin = await createStaff(t, owner, 'ADMINISTRATOR');
  });
  afterAll(async () => {
    await stopWorker();
    await t.close();
    await owner.destroy();
    await proxy.close();
    redis.kill('SIGKILL');
  });

  it('a submission writes the PENDING receipt row in its own transaction', async () => {
    const d = await submittedDossier(t, owner);
    const rows = await owner.query(`SELECT status FROM document WHERE subject_id = $1 AND kind = 'RECEIPT'`, [d.applicationId]);
    expect(rows).toEqual([{ status: 'PENDING' }]);
    await owner.query(`DELETE FROM outbox`); // no worker in this spec consumes it
  });

  it('Redis restarted empty: the reconciler re-publishes every queued job, each produced once', async () => {
    const ids = await requestPings(20);
    await waitFor(async () => (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0, 10_000);
    const flusher = new Redis(REDIS_PORT, '127.0.0.1');
    await flusher.flushall();
    await flusher.quit();

    worker = await startTestWorker({ ...env, DATABASE_URL: proxy.url(loadConfig().database.url) });
    await waitFor(async () => (await pings(ids)).every((p) => p.done), 30_000, 200);
    expect((await pings(ids)).map((p) => p.process_count)).toEqual(ids.map(() => 1));
    const [{ republished }] = await owner.query(`SELECT count(*)::int AS republished FROM outbox WHERE last_error LIKE 'job absent de Redis%'`);
    expect(republished).toBe(20);
  });

  it('PostgreSQL away longer than the old retry budget: the jobs wait and are produced when it returns', async () => {
    await proxy.cut();
    const ids = await requestPings(10);
    // The old policy (5 attempts from 200 ms) gives up after 3 s; the new one waits about 50 s.
    await new Promise((r) => setTimeout(r, 6000));
    expect((await pings(ids)).filter((p) => p.done)).toEqual([]);
    await proxy.restore();
    await waitFor(async () => (await pings(ids)).every((p) => p.done), 40_000, 200);
    expect((await pings(ids)).map((p) => p.process_count)).toEqual(ids.map(() => 1));
    await stopWorker();
  });

  it('a job stalled twice (worker killed twice) ends FAILED with its reason, shown to staff, and a retry produces it', async () => {
    const ma = await createStaff(t, owner, 'MANAGING_AUTHORITY');
    const { body } = await t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'OPERATIONS', format: 'CSV' }).expect(202);
    const [{ id: jobId }] = await waitFor(async () => {
      const rows = await owner.query(`SELECT id FROM outbox WHERE payload->>'reportId' = $1 AND published_at IS NOT NULL`, [body.id]);
      return rows.length ? rows : null;
    }, 10_000);
    // Workers that take the job and die without a word (BullMQ's own stalled-jobs test does the same): the second
    // one finds it stalled once and takes it again, the third finds it stalled twice and fails it.
    const connection = { host: '127.0.0.1', port: REDIS_PORT };
    const q = new Queue('exports', { connection, prefix: t.config.queue.prefix });
    for (let round = 0; round < 3; round++) {
      let taken = false;
      const w = new Worker('exports', () => ((taken = true), new Promise<void>(() => undefined)), {
        connection,
        prefix: t.config.queue.prefix,
        lockDuration: 500,
        stalledInterval: 200,
        maxStalledCount: 1,
      });
      await waitFor(async () => taken || (await q.getJobState(jobId)) === 'failed', 15_000, 50);
      await w.close(true);
    }
    expect(await q.getJobState(jobId)).toBe('failed');
    await q.close();
    const failedJob = async () => owner.query(`SELECT failure_reason FROM outbox WHERE payload->>'reportId' = $1 AND failed_at IS NOT NULL`, [body.id]);
    worker = await startTestWorker({ ...env, DATABASE_URL: proxy.url(loadConfig().database.url) });
    const [row] = await waitFor(async () => ((await failedJob()).length ? failedJob() : null), 20_000, 200);
    expect(row.failure_reason).toMatch(/stalled/);
    const report = await t.http().get(`/api/v1/reports/${body.id}`).set(ma.auth).expect(200);
    expect(report.body.status).toBe('FAILED');
    expect(report.body.failureReason).toMatch(/^La génération a échoué : .*stalled/);

    const listed = await t.http().get('/api/v1/system/jobs/failed').set(admin.auth).expect(200);
    const job = listed.body.find((j: { payload: { reportId?: string } }) => j.payload.reportId === body.id);
    expect(job).toMatchObject({ jobName: 'generate-report-export', retryCount: 0 });
    await t.http().get('/api/v1/system/jobs/failed').set(ma.auth).expect(403);
    const page = await t.http().get('/administration/taches').set(admin.auth).expect(200);
    expect(page.text).toContain(`data-job-id="${job.id}"`);

    await t.http().post(`/api/v1/system/jobs/${job.id}/retry`).set(admin.auth).expect(202);
    await t.http().post(`/api/v1/system/jobs/${job.id}/retry`).set(admin.auth).expect(409);
    await waitFor(async () => (await t.http().get(`/api/v1/reports/${body.id}`).set(ma.auth)).body.status === 'READY', 30_000, 200);
    const [done] = await owner.query(`SELECT done_at, failed_at, retry_count FROM outbox WHERE id = $1`, [job.id]);
    expect(done).toMatchObject({ failed_at: null, retry_count: 1 });
    expect(done.done_at).not.toBeNull();
    await stopWorker();
  });

  it('the last attempt fails while PostgreSQL is away: the failure is recorded with its reason once it is back', async () => {
    const t2 = await createTestApp({ env: { ...env, JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '100' } });
    try {
      worker = await startTestWorker({ ...env, DATABASE_URL: proxy.url(loadConfig().database.url) });
      await proxy.cut();
      const ma = await createStaff(t2, owner, 'MANAGING_AUTHORITY');
      const { body } = await t2.http().post('/api/v1/reports').set(ma.auth).send({ type: 'OPERATIONS', format: 'CSV' }).expect(202);
      const q = new Queue('exports', { connection: { host: '127.0.0.1', port: REDIS_PORT }, prefix: t.config.queue.prefix });
      const [{ id: jobId }] = await waitFor(async () => {
        const rows = await owner.query(`SELECT id FROM outbox WHERE payload->>'reportId' = $1 AND published_at IS NOT NULL`, [body.id]);
        return rows.length ? rows : null;
      }, 10_000);
      await waitFor(async () => (await q.getJobState(jobId)) === 'failed', 45_000, 100); // two attempts; generous for a loaded CI machine (it took 47 s for the whole file once)
      await q.close();
      const [before] = await owner.query(`SELECT status FROM report_export WHERE id = $1`, [body.id]);
      expect(before.status).toBe('PENDING'); // the worker could not write it
      await proxy.restore();
      const after = await waitFor(
        async () => {
          const [r] = await owner.query(`SELECT status, failure_reason FROM report_export WHERE id = $1`, [body.id]);
          return r.status === 'FAILED' ? r : null;
        },
        20_000,
        200,
      );
      expect(after.failure_reason).toMatch(/^La génération a échoué : /);
      const [o] = await owner.query(`SELECT failure_reason FROM outbox WHERE id = $1`, [jobId]);
      expect(o.failure_reason).toBeTruthy();
    } finally {
      await proxy.restore();
      await stopWorker();
      await t2.close();
    }
  }, 120_000);
});
