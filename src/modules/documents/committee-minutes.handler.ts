import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentDataRepository } from './document-data.repository';
import { DocumentJobRunner } from './document-job.runner';
import { documentTexts } from './document-texts';
import { minutesLayout, MinutesTexts } from './render/committee-minutes.layout';
import { renderPdf } from './render/pdf-renderer';

/** Procès-verbal of a programming committee session. */
@Injectable()
export class CommitteeMinutesHandler implements JobHandler<typeof JobName.GenerateCommitteeMinutes> {
  readonly jobName = JobName.GenerateCommitteeMinutes;
  private readonly texts = documentTexts<MinutesTexts>('committee-minutes');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: DocumentDataRepository,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateCommitteeMinutes]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async (doc) => {
      const facts = await this.data.minutes(job.data.sessionId);
      return renderPdf(minutesLayout({ ...facts, issuer: this.config.issuer, version: doc.version }, this.texts), doc.createdAt);
    });
  }
}
