import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals } from './app/graceful-shutdown';
import { createLogger } from './common/logging/create-logger';
import { InvalidConfigError } from './config/env.validation';
import { loadConfig } from './config/config';
import { waitForDatabase } from './database/wait-for-database';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await waitForDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: createLogger(config, 'worker') });
  exitGracefullyOnSignals(app);
  new Logger('Essaim').log('worker started');
}

bootstrap().catch((e: unknown) => {
  console.error(e instanceof InvalidConfigError ? e.message : e);
  process.exit(1);
});
