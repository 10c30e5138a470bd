import type { AppConfig } from '../config/config';
import { createDataSource } from './data-source';

/** Runs pending migrations as the owner role, under an advisory lock so concurrent starters wait for each other. */
export async function migrate(config: AppConfig): Promise<string[]> {
  const ds = createDataSource(config, { as: 'owner' });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(7319000)');
    const done = await ds.runMigrations({ transaction: 'each' });
    await lock.query('SELECT pg_advisory_unlock(7319000)');
    return done.map((m) => m.name);
  } finally {
    await lock.release();
    await ds.destroy();
  }
}
