import { Inject, Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql } from '../organisations/beneficiary-identity.sql';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentJobRunner } from '../documents/document-job.runner';
import { withIssuer } from '../documents/render/issuer-header';
import { renderPdf } from '../documents/render/pdf-renderer';
import { participantNoticeLayout } from '../participants/render/participant-notice.layout';
import { executionReportLayout, type ReportSnapshot } from './render/execution-report.layout';

/** « Bilan d'exécution » PDF, rendered from the report's frozen snapshot (the job carries ids only). */
@Injectable()
export class ExecutionReportHandler implements JobHandler<typeof JobName.GenerateExecutionReport> {
  readonly jobName = JobName.GenerateExecutionReport;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateExecutionReport]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async () => {
      const [r]: { snapshot: ReportSnapshot | null; legal_name: string }[] = await this.dataSource.query(
        `SELECT r.snapshot, ${beneficiaryLegalNameSql()} AS legal_name FROM execution_report r JOIN application a ON a.id = r.application_id JOIN organisation o ON o.id = a.organisation_id WHERE r.id = $1`,
        [job.data.reportId],
      );
      if (!r?.snapshot) throw new Error(`execution report ${job.data.reportId} has no snapshot`);
      return renderPdf(
        withIssuer(executionReportLayout(r.snapshot, this.config.operatorName, r.legal_name), this.config.issuer),
        new Date(r.snapshot.submittedAt),
      );
    });
  }
}

/** The participants' information notice of an operation. */
@Injectable()
export class ParticipantNoticeHandler implements JobHandler<typeof JobName.GenerateParticipantNotice> {
  readonly jobName = JobName.GenerateParticipantNotice;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GenerateParticipantNotice]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async (doc) => {
      const [a]: { title: string | null; number: string | null; legal_name: string }[] = await this.dataSource.query(
        `SELECT a.title, a.number, ${beneficiaryLegalNameSql()} AS legal_name FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
        [job.data.applicationId],
      );
      if (!a) throw new Error(`application ${job.data.applicationId} not found`);
      return renderPdf(
        withIssuer(
          participantNoticeLayout({ operatorName: this.config.operatorName, organisationName: a.legal_name, operationTitle: a.title ?? '', number: a.number }),
          this.config.issuer,
        ),
        doc.createdAt,
      );
    });
  }
}
