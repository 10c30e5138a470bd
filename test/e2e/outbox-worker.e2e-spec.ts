import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { createUser, login, Session } from '../support/factories/user.factory';
import { createTestApp, ownerDataSource, startTestWorker, TestApp, truncateAll, waitFor } from '../support/test-app';

interface PingState {
  status: string;
  processCount: number;
}

function spawnWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['dist/src/worker.js'], { env: { ...process.env, LOG_LEVEL: 'log', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

describe('outbox and worker (e2e)', () => {
  let t: TestApp;
  let owner: DataSource;
  let admin: Session;

  const requestPing = async (): Promise<string> => {
    const res = await t.http().post('/api/v1/system/pings').set('Authorization', `Bearer ${admin.token}`).expect(202);
    expect(res.body.status).toBe('PENDING');
    return res.body.id;
  };
  const pingState = async (id: string): Promise<PingState> =>
    (await t.http().get(`/api/v1/system/pings/${id}`).set('Authorization', `Bearer ${admin.token}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource();
    await truncateAll(owner);
    admin = await login(t, await createUser(owner, { roles: ['ADMINISTRATOR'] }));
  });
  afterAll(async () => {
    await t.close();
    await owner.destroy();
  });

  it('publishes an outbox row after commit and the worker applies it exactly once, even when delivered twice', async () => {
    const worker: INestApplicationContext = await startTestWorker();
    try {
      const id = await requestPing();
      await waitFor(async () => (await pingState(id)).status === 'DONE');
      const [outbox] = await owner.query(`SELECT id, published_at FROM outbox WHERE payload->>'pingId' = $1`, [id]);
      expect(outbox.published_at).not.toBeNull();

      // Deliver the same event again: forget the BullMQ job, mark the row unpublished, let the relay republish it.
      const q = new Queue('system', { connection: { url: t.config.redis.url }, prefix: t.config.queue.prefix });
      await waitFor(async () => (await q.getJobState(outbox.id)) === 'completed');
      await (await q.getJob(outbox.id))!.remove();
      await owner.query(`UPDATE outbox SET published_at = NULL WHERE id = $1`, [outbox.id]);
      await waitFor(async () => (await q.getJobState(outbox.id)) === 'completed');
      await q.close();

      expect((await pingState(id)).processCount).toBe(1);
      const [{ count }] = await owner.query(`SELECT count(*) FROM audit_log WHERE action = 'system.ping.processed' AND subject_id = $1`, [id]);
      expect(count).toBe('1');
    } finally {
      await worker.close();
    }
  });

  it('a worker killed mid-job loses nothing: after a restart the job completes exactly once', async () => {
    const first = spawnWorker({ SYSTEM_PING_DELAY_MS: '30000' });
    await waitFor(async () => first.output().includes('worker started'), 30_000);
    const id = await requestPing();
    await waitFor(async () => /job system-ping \S+ started/.test(first.output()), 15_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect((await pingState(id)).status).toBe('PENDING');

    const killedAt = Date.now();
    const second = spawnWorker({ SYSTEM_PING_DELAY_MS: '0' });
    try {
      await waitFor(async () => (await pingState(id)).status === 'DONE', 30_000, 200);
      expect(Date.now() - killedAt).toBeLessThan(15_000); // lockDuration + stalledInterval + start-up
      expect((await pingState(id)).processCount).toBe(1);
      const [{ count }] = await owner.query(`SELECT count(*) FROM job_receipt r JOIN outbox o ON o.id::text = r.job_id WHERE o.payload->>'pingId' = $1`, [id]);
      expect(count).toBe('1');
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => second.child.once('exit', r));
      expect(code).toBe(0); // graceful shutdown on SIGTERM
    }
  });
});
