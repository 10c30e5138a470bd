import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DocumentRequests } from '../documents/document-requests.service';

/**
 * The documents a committee produces (docs/domain/documents.md): the decision letter for every decision, the convention for a
 * favorable one, the minutes when the session closes. Called inside the deciding transaction so the requests go
 * through the outbox with the decision; the request keys make a replayed event yield the same documents.
 */
@Injectable()
export class CommitteeDocuments {
  constructor(private readonly requests: DocumentRequests) {}

  /** `convention`: false for a reduced award, whose convention waits for the beneficiary's acceptance ({@link awardAccepted}). */
  async decisionRecorded(em: EntityManager, decisionId: string, opts: { convention: boolean } = { convention: true }): Promise<void> {
    const rows: { application_id: string; outcome: string }[] = await em.query('SELECT application_id, outcome FROM committee_decision WHERE id = $1', [
      decisionId,
    ]);
    const decision = rows[0];
    if (!decision) throw new Error(`committee decision ${decisionId} not found in its own transaction`);
    await this.requests.request(em, {
      kind: 'DECISION_LETTER',
      subjectId: decision.application_id,
      source: { type: 'committee', id: decisionId },
      requestKey: `committee-decision-${decisionId}`,
    });
    if (decision.outcome === 'FAVORABLE' && opts.convention) await this.conventionFor(em, decision.application_id, decisionId);
  }

  /** The beneficiary accepted a reduced award with its revised plan: the convention now follows (same request key). */
  async awardAccepted(em: EntityManager, applicationId: string, decisionId: string): Promise<void> {
    await this.conventionFor(em, applicationId, decisionId);
  }

  private async conventionFor(em: EntityManager, applicationId: string, decisionId: string): Promise<void> {
    await this.requests.request(em, { kind: 'CONVENTION', subjectId: applicationId, requestKey: `committee-convention-${decisionId}` });
  }

  async sessionClosed(em: EntityManager, sessionId: string): Promise<void> {
    await this.requests.request(em, { kind: 'COMMITTEE_MINUTES', subjectId: sessionId, requestKey: `committee-minutes-${sessionId}` });
  }
}
