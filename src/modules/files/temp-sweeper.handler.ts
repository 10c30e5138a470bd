import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName } from '../../jobs/queues';
import { sweepTempFiles } from './sweep-temp-files';

/**
 * Removes temporary files a crash left behind (a process killed between write and rename or cleanup), on a BullMQ
 * job scheduler (`JobSchedules`). Only files older than FILES_TEMP_MAX_AGE_MS go, so an upload or an export in
 * progress is never touched.
 */
@Injectable()
export class TempFilesSweeper implements JobHandler<typeof JobName.SweepTempFiles> {
  readonly jobName = JobName.SweepTempFiles;
  private readonly logger = new Logger(TempFilesSweeper.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(): Promise<void> {
    const removed = await sweepTempFiles(this.config.files.dir, this.config.files.tempMaxAgeMs);
    if (removed.length) this.logger.warn(`removed ${removed.length} orphan temporary file(s)`);
  }
}
