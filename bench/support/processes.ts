import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchInfra } from './infra';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node script` and resolves once `readyUrl` answers 2xx; fails fast if the child exits first. */
export async function startNode(
  script: string,
  env: Record<string, string>,
  readyUrl: string,
  timeoutMs = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000),
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stopChild(child);
  throw new Error(`${script} was not ready within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  // Unref'd so a child that exits promptly does not keep the bench alive for the whole grace period.
  const timer = sleep(graceMs, undefined, { ref: false }).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Starts the built Essaim api on a free port against the bench infrastructure; answers its base URL once live. */
export async function startApi(infra: BenchInfra, filesDir: string, children: ChildProcess[]): Promise<string> {
  const base = `http://127.0.0.1:${await freePort()}`;
  const env = {
    DATABASE_URL: infra.databaseUrl,
    DATABASE_POOL_MAX: '10',
    DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    DATABASE_APP_ROLE: 'essaim_app',
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: infra.queuePrefix,
    FILES_DIR: filesDir,
    PORT: new URL(base).port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  children.push(await startNode(join(__dirname, '..', '..', 'src', 'main.js'), env, `${base}/health/live`));
  return base;
}
