import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../../common/project-root';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentStore } from './document-store.service';
import { isLastAttempt } from './domain/attempts';
import { renderPdf } from './render/pdf-renderer';
import { ReceiptData, receiptLayout, ReceiptTexts } from './render/receipt.layout';

interface SubmittedSnapshot {
  number: string;
  submittedAt: string;
  call: { reference: string; title: string; version: number };
  organisation: { legalName: string; siret: string };
  project: { title: string; startDate: string; endDate: string };
  financingPlan: { totals: { totalEligibleCents: number; euRequestedCents: number } };
  documents: { documentType: string; originalName: string; sizeBytes: number; sha256: string }[];
}

/**
 * The accusé de réception (docs/domain/documents.md), rendered from the immutable submission snapshot so that it states exactly
 * what was submitted. One document per dossier (version 1); a redelivered job finds it READY and stops.
 */
@Injectable()
export class ReceiptHandler implements JobHandler<typeof JobName.GenerateReceipt> {
  readonly jobName = JobName.GenerateReceipt;
  private readonly logger = new Logger(ReceiptHandler.name);
  private readonly texts = JSON.parse(readFileSync(join(projectRoot(), 'templates', 'documents', 'receipt.json'), 'utf8')) as ReceiptTexts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
  ) {}

  async handle(job: Job<JobPayloads[typeof JobName.GenerateReceipt]>): Promise<void> {
    const { applicationId } = job.data;
    const rows = await this.dataSource.query<{ submitted_snapshot: SubmittedSnapshot | null }[]>(`SELECT submitted_snapshot FROM application WHERE id = $1`, [
      applicationId,
    ]);
    const snapshot = rows[0]?.submitted_snapshot;
    if (!snapshot) throw new Error(`application ${applicationId} has no submission snapshot`);
    const key = { subjectType: 'application', subjectId: applicationId, kind: 'RECEIPT', version: 1 };
    const doc = await this.store
      .produce(key, () => renderPdf(receiptLayout(this.toData(snapshot), this.texts), new Date(snapshot.submittedAt)))
      .catch(async (e: Error) => {
        if (isLastAttempt(job.attemptsMade, job.opts.attempts)) await this.store.markFailed(key, e.message);
        throw e;
      });
    this.logger.log(`receipt ${doc.id} ready for application ${applicationId}`);
  }

  private toData(s: SubmittedSnapshot): ReceiptData {
    return {
      number: s.number,
      submittedAt: new Date(s.submittedAt),
      issuer: this.config.issuer,
      call: s.call,
      organisation: s.organisation,
      project: s.project,
      plan: s.financingPlan.totals,
      documents: s.documents.map((d) => ({ type: d.documentType, name: d.originalName, sizeBytes: d.sizeBytes, sha256: d.sha256 })),
    };
  }
}
