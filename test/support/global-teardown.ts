import Redis from 'ioredis';
import { rm } from 'node:fs/promises';
import { Client } from 'pg';
import type { ResolvedInfra } from '../../src/infra/local-infra';

/** Drops the run's database and its BullMQ keys, then stops whatever the setup started. */
export default async function globalTeardown(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();

  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const prefix = process.env.QUEUE_PREFIX!;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  if (process.env.FILES_DIR?.includes('test-files-')) await rm(process.env.FILES_DIR, { recursive: true, force: true });
  await ((globalThis as Record<string, unknown>).__ESSAIM_INFRA__ as ResolvedInfra | undefined)?.stop();
}
