import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../common/outbox/outbox.service';
import { JobName } from '../../jobs/queues';
import { DOCUMENT_KIND_SPECS, type DocumentKind } from './domain/document-kinds';
import { DocumentsRepository, type GeneratedDocumentRow } from './documents.repository';

export type DecisionSource = { type: 'admissibility' | 'eligibility' | 'committee'; id: string };
/** What a document reports on: a decision, or a submitted execution report. */
export type DocumentSource =
  DecisionSource | { type: 'execution_report'; id: string } | { type: 'verification'; id: string } | { type: 'payment' | 'recovery_order'; id: string };

export interface DocumentRequest {
  kind: DocumentKind;
  /** The dossier (RECEIPT, CONVENTION, DECISION_LETTER) or the committee session (COMMITTEE_MINUTES). */
  subjectId: string;
  /** DECISION_LETTER only: the admissibility review, eligibility report (application id) or committee decision. */
  source?: DocumentSource;
  /**
   * The business event asking for the document, e.g. `committee-decision-<id>`: the same key twice yields one
   * document. Leave it out for a deliberate regeneration, which adds a version.
   */
  requestKey?: string;
  requestedBy?: string | null;
}

export interface RequestedDocument {
  id: string;
  status: GeneratedDocumentRow['status'];
  /** False when the request found the document it asks for (same event, or a single-version kind already made). */
  created: boolean;
}

/**
 * Asks for a generated document inside the caller's transaction: the PENDING `document` row and the outbox job commit
 * with the business change, or not at all. Call `OutboxRelay.kick()` after the commit (the relay also polls).
 */
@Injectable()
export class DocumentRequests {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly outbox: OutboxService,
  ) {}

  async request(em: EntityManager, r: DocumentRequest): Promise<RequestedDocument> {
    const spec = DOCUMENT_KIND_SPECS[r.kind];
    if (r.kind === 'DECISION_LETTER' && !r.source) throw new Error('a decision letter needs the decision it reports');
    await this.documents.lockSubjectKind(em, r.subjectId, r.kind);

    const existing =
      spec.versionPolicy === 'SINGLE'
        ? await this.documents.findSingle(em, spec.subjectType, r.subjectId, r.kind)
        : r.requestKey
          ? await this.documents.findByRequestKey(em, r.requestKey)
          : null;
    if (existing) {
      if (existing.status !== 'FAILED') return { id: existing.id, status: existing.status, created: false };
      await this.documents.retryFailed(em, existing.id);
      await this.enqueue(
        em,
        existing.id,
        r.kind,
        r.subjectId,
        existing.sourceType && existing.sourceId ? ({ type: existing.sourceType, id: existing.sourceId } as DocumentSource) : r.source,
      );
      return { id: existing.id, status: 'PENDING', created: false };
    }

    const version = spec.versionPolicy === 'SINGLE' ? 1 : await this.documents.nextVersion(em, spec.subjectType, r.subjectId, r.kind);
    const id = await this.documents.insertPending(em, {
      subjectType: spec.subjectType,
      subjectId: r.subjectId,
      kind: r.kind,
      version,
      source: r.source ?? null,
      requestKey: r.requestKey ?? null,
      requestedBy: r.requestedBy ?? null,
    });
    await this.enqueue(em, id, r.kind, r.subjectId, r.source);
    return { id, status: 'PENDING', created: true };
  }

  private async enqueue(em: EntityManager, documentId: string, kind: DocumentKind, subjectId: string, source: DocumentSource | undefined): Promise<void> {
    switch (kind) {
      case 'RECEIPT':
        await this.outbox.enqueue(em, JobName.GenerateReceipt, { applicationId: subjectId });
        return;
      case 'CONVENTION':
        await this.outbox.enqueue(em, JobName.GenerateConvention, { documentId, applicationId: subjectId });
        return;
      case 'DECISION_LETTER':
        if (!source || !['admissibility', 'eligibility', 'committee'].includes(source.type)) throw new Error('a decision letter needs the decision it reports');
        await this.outbox.enqueue(em, JobName.GenerateDecisionLetter, { documentId, decisionLetterFor: (source as DecisionSource).type, sourceId: source.id });
        return;
      case 'COMMITTEE_MINUTES':
        await this.outbox.enqueue(em, JobName.GenerateCommitteeMinutes, { documentId, sessionId: subjectId });
        return;
      case 'EXECUTION_REPORT':
        if (source?.type !== 'execution_report') throw new Error('an execution report document needs its report');
        await this.outbox.enqueue(em, JobName.GenerateExecutionReport, { documentId, reportId: source.id });
        return;
      case 'PARTICIPANT_NOTICE':
        await this.outbox.enqueue(em, JobName.GenerateParticipantNotice, { documentId, applicationId: subjectId });
        return;
      case 'VERIFICATION_REPORT':
        if (source?.type !== 'verification') throw new Error('a verification report needs its verification');
        await this.outbox.enqueue(em, JobName.GenerateVerificationReport, { documentId, verificationId: source.id });
        return;
      case 'PAYMENT_CERTIFICATE':
      case 'RECOVERY_ORDER':
        if (source?.type !== (kind === 'PAYMENT_CERTIFICATE' ? 'payment' : 'recovery_order'))
          throw new Error(`a ${kind} needs its ${kind === 'PAYMENT_CERTIFICATE' ? 'payment' : 'recovery order'}`);
        await this.outbox.enqueue(em, JobName.GeneratePaymentDocument, { documentId, source: source.type, sourceId: source.id });
        return;
    }
  }
}
