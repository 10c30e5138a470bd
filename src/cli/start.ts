import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, processEnv } from '../config/config';
import { InvalidConfigError } from '../config/env.validation';
import { createDataSource } from '../database/data-source';
import { migrate } from '../database/migrate';
import { EmbeddedPostgresAccessError, MissingRedisError, resolveInfra } from '../infra/local-infra';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/demo-data';
import { seedDemo } from '../modules/demo/demo-seeder';
import { WORKER_NODE_FLAGS } from './worker-node-flags';

/** `npm start`: local services (or the embedded default), migrations, demo data, then the api and the worker. */
async function main(): Promise<void> {
  const env = processEnv();
  loadConfig(); // fail fast on a bad value before starting anything
  const infra = await resolveInfra({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, dataDir: resolve('.data'), databaseName: 'essaim' });
  const overrides = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl };
  const config = loadConfig(overrides);

  const applied = await migrate(config);
  let seeded = false;
  if (config.env !== 'production') {
    const ds = createDataSource(config);
    await ds.initialize();
    seeded = (await seedDemo(ds, config)).seeded;
    await ds.destroy();
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
      await infra.stop();
    }
    process.exit(code);
  };
  for (const entry of ['main', 'worker']) {
    const flags = entry === 'worker' ? WORKER_NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, join(__dirname, '..', `${entry}.js`)], { env: { ...env, ...overrides }, stdio: 'inherit' });
    child.once('exit', (code) => {
      if (!stopping) {
        console.error(`${entry} stopped (code ${code}); stopping Essaim`);
        void stop(1);
      }
    });
    children.push(child);
  }
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  await waitForHttp(`http://127.0.0.1:${config.http.port}/health/live`);
  const lines = [
    '',
    '  Essaim est prêt.',
    `  → ${config.http.publicUrl}/connexion`,
    `  API : ${config.http.publicUrl}/api/docs`,
    ...infra.notes.map((n) => `  ${n}`),
    `  Migrations : ${applied.length ? applied.join(', ') : 'à jour'}${seeded ? ' — données de démonstration insérées' : ''}`,
  ];
  if (config.env !== 'production') {
    lines.push('', `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
    for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(30)} ${u.roles.join(', ')}`);
  }
  console.log(lines.join('\n') + '\n');
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within 60 s`);
}

main().catch((e: unknown) => {
  console.error(e instanceof InvalidConfigError || e instanceof MissingRedisError || e instanceof EmbeddedPostgresAccessError ? e.message : e);
  process.exit(1);
});
