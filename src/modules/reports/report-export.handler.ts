import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { OBJECT_STORAGE, type ObjectStorage } from '../files/storage/object-storage';
import { JobHandler } from '../../jobs/job-handler';
import { JobReceipts } from '../../jobs/job-receipts.service';
import { JobName, JobPayloads } from '../../jobs/queues';
import { extensionOf, mediaTypeOf } from './domain/report-kinds';
import { ReportExportsRepository } from './report-exports.repository';
import { ReportGenerator } from './report-generator';

type ReportJob = Job<JobPayloads[typeof JobName.GenerateReportExport]>;

/**
 * Generates a requested export in the worker. Exports run one at a time per worker process (they are long and
 * memory-bound): jobs wait on a local chain whatever the queue's concurrency. A request that is already READY is
 * skipped; the file is written to a local temporary file, then stored as `reports/<id>.<ext>` (ObjectStorage) inside
 * the receipt transaction that marks the row READY, so a job delivered twice, or two jobs for one request, leave one
 * object.
 */
@Injectable()
export class ReportExportHandler implements JobHandler<typeof JobName.GenerateReportExport> {
  readonly jobName = JobName.GenerateReportExport;
  private readonly logger = new Logger(ReportExportHandler.name);
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly generator: ReportGenerator,
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly receipts: JobReceipts,
    private readonly reports: ReportExportsRepository,
  ) {}

  handle(job: ReportJob): Promise<void> {
    const run = this.chain.then(() => this.generate(job));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async generate(job: ReportJob): Promise<void> {
    const { reportId } = job.data;
    const report = await this.reports.findById(reportId);
    if (!report) throw new Error(`report ${reportId} does not exist`);
    if (report.status !== 'PENDING') return;
    await this.reports.markStarted(reportId);

    const dir = join(this.config.files.dir, 'reports');
    await mkdir(dir, { recursive: true });
    const storageKey = `reports/${reportId}.${extensionOf(report.format)}`;
    const tmp = join(dir, `.${reportId}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const rowCount = await this.generator.generate(report, tmp);
      const [{ size }, sha256] = await Promise.all([stat(tmp), sha256Of(tmp)]);
      const handled = await this.receipts.runOnce(String(job.id), job.name, async (em) => {
        if (!(await this.reports.markReady(em, reportId, { storageKey, sizeBytes: size, sha256, rowCount }))) return;
        // Stored while the row is locked READY-but-uncommitted: a second job for this request finds READY and stores nothing.
        await this.objects.putFile(storageKey, tmp, { contentType: mediaTypeOf(report.format) });
        await this.audit.record(em, systemActor(String(job.id)), {
          action: 'report.generated',
          subjectType: 'report_export',
          subjectId: reportId,
          after: { type: report.type, format: report.format, sizeBytes: size, sha256, rowCount },
        });
      });
      this.logger.log(`report ${reportId} ${handled ? 'ready' : 'already handled'} (${rowCount} rows, ${size} bytes)`);
    } catch (e) {
      const attempts = job.opts?.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts)
        await this.reports.markFailed(reportId, `La génération a échoué après ${attempts} tentative(s) : ${(e as Error).message}`);
      throw e;
    } finally {
      await rm(tmp, { force: true });
    }
  }
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
