import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../common/actor/actor';
import { AuditService } from '../../../common/audit/audit.service';
import { DomainError } from '../../../common/errors/domain-error';
import { staleVersion } from '../../../common/http/etag';
import { randomBytes } from 'node:crypto';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus, assertTransition } from '../domain/application-status';
import { ApplicationStatusRepository, DOSSIER_MOVED, type NumberedSubmission, type RidingWrite, type SubmittedDossier } from './application-status.repository';

export type { RidingWrite };

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
  /** The dossier's version after the change. */
  version: number;
  /** A first submission only: its number is not taken yet when listeners run (see {@link PendingNumber}). */
  pendingNumber?: PendingNumber;
}

/**
 * A first submission's listeners run before its number exists: the gapless yearly counter is taken by the
 * transaction's last statement (docs/decisions/0010-throughput.md). They do not write: they add their rows to that
 * statement (`riders`), which writes them with the number and commits. Text that must show the number is rendered with
 * `placeholder` in its place, which the rider's SQL replaces by the number (`replace(…, placeholder, number)`), so no
 * committed row ever shows the placeholder.
 */
export interface PendingNumber {
  /** Unguessable per submission (so a dossier's own text cannot contain it); letters, digits and dashes only. */
  readonly placeholder: string;
  readonly submittedAt: Date;
  readonly riders: RidingWrite[];
}

/** What a first submission's request carries: If-Match is mandatory (the caller holds the row lock and read it). */
export interface SubmitRequest {
  id: string;
  actor: Actor;
  expectedVersion: number;
  audit: TransitionAudit;
}

/**
 * Runs inside the transition's transaction; enqueue follow-up work through the outbox, never call out directly.
 * It runs after the guarded UPDATE, except for a first submission (`event.pendingNumber` set), whose listeners run
 * before it: the row still reads DRAFT without a number, so take the status, version and submission time from the event.
 */
export type TransitionListener = (em: EntityManager, event: TransitionEvent) => Promise<void>;

/**
 * The one way a dossier changes status (docs/domain/lifecycle.md). In the caller's transaction: asserts the pure
 * transition table, updates under the SQL guard `WHERE status = from`, writes the history row, runs the registered
 * listeners (documents, notifications), then writes the audit row. A first submission orders these differently
 * (`submit`, docs/decisions/0010-throughput.md). Every refusal — a transition the table forbids, or a
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
    return this.apply(em, req);
  }

  /**
   * DRAFT → SUBMITTED, the first submission (docs/decisions/0010-throughput.md). The caller holds the dossier's row
   * lock. The listeners come first (receipt request, status mail with a placeholder for the number). Then ONE
   * statement takes the year's counter and writes the rest — the guarded UPDATE with the numbered snapshot, the history
   * row, the submission row, the stored idempotent answer, the number into the status mails, and the audit row (which
   * takes the audit chain's lock) — and, for a request, commits in the same exchange: the counter row and the chain
   * lock are held for that statement and the commit only.
   */
  async submit(
    em: EntityManager,
    req: SubmitRequest,
    submission: Omit<NumberedSubmission, 'id' | 'expectedVersion' | 'actor' | 'audit' | 'riders'>,
  ): Promise<SubmittedDossier> {
    assertTransition('DRAFT', 'SUBMITTED');
    const version = req.expectedVersion + 1; // the guarded UPDATE bumps the locked row's version by exactly one
    const pendingNumber: PendingNumber = { placeholder: `AAP-NUMERO-${randomBytes(12).toString('hex')}`, submittedAt: submission.submittedAt, riders: [] };
    const event: TransitionEvent = { id: req.id, from: 'DRAFT', to: 'SUBMITTED', actor: req.actor, reason: null, version, pendingNumber };
    for (const listener of this.listeners) await listener(em, event);
    try {
      // The transaction's last statement: it commits (ApplicationStatusRepository#submitNumbered).
      return await this.statuses.submitNumbered(em, {
        ...submission,
        id: req.id,
        expectedVersion: req.expectedVersion,
        actor: req.actor,
        audit: { action: req.audit.action, before: { status: 'DRAFT', ...req.audit.before }, after: { ...req.audit.after } },
        riders: pendingNumber.riders,
      });
    } catch (e) {
      // The caller holds the row lock and checked status and version, so only a bug gets here; the transaction is
      // aborted (nothing can be read to say more), and it rolls back.
      if (e instanceof Error && (e as { code?: string }).code === 'ZE001' && e.message.includes(DOSSIER_MOVED)) {
        throw new DomainError('INVALID_STATUS_TRANSITION', 'Le dossier a changé pendant son dépôt : rechargez la page.', { from: 'DRAFT', to: 'SUBMITTED' });
      }
      throw e;
    }
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
    for (const req of reqs) results.push(await this.apply(em, req));
    return results;
  }

  private async apply(em: EntityManager, req: TransitionRequest): Promise<TransitionResult> {
    const accepted: readonly ApplicationStatus[] = typeof req.from === 'string' ? [req.from] : req.from;
    const changed = await this.move(em, req, accepted);
    const from = changed.from;
    const reason = req.reason ?? null;
    await this.statuses.insertHistory(em, { applicationId: req.id, from, to: req.to, actorUserId: req.actor.userId, reason, version: changed.version });
    // Listeners before the audit row: it takes the audit chain's lock, held until commit, so it comes last.
    const event: TransitionEvent = { id: req.id, from, to: req.to, actor: req.actor, reason, version: changed.version };
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
  private async move(em: EntityManager, req: TransitionRequest, accepted: readonly ApplicationStatus[]): Promise<{ from: ApplicationStatus; version: number }> {
    let from = accepted.length === 1 ? accepted[0] : undefined;
    if (from === undefined) {
      const current = await this.statuses.lock(em, req.id);
      if (!current) throw notFound();
      if (!accepted.includes(current.status)) throw moved(current.status, req.to);
      from = current.status;
    }
    assertTransition(from, req.to);
    const version = await this.statuses.move(em, { id: req.id, from, to: req.to, expectedVersion: req.expectedVersion ?? null });
    if (version !== null) return { from, version };
    throw await this.refusal(em, req.id, accepted, req.to, req.expectedVersion);
  }

  /** A guarded UPDATE changed nothing: say why, from what the row holds now. */
  private async refusal(
    em: EntityManager,
    id: string,
    accepted: readonly ApplicationStatus[],
    to: ApplicationStatus,
    expectedVersion: number | undefined,
  ): Promise<DomainError> {
    const current = await this.statuses.lock(em, id);
    if (!current) return notFound();
    if (accepted.includes(current.status) && expectedVersion !== undefined && expectedVersion !== current.version) return staleVersion('Le dossier');
    return moved(current.status, to);
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
