import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { JobReceipts } from '../../jobs/job-receipts.service';
import { DocumentStore } from './document-store.service';
import { isLastAttempt } from './domain/attempts';
import { DocumentsRepository, type GeneratedDocumentRow } from './documents.repository';

/**
 * The common path of a document job: the requested version is produced exactly once (`DocumentStore.produce`), the
 * audit trail records it once per job (`JobReceipts.runOnce`), and the last failed attempt marks it FAILED with the
 * reason so that the pages and the API say so instead of waiting forever.
 */
@Injectable()
export class DocumentJobRunner {
  private readonly logger = new Logger(DocumentJobRunner.name);

  constructor(
    private readonly audit: AuditService,
    private readonly documents: DocumentsRepository,
    private readonly receipts: JobReceipts,
    private readonly store: DocumentStore,
  ) {}

  async run(job: Job, documentId: string, render: (doc: GeneratedDocumentRow) => Promise<Buffer>, onReady?: (em: EntityManager, doc: GeneratedDocumentRow) => Promise<void>): Promise<void> {
    const doc = await this.documents.findById(documentId);
    if (!doc) throw new Error(`document ${documentId} not found`);
    if (doc.status === 'READY') return;
    const key = { subjectType: doc.subjectType, subjectId: doc.subjectId, kind: doc.kind, version: doc.version };
    try {
      const stored = await this.store.produce(key, () => render(doc), onReady && ((em) => onReady(em, doc)));
      await this.receipts.runOnce(String(job.id), job.name, (em) =>
        this.audit.record(em, systemActor(String(job.id)), {
          action: 'document.generated',
          subjectType: 'document',
          subjectId: stored.id,
          after: { kind: doc.kind, subjectType: doc.subjectType, subjectId: doc.subjectId, version: doc.version, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
        }),
      );
      this.logger.log(`${doc.kind} v${doc.version} ${stored.id} ready`);
    } catch (e) {
      if (isLastAttempt(job.attemptsMade, job.opts.attempts)) await this.store.markFailed(key, (e as Error).message);
      throw e;
    }
  }
}
