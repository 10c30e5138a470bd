import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { migrate } from '../src/database/migrate';
import { resolveInfra } from '../src/infra/local-infra';
import { hashPassword } from '../src/modules/auth/password';
import { median, runLoad } from './support/load';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OPTS = { concurrency: 50, warmupMs: 3000, durationMs: 10_000 };

/** L1 (quality-scenarios.md): Essaim against a bare Fastify + pg twin running the same SQL, same machine, same run. */
async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const infra = await resolveInfra({ databaseUrl: undefined, redisUrl: process.env.REDIS_URL, dataDir: resolve('.data'), databaseName: `essaim_bench_${run}` });
  const env = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, QUEUE_PREFIX: `essaim-bench-${run}`, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  const children: ChildProcess[] = [];
  try {
    await migrate(loadConfig(env));
    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    const password = 'bench password 2026';
    await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('bench@essaim.test', 'Bench', $1, '{APPLICANT}')`, [await hashPassword(password)]);
    await db.end();

    children.push(await start(join(__dirname, '..', 'src', 'main.js'), { ...env, PORT: '3101', HOST: '127.0.0.1', LOGIN_MAX_FAILURES_PER_IP: '10000' }, 'http://127.0.0.1:3101/health/live'));
    children.push(await start(join(__dirname, 'bare-server.js'), { ...env, PORT: '3102' }, 'http://127.0.0.1:3102/live'));
    const login = await fetch('http://127.0.0.1:3101/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@essaim.test', password }) });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const targets = [
      { endpoint: 'live', name: 'essaim', url: 'http://127.0.0.1:3101/health/live', headers: {} },
      { endpoint: 'live', name: 'bare', url: 'http://127.0.0.1:3102/live', headers: {} },
      { endpoint: 'me (pk read)', name: 'essaim', url: 'http://127.0.0.1:3101/api/v1/me', headers: auth },
      { endpoint: 'me (pk read)', name: 'bare', url: 'http://127.0.0.1:3102/me', headers: auth },
    ];
    console.log(`bench http-baseline: ${OPTS.concurrency} clients, ${OPTS.warmupMs / 1000} s warm-up + ${OPTS.durationMs / 1000} s, median of ${RUNS} run(s)\n`);
    console.log('endpoint        target   rps       p50 ms   p95 ms   p99 ms   non2xx');
    const summary = new Map<string, { rps: number; p95: number }>();
    for (const t of targets) {
      const results = [];
      for (let i = 0; i < RUNS; i++) results.push(await runLoad(t.url, t.headers, OPTS));
      const rps = median(results.map((r) => r.rps));
      const p95 = median(results.map((r) => r.p95Ms));
      const p50 = median(results.map((r) => r.p50Ms));
      const p99 = median(results.map((r) => r.p99Ms));
      const non2xx = results.reduce((s, r) => s + r.non2xx, 0);
      summary.set(`${t.endpoint}/${t.name}`, { rps, p95 });
      console.log(`${t.endpoint.padEnd(15)} ${t.name.padEnd(8)} ${rps.toFixed(0).padStart(7)}   ${p50.toFixed(1).padStart(6)}   ${p95.toFixed(1).padStart(6)}   ${p99.toFixed(1).padStart(6)}   ${non2xx}`);
    }
    console.log('');
    for (const endpoint of ['live', 'me (pk read)']) {
      const app = summary.get(`${endpoint}/essaim`)!;
      const base = summary.get(`${endpoint}/bare`)!;
      console.log(`ratio ${endpoint}: rps essaim/bare ${(app.rps / base.rps).toFixed(2)} (target ≥ 0.50), p95 essaim/bare ${(app.p95 / base.p95).toFixed(2)}x (target ≤ 2.5x)`);
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await sleep(500);
    await cleanup(infra.databaseUrl, infra.redisUrl, env.QUEUE_PREFIX);
    await infra.stop();
  }
}

function start(script: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return (async () => {
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(readyUrl)).ok) return child;
      } catch {
        // not yet listening
      }
      await sleep(200);
    }
    child.kill();
    throw new Error(`${script} did not start`);
  })();
}

async function cleanup(databaseUrl: string, redisUrl: string, prefix: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
