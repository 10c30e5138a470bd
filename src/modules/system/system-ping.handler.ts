import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobReceipts } from '../../jobs/job-receipts.service';
import { JobName, JobPayloads } from '../../jobs/queues';

@Injectable()
export class SystemPingHandler implements JobHandler<typeof JobName.SystemPing> {
  readonly jobName = JobName.SystemPing;

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly receipts: JobReceipts,
  ) {}

  async handle(job: Job<JobPayloads[typeof JobName.SystemPing]>): Promise<void> {
    // Stands in for real work (a PDF); lets tests kill the worker mid-job.
    if (this.config.queue.pingDelayMs > 0) await sleep(this.config.queue.pingDelayMs);
    await this.receipts.runOnce(String(job.id), job.name, async (em) => {
      await em.query(`UPDATE system_ping SET processed_at = now(), process_count = process_count + 1 WHERE id = $1`, [job.data.pingId]);
      await this.audit.record(em, systemActor(String(job.id)), { action: 'system.ping.processed', subjectType: 'system_ping', subjectId: job.data.pingId });
    });
  }
}
