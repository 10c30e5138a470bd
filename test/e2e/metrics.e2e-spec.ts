import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createStaff } from '../support/factories/application.factory';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';

const TOKEN = randomBytes(24).toString('hex');
const QUEUE_PREFIX = `essaim-metrics-${randomBytes(4).toString('hex')}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One sample's value from Prometheus text, by metric name and labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

describe('observability: /metrics, the worker metrics and the queue dashboard (e2e)', () => {
  const ctx = useTestApp({ env: { METRICS_TOKEN: TOKEN, QUEUE_PREFIX } });
  let worker: INestApplicationContext;
  let workerPort: number;
  let admin: Awaited<ReturnType<typeof createStaff>>;
  let instructor: Awaited<ReturnType<typeof createStaff>>;

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    admin = await createStaff(ctx.t, ctx.owner, 'ADMINISTRATOR');
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    workerPort = await freePort();
    worker = await startTestWorker({ QUEUE_PREFIX, METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: String(workerPort) });
  });
  afterAll(() => worker?.close());

  it('refuses /metrics to anonymous callers, a wrong token and non-administrators', async () => {
    expect((await ctx.t.http().get('/metrics')).status).toBe(401);
    expect((await ctx.t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    const res = await ctx.t.http().get('/metrics').set(instructor.auth);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves latency histograms by route pattern, queue depths and the outbox lag to the scraper and to administrators', async () => {
    await ctx.t.http().get('/api/v1/calls').expect(200);
    await ctx.t.http().get('/api/v1/calls/00000000-0000-4000-8000-000000000000').expect(404);
    const res = await ctx.t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'essaim_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/calls', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'essaim_http_request_duration_seconds_count', { route: '/api/v1/calls/:id', status_code: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000'); // patterns, never raw URLs
    for (const queue of ['system', 'documents', 'exports', 'mail']) expect(sample(text, 'essaim_queue_jobs', { queue, state: 'waiting' })).not.toBeNull();
    expect(text).toMatch(/^essaim_outbox_lag_seconds \d/m);
    expect(text).toMatch(/^essaim_outbox_unfinished \d/m);
    expect(text).toContain('essaim_process_cpu_user_seconds_total');
    expect((await ctx.t.http().get('/metrics').set(admin.auth)).status).toBe(200);
  });

  it('the worker serves job durations and failures by job name', async () => {
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    const created = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'OPERATIONS', format: 'CSV' }).expect(202);
    await waitFor(async () => (await ctx.t.http().get(`/api/v1/reports/${created.body.id}`).set(ma.auth)).body.status === 'READY', 30_000);
    const url = `http://127.0.0.1:${workerPort}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const text = await waitFor(async () => {
      const body = await (await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
      return sample(body, 'essaim_job_duration_seconds_count', { job: 'generate-report-export', outcome: 'done' }) === 1 ? body : null;
    }, 10_000);
    expect(text).toContain('# TYPE essaim_job_failures_total counter');
  });

  it('the queue dashboard is for administrators only, and read-only', async () => {
    expect((await ctx.t.http().get('/administration/files-d-attente')).status).toBe(401);
    expect((await ctx.t.http().get('/administration/files-d-attente/api/queues').set(instructor.auth)).status).toBe(403);
    const page = await ctx.t.http().get('/administration/files-d-attente').set(admin.auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('__UI_CONFIG__');
    const api = await ctx.t.http().get('/administration/files-d-attente/api/queues').set(admin.auth);
    expect(api.status).toBe(200);
    const names = (api.body.queues as { name: string; readOnlyMode: boolean }[]).map((q) => q.name).sort();
    expect(names).toEqual(['documents', 'exports', 'mail', 'system']);
    expect((api.body.queues as { readOnlyMode: boolean }[]).every((q) => q.readOnlyMode)).toBe(true);
  });
});
