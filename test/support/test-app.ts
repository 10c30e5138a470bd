import 'reflect-metadata';
import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../src/api.module';
import { configureApp, createFastifyAdapter } from '../../src/app/configure-app';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/database/data-source';
import { WorkerModule } from '../../src/worker.module';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** The application's own pool (restricted role). */
  db: DataSource;
  close(): Promise<void>;
}

/** The real ApiModule with main.ts's pipeline; `extra` modules may add test-only routes. */
export async function createTestApp(opts: { env?: Record<string, string>; extra?: Type[] } = {}): Promise<TestApp> {
  const config = loadConfig(opts.env);
  @Module({ imports: [ApiModule.forRoot(config), ...(opts.extra ?? [])] })
  class TestRootModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestRootModule, createFastifyAdapter(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    close: () => app.close(),
  };
}

/** The worker's module in this process (processors only). */
export async function startTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(env)), { logger: ['error', 'warn'], abortOnError: false });
  await ctx.init();
  return ctx;
}

/** A connection as the schema owner, for cleanup and for assertions the app role may not make. */
export async function ownerDataSource(): Promise<DataSource> {
  const ds = createDataSource(loadConfig(), { as: 'owner' });
  return ds.initialize();
}

/** Empties every table but the migrations and the append-only audit log. */
export async function truncateAll(owner: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await owner.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'audit_log')`,
  );
  if (!tables.length) return;
  const sql = `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  // The app's background work (relay, reconciler, schedulers, a worker finishing a job) locks rows while TRUNCATE
  // takes every table: PostgreSQL may pick TRUNCATE as a deadlock victim (40P01). Nothing was emptied then; try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await owner.query(sql);
      return;
    } catch (e) {
      const failure = e as { code?: string; driverError?: { code?: string } };
      if ((failure.driverError?.code ?? failure.code) !== '40P01' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Registers beforeAll/afterAll for a spec: the real app plus an owner connection, closed at the end. */
export function useTestApp(opts: Parameters<typeof createTestApp>[0] = {}): { t: TestApp; owner: DataSource } {
  const ctx = {} as { t: TestApp; owner: DataSource };
  beforeAll(async () => {
    ctx.t = await createTestApp(opts);
    ctx.owner = await ownerDataSource();
  });
  afterAll(async () => {
    await ctx.t?.close();
    await ctx.owner?.destroy();
  });
  return ctx;
}
