import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { migrate } from '../../src/database/migrate';
import { resolveInfra } from '../../src/infra/local-infra';
import { testRunEnv } from './test-env';

/**
 * Finds Postgres and Redis the way `npm start` does (DATABASE_URL / REDIS_URL, else the local services, else the
 * embedded default), creates a fresh database for this run and runs the real migrations once.
 */
export default async function globalSetup(): Promise<void> {
  const name = `essaim_test_${randomBytes(5).toString('hex')}`;
  const base = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : undefined;
  if (base) base.pathname = `/${name}`;
  const infra = await resolveInfra({ databaseUrl: base?.toString(), redisUrl: process.env.REDIS_URL, dataDir: resolve('.data'), databaseName: name });
  Object.assign(process.env, testRunEnv(infra.databaseUrl, infra.redisUrl));
  await migrate(loadConfig());
  (globalThis as Record<string, unknown>).__ESSAIM_INFRA__ = infra;
}
