import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createOpenCall, createStaff } from '../support/factories/application.factory';
import { submittedDossier } from '../support/factories/documents.factory';
import { createUser, loginBody } from '../support/factories/user.factory';
import { truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at } from '../support/checked';

/**
 * Two api processes and two workers (the built dist, as `npm run start:api` and `start:worker` run it) on one
 * PostgreSQL and one Redis, as docker-compose.yml deploys them behind a reverse proxy.
 */
const QUEUE_PREFIX = `essaim-two-${randomBytes(4).toString('hex')}`;
const SHARED = { QUEUE_PREFIX, LOGIN_MAX_FAILURES_PER_IP: '6', LOGIN_THROTTLE_WINDOW_SECONDS: '600' };

interface Proc {
  name: string;
  child: ChildProcess;
  lines: () => { msg?: string; pid?: number; correlationId?: string; level?: string }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Spawns `dist/src/<script>` with JSON logs, and keeps its log lines for the assertions. */
function spawnEssaim(name: string, script: string, env: Record<string, string>): Proc {
  let out = '';
  const child = spawn(process.execPath, [join('dist', 'src', script)], {
    env: { ...process.env, ...SHARED, LOG_FORMAT: 'json', LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const lines = (): { msg?: string; correlationId?: string }[] =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as { msg?: string; correlationId?: string };
        } catch {
          return {};
        }
      });
  return { name, child, lines };
}

async function stop(p: Proc | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill(signal);
  await exited;
}

const jobsDone = (p: Proc): string[] => p.lines().flatMap((l) => /^job (\S+) (\S+) done/.exec(l.msg ?? '')?.[2] ?? []);

describe('two api processes and two workers on one PostgreSQL and Redis (e2e)', () => {
  const ctx = useTestApp({ env: SHARED });
  const apis: Proc[] = [];
  const bases: string[] = [];
  const workers: Proc[] = [];

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    for (const name of ['api-1', 'api-2']) {
      const port = await freePort();
      apis.push(spawnEssaim(name, 'main.js', { PORT: String(port), HOST: '127.0.0.1' }));
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(
      bases.map((b) =>
        waitFor(
          () =>
            fetch(`${b}/health/ready`).then(
              (r) => r.ok,
              () => false,
            ),
          60_000,
          200,
        ),
      ),
    );
  }, 90_000);
  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => stop(p)));
  });

  it('a session opened on one api is valid on the other, and a logout on either ends it on both', async () => {
    const user = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const login = await fetch(`${bases[0]}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await loginBody(ctx.t.db, user)),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const me = await fetch(`${bases[1]}/api/v1/me`, { headers: auth });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(user.id);
    // JSON logs carry the request's correlation id (here the AccessGuard's refusal of /metrics to an instructor).
    const correlationId = `two-${randomBytes(6).toString('hex')}`;
    const refused = await fetch(`${bases[0]}/metrics`, { headers: { ...auth, 'X-Request-Id': correlationId } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-correlation-id')).toBe(correlationId);
    await waitFor(
      async () =>
        at(apis, 0, 'api')
          .lines()
          .some((l) => (l as { correlationId?: string; context?: string }).correlationId === correlationId),
      5000,
    );
    expect((await fetch(`${bases[1]}/api/v1/auth/logout`, { method: 'POST', headers: auth })).status).toBe(204);
    expect((await fetch(`${bases[0]}/api/v1/me`, { headers: auth })).status).toBe(401);
  });

  it('jobs spread over both workers, and every document and export is produced exactly once while one worker is killed', async () => {
    for (const name of ['worker-1', 'worker-2']) workers.push(spawnEssaim(name, 'worker.js', {}));
    await Promise.all(workers.map((w) => waitFor(async () => w.lines().some((l) => l.msg === 'worker started'), 60_000, 200)));

    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    // One call each: an identical request while one is PENDING would answer that one instead of queuing another.
    const requestExport = async (i: number): Promise<string> => {
      const { id: callId } = await createOpenCall(ctx.owner);
      const body = JSON.stringify({ type: 'OPERATIONS', format: 'CSV', callId });
      const res = await fetch(`${bases[i % 2]}/api/v1/reports`, { method: 'POST', headers: { ...ma.auth, 'content-type': 'application/json' }, body });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    // Submissions expect a receipt each (a document row PENDING from the submission on), exports a file each.
    const dossiers: string[] = [];
    for (let i = 0; i < 4; i++) dossiers.push((await submittedDossier(ctx.t, ctx.owner)).applicationId);
    const reports: string[] = [];
    for (let i = 0; i < 8; i++) reports.push(await requestExport(i));
    await waitFor(async () => workers.every((w) => jobsDone(w).length > 0), 60_000, 200);

    // A second batch, and the first worker dies (SIGKILL: no graceful shutdown) while it is being handled.
    for (let i = 0; i < 10; i++) reports.push(await requestExport(i));
    await stop(workers[0], 'SIGKILL');

    await waitFor(
      async () => {
        const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM report_export WHERE id = ANY($1) AND status = 'READY'`, [reports]);
        const [{ m }] = await ctx.owner.query(`SELECT count(*)::int AS m FROM document WHERE subject_id = ANY($1) AND kind = 'RECEIPT' AND status = 'READY'`, [
          dossiers,
        ]);
        return n === reports.length && m === dossiers.length;
      },
      90_000,
      250,
    );

    const docs: { id: string; subject_id: string }[] = await ctx.owner.query(
      `SELECT id, subject_id FROM document WHERE subject_id = ANY($1) AND kind = 'RECEIPT'`,
      [dossiers],
    );
    expect(docs.map((d) => d.subject_id).sort()).toEqual([...dossiers].sort()); // one receipt row per dossier
    const audited = async (action: string, ids: string[]): Promise<Record<string, number>> => {
      const rows: { subject_id: string; n: number }[] = await ctx.owner.query(
        `SELECT subject_id, count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = ANY($2) GROUP BY subject_id`,
        [action, ids],
      );
      return Object.fromEntries(rows.map((r) => [r.subject_id, r.n]));
    };
    expect(await audited('report.generated', reports)).toEqual(Object.fromEntries(reports.map((id) => [id, 1])));
    // A receipt is not audited (the submission is); its row's digest is that of the one file stored for it.
    for (const d of await ctx.owner.query(`SELECT id, sha256, storage_key FROM document WHERE id = ANY($1)`, [docs.map((x) => x.id)])) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(ctx.t.config.files.dir, d.storage_key)))
          .digest('hex'),
      ).toBe(d.sha256);
    }
    const files = (dir: string): string[] => readdirSync(join(ctx.t.config.files.dir, dir)).filter((f) => !f.startsWith('.'));
    expect(
      files('reports')
        .filter((f) => reports.some((id) => f.startsWith(id)))
        .sort(),
    ).toEqual(reports.map((id) => `${id}.csv`).sort());
    expect(
      files('documents')
        .filter((f) => docs.some((d) => f.startsWith(d.id)))
        .sort(),
    ).toEqual(docs.map((d) => `${d.id}.pdf`).sort());
    // A job the killed worker held may have committed its effect before dying: its outbox row is closed when the
    // survivor takes the stalled job over (lock 10 s, stall check 5 s), which finds the effect done and records it.
    await waitFor(
      async () => {
        const [{ open }] = await ctx.owner.query(
          `SELECT count(*)::int AS open FROM outbox WHERE done_at IS NULL AND failed_at IS NULL AND job_name IN ('generate-receipt', 'generate-report-export')`,
        );
        return open === 0;
      },
      60_000,
      250,
    );
    // Both workers took part; the survivor finished what the killed one held.
    expect(jobsDone(at(workers, 0, 'worker')).length).toBeGreaterThan(0);
    expect(jobsDone(at(workers, 1, 'worker')).length).toBeGreaterThan(0);
    // Each job's log lines carry `job:<id>` as their correlation id.
    const done = at(workers, 1, 'worker')
      .lines()
      .find((l) => /^job \S+ \S+ done/.test(l.msg ?? ''))!;
    expect(done.correlationId).toBe(`job:${/^job \S+ (\S+) done/.exec(done.msg!)![1]}`);
  }, 180_000);

  // Last: the per-IP counter it fills is shared by every login of this spec (same IP, same Redis prefix).
  it('login throttling counts the failures made on both apis together', async () => {
    const attempt = (base: string): Promise<number> =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `nobody-${randomBytes(4).toString('hex')}@test.essaim.fr`, password: 'wrong password 123' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await attempt(at(bases, i % 2, 'base')));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]); // 3 on each: neither api alone reached its limit of 6
    expect(await attempt(at(bases, 0, 'base'))).toBe(429);
    expect(await attempt(at(bases, 1, 'base'))).toBe(429);
  });
});
