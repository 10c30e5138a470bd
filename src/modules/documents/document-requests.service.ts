import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type OutboxJob, OutboxService } from '../../common/outbox/outbox.service';
import { JobName } from '../../jobs/queues';
import { DOCUMENT_KIND_SPECS, type DocumentKind } from './domain/document-kinds';
import type { PendingNumber } from '../applications/lifecycle/application-lifecycle';
import { DocumentsRepository, type GeneratedDocumentRow, type PendingDocument } from './documents.repository';

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
      const source = existing.sourceType && existing.sourceId ? ({ type: existing.sourceType, id: existing.sourceId } as DocumentSource) : r.source;
      await this.outbox.enqueueJob(em, this.jobOf(existing.id, r.kind, r.subjectId, source));
      return { id: existing.id, status: 'PENDING', created: false };
    }

    const version = spec.versionPolicy === 'SINGLE' ? 1 : await this.documents.nextVersion(em, spec.subjectType, r.subjectId, r.kind);
    const id = await this.documents.insertPending(em, this.rowOf(r, version));
    await this.outbox.enqueueJob(em, this.jobOf(id, r.kind, r.subjectId, r.source));
    return { id, status: 'PENDING', created: true };
  }

  /**
   * A single-version document asked for by a first submission, riding with its last statement (PendingNumber): none can
   * exist before a dossier's first submission, and a row already there would be kept as it is (`ON CONFLICT DO NOTHING`).
   */
  rideWithSubmission(pending: PendingNumber, r: DocumentRequest): void {
    if (DOCUMENT_KIND_SPECS[r.kind].versionPolicy !== 'SINGLE') throw new Error(`${r.kind} does not ride with a submission`);
    const id = randomUUID();
    pending.riders.push(this.documents.firstWithJobRider({ ...this.rowOf(r, 1), id }, this.jobOf(id, r.kind, r.subjectId, r.source)));
  }

  private rowOf(r: DocumentRequest, version: number): PendingDocument {
    return {
      subjectType: DOCUMENT_KIND_SPECS[r.kind].subjectType,
      subjectId: r.subjectId,
      kind: r.kind,
      version,
      source: r.source ?? null,
      requestKey: r.requestKey ?? null,
      requestedBy: r.requestedBy ?? null,
    };
  }

  /** The job that produces the document. */
  private jobOf(documentId: string, kind: DocumentKind, subjectId: string, source: DocumentSource | undefined): OutboxJob {
    switch (kind) {
      case 'RECEIPT':
        return { name: JobName.GenerateReceipt, payload: { applicationId: subjectId } };
      case 'CONVENTION':
        return { name: JobName.GenerateConvention, payload: { documentId, applicationId: subjectId } };
      case 'DECISION_LETTER':
        if (!source || !['admissibility', 'eligibility', 'committee'].includes(source.type)) throw new Error('a decision letter needs the decision it reports');
        return { name: JobName.GenerateDecisionLetter, payload: { documentId, decisionLetterFor: (source as DecisionSource).type, sourceId: source.id } };
      case 'COMMITTEE_MINUTES':
        return { name: JobName.GenerateCommitteeMinutes, payload: { documentId, sessionId: subjectId } };
      case 'EXECUTION_REPORT':
        if (source?.type !== 'execution_report') throw new Error('an execution report document needs its report');
        return { name: JobName.GenerateExecutionReport, payload: { documentId, reportId: source.id } };
      case 'PARTICIPANT_NOTICE':
        return { name: JobName.GenerateParticipantNotice, payload: { documentId, applicationId: subjectId } };
      case 'VERIFICATION_REPORT':
        if (source?.type !== 'verification') throw new Error('a verification report needs its verification');
        return { name: JobName.GenerateVerificationReport, payload: { documentId, verificationId: source.id } };
      case 'PAYMENT_CERTIFICATE':
      case 'RECOVERY_ORDER':
        if (source?.type !== (kind === 'PAYMENT_CERTIFICATE' ? 'payment' : 'recovery_order'))
          throw new Error(`a ${kind} needs its ${kind === 'PAYMENT_CERTIFICATE' ? 'payment' : 'recovery order'}`);
        return { name: JobName.GeneratePaymentDocument, payload: { documentId, source: source.type, sourceId: source.id } };
    }
  }
}
