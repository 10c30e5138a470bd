import { randomBytes } from 'node:crypto';

/** Variables every e2e run shares; set by the global setup, read by loadConfig() in the tests. */
export function testRunEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  const run = randomBytes(4).toString('hex');
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `essaim-test-${run}`,
    OUTBOX_POLL_MS: '100',
    // Short locks so that a killed worker's job is recovered in seconds; BullMQ's stalled check is shared by all workers.
    JOB_LOCK_DURATION_MS: '2000',
    JOB_STALLED_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
    FILES_DIR: `.data/test-files-${run}`,
  };
}
