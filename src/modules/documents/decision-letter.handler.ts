import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentDataRepository } from './document-data.repository';
import { DocumentJobRunner } from './document-job.runner';
import { documentTexts } from './document-texts';
import { decisionLetterLayout, DecisionLetterTexts } from './render/decision-letter.layout';
import { renderPdf } from './render/pdf-renderer';

/** A decision letter (inadmissible, ineligible, défavorable, ajourné, favorable) from the decision it reports. */
@Injectable()
export class DecisionLetterHandler implements JobHandler<typeof JobName.GenerateDecisionLetter> {
  readonly jobName = JobName.GenerateDecisionLetter;
  private readonly texts = documentTexts<DecisionLetterTexts>('decision-letter');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: DocumentDataRepository,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateDecisionLetter]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async (doc) => {
      const { applicationId: _id, ...facts } = await this.data.letter(job.data.decisionLetterFor, job.data.sourceId);
      return renderPdf(decisionLetterLayout({ ...facts, issuer: this.config.issuer, version: doc.version }, this.texts), doc.createdAt);
    });
  }
}
