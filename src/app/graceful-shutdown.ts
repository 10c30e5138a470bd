import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: stop taking work, let in-flight requests and active jobs finish (BullMQ's worker.close() waits for
 * them), then exit 0. A hard deadline keeps a stuck job from blocking a deploy forever.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, graceMs = 25_000): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: closing`);
    setTimeout(() => {
      logger.error(`still busy after ${graceMs} ms: exiting`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
