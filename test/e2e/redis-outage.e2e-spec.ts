import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { redisAnswers } from '../../src/infra/local-infra';
import { createUser, login } from '../support/factories/user.factory';
import { createTestApp, ownerDataSource, startTestWorker, TestApp, truncateAll, waitFor } from '../support/test-app';

const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const dir = mkdtempSync(join(tmpdir(), 'essaim-redis-'));

/** A Redis of this test's own, so that it can be stopped without disturbing anything else. */
async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], { stdio: 'ignore' });
  await waitFor(() => redisAnswers(PORT), 10_000);
  return child;
}

describe('Redis outage (e2e)', () => {
  let redis: ChildProcess;
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: DataSource;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: `redis://127.0.0.1:${PORT}` };
    t = await createTestApp({ env });
    worker = await startTestWorker(env);
    owner = await ownerDataSource();
    await truncateAll(owner);
  });
  afterAll(async () => {
    // After an outage, BullMQ's close can wait on a reconnection: bounded, so a slow close never fails the suite.
    const within = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
    await within(worker.close(), 15_000);
    await within(t.close(), 15_000);
    await owner.destroy();
    redis.kill('SIGKILL');
  }, 50_000);

  it('reports not ready, keeps serving pages and logins, keeps jobs in the outbox, and publishes them when Redis returns', async () => {
    const admin = await createUser(owner, { roles: ['ADMINISTRATOR'] });
    const session = await login(t, admin);

    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body.checks).toEqual({ database: 'up', redis: 'down' });
    await t.http().get('/connexion').expect(200);
    await t.http().get('/health/live').expect(200);
    await login(t, admin); // throttling degrades to per-process counters

    const res = await t.http().post('/api/v1/system/pings').set('Authorization', `Bearer ${session.token}`).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    const [pending] = await owner.query(`SELECT published_at FROM outbox WHERE payload->>'pingId' = $1`, [res.body.id]);
    expect(pending.published_at).toBeNull();

    redis = await startRedis();
    await waitFor(
      async () => {
        const ping = await t.http().get(`/api/v1/system/pings/${res.body.id}`).set('Authorization', `Bearer ${session.token}`);
        return ping.body.status === 'DONE';
      },
      30_000,
      200,
    );
    const [{ unpublished }] = await owner.query(`SELECT count(*) AS unpublished FROM outbox WHERE published_at IS NULL`);
    expect(unpublished).toBe('0');
    // The readiness probe's own connection reconnects on its backoff schedule: ready again within seconds, not at once.
    await waitFor(async () => (await t.http().get('/health/ready')).status === 200, 30_000, 200);
  });
});
