import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BenchInfra, prepareInfra } from './support/infra';
import { freePort, startNode, stopChild } from './support/processes';
import { Endpoint, measureAndReport, TargetName } from './support/report';
import { insertUser, login } from './support/user';

/** docs/quality.md L1: 50 keep-alive clients, 3 s warm-up + 10 s, median of 3 runs. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOAD = { concurrency: 50, warmupMs: 3000, durationMs: 10_000 };

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
  const children: ChildProcess[] = [];
  try {
    const targets = await startTargets(infra, children);
    console.log(
      `bench http-baseline: ${LOAD.concurrency} keep-alive clients, ${LOAD.warmupMs / 1000} s warm-up + ${LOAD.durationMs / 1000} s measured, median of ${RUNS} run(s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by the load generator, both servers, Postgres and Redis`);
    console.log(`${infra.notes.join('; ')}\n`);

    if ((await measureAndReport(targets, RUNS, LOAD)) > 0) process.exitCode = 1;
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    const problems = await infra.teardown();
    for (const p of problems) console.error(`teardown: ${p}`);
    if (problems.length) process.exitCode = 1;
    console.log(`\ntotal ${((Date.now() - began) / 1000).toFixed(0)} s; bench database, Redis keys and child processes removed`);
  }
}

/** Starts Essaim's api and the bare twin on free ports, logs in, and checks both /me answers are the same document. */
async function startTargets(infra: BenchInfra, children: ChildProcess[]): Promise<Target[]> {
  const user = await insertUser(infra.databaseUrl);
  const essaim = `http://127.0.0.1:${await freePort()}`;
  const bare = `http://127.0.0.1:${await freePort()}`;
  // Pinned rather than inherited, so that both sides run with the same pool and connection options.
  const db = { DATABASE_URL: infra.databaseUrl, DATABASE_POOL_MAX: '10', DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_APP_ROLE: 'essaim_app' };
  const appEnv = {
    ...db,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: infra.queuePrefix,
    PORT: new URL(essaim).port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  children.push(await startNode(join(__dirname, '..', 'src', 'main.js'), appEnv, `${essaim}/health/live`));
  children.push(await startNode(join(__dirname, 'bare-server.js'), { ...db, PORT: new URL(bare).port }, `${bare}/live`));

  const auth = { authorization: `Bearer ${await login(essaim, user)}` };
  const [fromApp, fromBare] = await Promise.all([`${essaim}/api/v1/me`, `${bare}/me`].map((url) => fetch(url, { headers: auth }).then((r) => r.text())));
  if (fromApp !== fromBare) throw new Error(`the bare /me does not answer what Essaim answers:\n  essaim ${fromApp}\n  bare   ${fromBare}`);

  return [
    { endpoint: 'live', target: 'essaim', url: `${essaim}/health/live`, headers: {} },
    { endpoint: 'live', target: 'bare', url: `${bare}/live`, headers: {} },
    { endpoint: 'me', target: 'essaim', url: `${essaim}/api/v1/me`, headers: auth },
    { endpoint: 'me', target: 'bare', url: `${bare}/me`, headers: auth },
  ];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
