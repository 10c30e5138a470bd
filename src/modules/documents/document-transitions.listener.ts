import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '../../common/outbox/outbox.service';
import { JobName } from '../../jobs/queues';
import { ApplicationLifecycle, type TransitionEvent } from '../applications/lifecycle/application-lifecycle';

/**
 * The documents that follow a dossier's change of status, requested in the transition's transaction (through the
 * outbox, so the job exists iff the change commits). Today: the acknowledgement of receipt of a first submission.
 * Decision letters stay with the decisions, which know the review or decision they report.
 */
@Injectable()
export class DocumentTransitions implements OnModuleInit {
  constructor(
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onTransition((em, event) => this.follow(em, event));
  }

  async follow(em: EntityManager, event: TransitionEvent): Promise<void> {
    if (event.from === 'DRAFT' && event.to === 'SUBMITTED') await this.outbox.enqueue(em, JobName.GenerateReceipt, { applicationId: event.id });
  }
}
