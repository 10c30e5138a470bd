import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationLifecycle, type TransitionEvent } from '../applications/lifecycle/application-lifecycle';
import { DocumentRequests } from './document-requests.service';

/**
 * The documents that follow a dossier's change of status, requested in the transition's transaction (through the
 * outbox, so the job exists iff the change commits). Today: the acknowledgement of receipt of a first submission.
 * Decision letters stay with the decisions, which know the review or decision they report.
 */
@Injectable()
export class DocumentTransitions implements OnModuleInit {
  constructor(
    private readonly lifecycle: ApplicationLifecycle,
    private readonly requests: DocumentRequests,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onTransition((em, event) => this.follow(em, event));
  }

  async follow(em: EntityManager, event: TransitionEvent): Promise<void> {
    // The receipt's PENDING row and its job: the receipt is expected from this commit on (produced or visibly failed).
    if (event.from !== 'DRAFT' || event.to !== 'SUBMITTED') return;
    const receipt = { kind: 'RECEIPT' as const, subjectId: event.id, requestedBy: event.actor.userId };
    // A first submission writes them with its last statement (docs/decisions/0010-throughput.md).
    if (event.pendingNumber) this.requests.rideWithSubmission(event.pendingNumber, receipt);
    else await this.requests.request(em, receipt);
  }
}
