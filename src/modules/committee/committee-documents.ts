import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The documents a committee produces (DOMAIN.md §10): the decision letter for every decision, the convention for a
 * favorable one, the minutes when the session closes. Called inside the deciding transaction so the requests go
 * through the outbox with the decision.
 */
@Injectable()
export class CommitteeDocuments {
  // wired to DocumentRequests when documents land
  async decisionRecorded(_em: EntityManager, _decisionId: string): Promise<void> {}

  // wired to DocumentRequests when documents land
  async sessionClosed(_em: EntityManager, _sessionId: string): Promise<void> {}
}
