import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { awardProposalOfDecision } from './award-proposal-letter.sql';
import { DocumentDataRepository } from './document-data.repository';
import { DocumentJobRunner } from './document-job.runner';
import { documentTexts } from './document-texts';
import { decisionLetterLayout, DecisionLetterTexts } from './render/decision-letter.layout';
import { renderPdf } from './render/pdf-renderer';

/**
 * A decision letter (inadmissible, ineligible, défavorable, ajourné, favorable) from the decision it reports; a
 * favourable decision below the retained amount opened a proposal, and its letter says so (docs/domain/committee.md).
 */
@Injectable()
export class DecisionLetterHandler implements JobHandler<typeof JobName.GenerateDecisionLetter> {
  readonly jobName = JobName.GenerateDecisionLetter;
  private readonly texts = documentTexts<DecisionLetterTexts>('decision-letter');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: DocumentDataRepository,
    private readonly dataSource: DataSource,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateDecisionLetter]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async (doc) => {
      const { applicationId: _id, ...facts } = await this.data.letter(job.data.decisionLetterFor, job.data.sourceId);
      const proposal =
        job.data.decisionLetterFor === 'committee' && facts.outcome === 'FAVORABLE' ? await awardProposalOfDecision(this.dataSource, job.data.sourceId) : null;
      const letter = proposal ? { ...facts, outcome: 'AWARD_PROPOSED' as const, proposal } : facts;
      return renderPdf(decisionLetterLayout({ ...letter, issuer: this.config.issuer, version: doc.version }, this.texts), doc.createdAt);
    });
  }
}
