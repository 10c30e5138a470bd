import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp } from './app/configure-app';
import { exitGracefullyOnSignals } from './app/graceful-shutdown';
import { createLogger } from './common/logging/create-logger';
import { InvalidConfigError } from './config/env.validation';
import { loadConfig } from './config/config';
import { waitForDatabase } from './database/wait-for-database';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await waitForDatabase(config);
  const app = await createApiApp(config, createLogger(config, 'api'));
  await app.listen({ port: config.http.port, host: config.http.host });
  exitGracefullyOnSignals(app);
  new Logger('Essaim').log(`api listening on ${config.http.publicUrl}`);
}

bootstrap().catch((e: unknown) => {
  console.error(e instanceof InvalidConfigError ? e.message : e);
  process.exit(1);
});
