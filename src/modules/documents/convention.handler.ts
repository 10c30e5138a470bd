import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { ConventionIssued } from './convention-issued';
import { DocumentDataRepository } from './document-data.repository';
import { DocumentJobRunner } from './document-job.runner';
import { documentTexts } from './document-texts';
import { conventionLayout, ConventionTexts } from './render/convention.layout';
import { renderPdf } from './render/pdf-renderer';

/**
 * Convention attributive (CPR art. 73(3)) of a programmed dossier, from its current data and retained plan; the dossier
 * moves to CONVENTION_ISSUED with the document becoming READY.
 */
@Injectable()
export class ConventionHandler implements JobHandler<typeof JobName.GenerateConvention> {
  readonly jobName = JobName.GenerateConvention;
  private readonly texts = documentTexts<ConventionTexts>('convention');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: DocumentDataRepository,
    private readonly issued: ConventionIssued,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateConvention]>): Promise<void> {
    return this.runner.run(
      job,
      job.data.documentId,
      async (doc) => {
        const facts = await this.data.convention(job.data.applicationId);
        return renderPdf(conventionLayout({ ...facts, issuer: this.config.issuer, version: doc.version }, this.texts), doc.createdAt);
      },
      (em, doc) => this.issued.onConventionReady(em, job.data.applicationId, doc.id, doc.version, String(job.id)),
    );
  }
}
