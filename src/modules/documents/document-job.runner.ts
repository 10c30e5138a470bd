import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DocumentStore } from './document-store.service';
import { isLastAttempt } from './domain/attempts';
import { DocumentsRepository, type GeneratedDocumentRow } from './documents.repository';

/**
 * The common path of a document job: the requested version is produced exactly once (`DocumentStore.produce`), its
 * audit row is written in the transaction that marks it READY (so a worker killed before that commit leaves neither,
 * and the retry writes both), and the last failed attempt marks it FAILED with the reason so that the pages and the
 * API say so instead of waiting forever.
 */
@Injectable()
export class DocumentJobRunner {
  private readonly logger = new Logger(DocumentJobRunner.name);

  constructor(
    private readonly audit: AuditService,
    private readonly documents: DocumentsRepository,
    private readonly store: DocumentStore,
  ) {}

  async run(
    job: Job,
    documentId: string,
    render: (doc: GeneratedDocumentRow) => Promise<Buffer>,
    onReady?: (em: EntityManager, doc: GeneratedDocumentRow) => Promise<void>,
  ): Promise<void> {
    const doc = await this.documents.findById(documentId);
    if (!doc) throw new Error(`document ${documentId} not found`);
    if (doc.status === 'READY') return;
    const key = { subjectType: doc.subjectType, subjectId: doc.subjectId, kind: doc.kind, version: doc.version };
    try {
      const stored = await this.store.produce(
        key,
        () => render(doc),
        async (em, ready) => {
          if (onReady) await onReady(em, doc);
          // Last in the READY transaction: the audit row takes the audit chain's lock until commit.
          await this.audit.record(em, systemActor(String(job.id)), {
            action: 'document.generated',
            subjectType: 'document',
            subjectId: ready.id,
            after: {
              kind: doc.kind,
              subjectType: doc.subjectType,
              subjectId: doc.subjectId,
              version: doc.version,
              sha256: ready.sha256,
              sizeBytes: ready.sizeBytes,
            },
          });
        },
      );
      this.logger.log(`${doc.kind} v${doc.version} ${stored.id} ready`);
    } catch (e) {
      if (isLastAttempt(job.attemptsMade, job.opts.attempts)) await this.store.markFailed(key, (e as Error).message);
      throw e;
    }
  }
}
