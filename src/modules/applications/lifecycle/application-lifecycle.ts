import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../common/actor/actor';
import { AuditService } from '../../../common/audit/audit.service';
import { DomainError } from '../../../common/errors/domain-error';
import { staleVersion } from '../../../common/http/etag';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus, assertTransition } from '../domain/application-status';
import { ApplicationStatusRepository, type SubmittedColumns } from './application-status.repository';

/** The business audit row of a transition; without it the lifecycle writes `application.status_changed`. */
export interface TransitionAudit {
  action: string;
  /** Merged after `{ status: from }`. */
  before?: Record<string, unknown>;
  /** Merged after `{ status: to, version }`. */
  after?: Record<string, unknown>;
}

export interface TransitionRequest {
  id: string;
  /** The status(es) the caller expects the dossier to be in; the one it is in must allow `to` in the transition table. */
  from: ApplicationStatus | readonly ApplicationStatus[];
  to: ApplicationStatus;
  actor: Actor;
  /** Written to the status history (shown to the applicant and the instructors). */
  reason?: string;
  /** If-Match on `application.version`: a stale version is a 412 `PRECONDITION_FAILED`. */
  expectedVersion?: number;
  /** The audit row of the change (it is the transaction's audit row, so callers write theirs through it). */
  audit?: TransitionAudit;
}

export interface TransitionResult {
  id: string;
  from: ApplicationStatus;
  to: ApplicationStatus;
  /** The dossier's version after the change. */
  version: number;
}

export interface TransitionEvent {
  id: string;
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: Actor;
  reason: string | null;
}

/** Runs inside the transition's transaction; enqueue follow-up work through the outbox, never call out directly. */
export type TransitionListener = (em: EntityManager, event: TransitionEvent) => Promise<void>;

/**
 * The one way a dossier changes status (docs/domain/lifecycle.md). In the caller's transaction: asserts the pure
 * transition table, updates under the SQL guard `WHERE status = from`, writes the history row, runs the registered
 * listeners (documents, later notifications), then writes the audit row. Every refusal — a transition the table forbids, or a
 * status that moved meanwhile — is `INVALID_STATUS_TRANSITION` (409).
 *
 * The audit row takes the audit chain's lock until commit, so the transition is the last write of its transaction;
 * `transitionAll` locks several dossiers first, in id order, before moving them.
 */
@Injectable()
export class ApplicationLifecycle {
  private readonly listeners: TransitionListener[] = [];

  constructor(
    private readonly audit: AuditService,
    private readonly statuses: ApplicationStatusRepository,
  ) {}

  /** Registers a listener (modules call it from `onModuleInit`). */
  onTransition(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  transition(em: EntityManager, req: TransitionRequest): Promise<TransitionResult> {
    return this.apply(em, req, null);
  }

  /** DRAFT → SUBMITTED with the number, snapshot and totals written in the same UPDATE. For the submission use cases. */
  submit(em: EntityManager, req: Omit<TransitionRequest, 'from' | 'to'>, columns: SubmittedColumns): Promise<TransitionResult> {
    return this.apply(em, { ...req, from: 'DRAFT', to: 'SUBMITTED' }, columns);
  }

  /** The dossier's status and version, read under a row lock (null for an unknown dossier). */
  current(em: EntityManager, id: string): Promise<{ status: ApplicationStatus; version: number } | null> {
    return this.statuses.lock(em, id);
  }

  /** The first history row of a new draft (`null → DRAFT`); creation is not a transition, its audit row is the caller's. */
  async created(em: EntityManager, id: string, actor: Actor): Promise<void> {
    await this.statuses.insertHistory(em, { applicationId: id, from: null, to: 'DRAFT', actorUserId: actor.userId, reason: null, version: 1 });
  }

  /** Several dossiers in one transaction: all rows are locked (in id order) before the first change. */
  async transitionAll(em: EntityManager, reqs: readonly TransitionRequest[]): Promise<TransitionResult[]> {
    await this.statuses.lockAll(
      em,
      reqs.map((r) => r.id),
    );
    const results: TransitionResult[] = [];
    for (const req of reqs) results.push(await this.apply(em, req, null));
    return results;
  }

  private async apply(em: EntityManager, req: TransitionRequest, submitted: SubmittedColumns | null): Promise<TransitionResult> {
    const accepted: readonly ApplicationStatus[] = typeof req.from === 'string' ? [req.from] : req.from;
    const changed = await this.move(em, req, accepted, submitted);
    const from = changed.from;
    const reason = req.reason ?? null;
    await this.statuses.insertHistory(em, { applicationId: req.id, from, to: req.to, actorUserId: req.actor.userId, reason, version: changed.version });
    // Listeners before the audit row: it takes the audit chain's lock, held until commit, so it comes last.
    const event: TransitionEvent = { id: req.id, from, to: req.to, actor: req.actor, reason };
    for (const listener of this.listeners) await listener(em, event);
    await this.audit.record(em, req.actor, {
      action: req.audit?.action ?? 'application.status_changed',
      subjectType: 'application',
      subjectId: req.id,
      before: { status: from, ...req.audit?.before },
      after: { status: req.to, version: changed.version, ...(req.audit ? {} : { reason }), ...req.audit?.after },
    });
    return { id: req.id, from, to: req.to, version: changed.version };
  }

  /** The guarded UPDATE; with several accepted statuses the row is read under lock first to know which one it is. */
  private async move(
    em: EntityManager,
    req: TransitionRequest,
    accepted: readonly ApplicationStatus[],
    submitted: SubmittedColumns | null,
  ): Promise<{ from: ApplicationStatus; version: number }> {
    let from = accepted.length === 1 ? accepted[0] : undefined;
    if (from === undefined) {
      const current = await this.statuses.lock(em, req.id);
      if (!current) throw notFound();
      if (!accepted.includes(current.status)) throw moved(current.status, req.to);
      from = current.status;
    }
    assertTransition(from, req.to);
    const version = await this.statuses.move(em, { id: req.id, from, to: req.to, expectedVersion: req.expectedVersion ?? null, submitted });
    if (version !== null) return { from, version };
    // Refused: say why, from what the row holds now.
    const current = await this.statuses.lock(em, req.id);
    if (!current) throw notFound();
    if (accepted.includes(current.status) && req.expectedVersion !== undefined && req.expectedVersion !== current.version) throw staleVersion('Le dossier');
    throw moved(current.status, req.to);
  }
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
}

function moved(current: ApplicationStatus, to: ApplicationStatus): DomainError {
  return new DomainError(
    'INVALID_STATUS_TRANSITION',
    `Le dossier est au statut « ${APPLICATION_STATUS_LABELS[current]} » : il ne peut pas passer au statut « ${APPLICATION_STATUS_LABELS[to]} ». Rechargez la page.`,
    { from: current, to },
  );
}
