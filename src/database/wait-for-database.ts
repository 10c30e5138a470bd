import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { AppConfig } from '../config/config';

/**
 * Waits until PostgreSQL accepts a connection, retrying with a growing delay (1 s to 5 s) and saying so every 10 s,
 * instead of exiting: a worker or api started before its database (a restart of both, a failover) comes up by itself.
 */
export async function waitForDatabase(config: AppConfig, opts: { timeoutMs?: number; logger?: Pick<Logger, 'warn' | 'log'> } = {}): Promise<void> {
  const logger = opts.logger ?? new Logger('Database');
  const started = Date.now();
  let lastSaid = 0;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      if (attempt > 1) logger.log(`PostgreSQL answers after ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    } catch (e) {
      await client.end().catch(() => undefined);
      if (opts.timeoutMs !== undefined && Date.now() - started > opts.timeoutMs) throw e;
      if (Date.now() - lastSaid > 10_000) {
        lastSaid = Date.now();
        const u = new URL(config.database.url);
        logger.warn(`waiting for PostgreSQL at ${u.hostname}:${u.port || 5432} (${(e as Error).message}); retrying`);
      }
      await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 5000)));
    }
  }
}
