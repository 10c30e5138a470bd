import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../src/config/config';
import { ReportGenerator } from '../../src/modules/reports/report-generator';
import { WorkerModule } from '../../src/worker.module';
import { measureGeneration } from './export-child';
import { present } from '../../src/common/collections';

/**
 * bench:exports' child for the worker as it runs: the whole application context of `src/worker.ts` (every handler,
 * BullMQ workers on the bench's queue prefix, the mail renderer, pdfkit), started with the worker's V8 flags by the
 * parent; then the report generator taken from it. Prints one JSON line (ChildResult).
 */
async function main(format: 'CSV' | 'XLSX', out: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig()), { logger: ['error', 'warn'] });
  try {
    console.log(JSON.stringify(await measureGeneration(app.get(ReportGenerator, { strict: false }), format, out)));
  } finally {
    await app.close();
  }
}

main(process.argv[3] === 'XLSX' ? 'XLSX' : 'CSV', present(process.argv[4], 'the database url argument')).catch((e) => {
  console.error(e);
  process.exit(1);
});
