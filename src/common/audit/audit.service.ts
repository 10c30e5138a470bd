import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../actor/actor';

export interface AuditEntry {
  /** `subject.event` in lower case (`application.submitted`, `report.downloaded`); the database refuses others. */
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends to the audit trail inside the caller's transaction (CPR art. 69, Annex XIII). The chain hash and sequence
 * are set by the database trigger under an advisory lock, so write the audit row last in the transaction.
 */
@Injectable()
export class AuditService {
  async record(em: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('audit rows are written inside the business transaction');
    // The application role may not INSERT into audit_log: audit_append() (migration AuditWriter) is the only writer.
    await em.query(`SELECT audit_append($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`, [
      actor.userId,
      actor.kind,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      json(entry.before),
      json(entry.after),
      actor.correlationId,
    ]);
  }
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
