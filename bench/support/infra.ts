import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/config';
import { migrate } from '../../src/database/migrate';
import { resolveInfra } from '../../src/infra/local-infra';

export interface BenchInfra {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  notes: string[];
  /** Drops the bench database, deletes the prefixed Redis keys, stops what was started; reports instead of throwing. */
  teardown(): Promise<string[]>;
}

/** A throw-away database and Redis prefix on the same Postgres/Redis `npm start` would use, migrated. */
export async function prepareInfra(): Promise<BenchInfra> {
  const run = randomBytes(4).toString('hex');
  const databaseName = `essaim_bench_${run}`;
  const queuePrefix = `essaim-bench-${run}`;
  const infra = await resolveInfra({
    databaseUrl: onDatabase(process.env.DATABASE_URL, databaseName),
    redisUrl: process.env.REDIS_URL,
    dataDir: resolve('.data'),
    databaseName,
  });
  const bench: BenchInfra = {
    databaseUrl: infra.databaseUrl,
    redisUrl: infra.redisUrl,
    queuePrefix,
    notes: infra.notes,
    teardown: async () => {
      const problems = await settle([dropDatabase(infra.databaseUrl), deleteKeys(infra.redisUrl, queuePrefix)]);
      return problems.concat(await settle([infra.stop()]));
    },
  };
  try {
    await migrate(loadConfig({ DATABASE_URL: bench.databaseUrl, REDIS_URL: bench.redisUrl }));
  } catch (e) {
    await bench.teardown();
    throw e;
  }
  return bench;
}

/** A configured DATABASE_URL gets the bench database name, so the teardown never drops the configured database. */
function onDatabase(url: string | undefined, name: string): string | undefined {
  if (!url) return undefined;
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}

async function settle(steps: Promise<unknown>[]): Promise<string[]> {
  const results = await Promise.allSettled(steps);
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : []));
}
