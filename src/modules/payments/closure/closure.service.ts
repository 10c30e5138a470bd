import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { OBJECT_STORAGE, type ObjectStorage } from '../../files/storage/object-storage';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../../common/actor/actor';
import { AuditService } from '../../../common/audit/audit.service';
import { DomainError } from '../../../common/errors/domain-error';
import { toCents } from '../../../common/money/cents';
import { parseSafeInteger } from '../../../database/money.transformer';
import { OutboxRelay } from '../../../common/outbox/outbox.relay';
import { OutboxService } from '../../../common/outbox/outbox.service';
import { JobName } from '../../../jobs/queues';
import { ApplicationLifecycle } from '../../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../../auth/auth-context';
import { parisToday } from '../../operations/domain/dates';
import { isFinance } from '../bank-accounts.service';
import { computeAmountDue } from '../domain/amount-due';
import { retentionEnd } from '../domain/retention';
import { PaymentsRepository } from '../payments.repository';
import { first } from '../../../common/collections';

/** bigint money columns arrive as text (docs/decisions/0005-integer-money.md). */
interface ClosureRow {
  eu_ceiling_cents: string;
  eu_due_cents: string;
  paid_cents: string;
  recovered_cents: string;
  released_cents: string;
  last_payment_on: string | null;
  retention_end: string | null;
}

interface ArchiveRow {
  id: string;
  status: string;
  size_bytes: string | null;
  sha256: string | null;
  requested_at: Date;
  ready_at: Date | null;
  entries: number | null;
}

export interface ClosureView {
  closed: boolean;
  euCeilingCents: number;
  euDueCents: number | null;
  paidCents: number;
  recoveredCents: number;
  releasedCents: number | null;
  lastPaymentOn: string | null;
  /** CPR art. 82(1): 31 December of the year of the last payment + 5 years; suspended by a legal hold. */
  retentionEnd: string | null;
  legalHold: { reason: string; since: Date } | null;
  /** What still prevents the closure (null once closed or when it may be closed). */
  blocker: string | null;
  archives: { id: string; status: string; sizeBytes: number | null; sha256: string | null; requestedAt: Date; readyAt: Date | null; entries: number | null }[];
}

const rule = (message: string, code: string): DomainError => new DomainError('BUSINESS_RULE_VIOLATED', message, { rule: code });
const notFound = (): DomainError => new DomainError('NOT_FOUND', "Cette opération n'existe pas ou ne vous est pas accessible.");

/**
 * Closure of an operation (docs/domain/payments.md): once the final report's verification is FINALISED and what it
 * leads to is done — the balance validated or the recovery settled — the operation moves to CLOSED through the
 * lifecycle; the unused EU amount (`releasedCents`) returns to the call's envelope (the committee's consumption
 * subtracts it), the retention end is fixed, and the worker builds the operation's archive.
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly outbox: OutboxService,
    private readonly payments: PaymentsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async view(user: AuthUser, applicationId: string): Promise<ClosureView> {
    await this.readable(user, applicationId);
    const em = this.dataSource.manager;
    const [closure] = await em.query<ClosureRow[]>(
      `SELECT eu_ceiling_cents, eu_due_cents, paid_cents, recovered_cents, released_cents, last_payment_on::text AS last_payment_on, retention_end::text AS retention_end
         FROM operation_closure WHERE application_id = $1`,
      [applicationId],
    );
    const [op] = await em.query<{ legal_hold_reason: string | null; legal_hold_since: Date | null }[]>(
      `SELECT legal_hold_reason, legal_hold_since FROM operation WHERE application_id = $1`,
      [applicationId],
    );
    const legalHold = op?.legal_hold_since ? { reason: op.legal_hold_reason ?? '', since: op.legal_hold_since } : null;
    const archives = (
      await em.query<ArchiveRow[]>(
        `SELECT id, status, size_bytes, sha256, requested_at, ready_at, jsonb_array_length(manifest->'files') AS entries FROM operation_archive WHERE application_id = $1 ORDER BY requested_at DESC`,
        [applicationId],
      )
    ).map((a) => ({
      id: a.id,
      status: a.status,
      sizeBytes: a.size_bytes === null ? null : parseSafeInteger(a.size_bytes),
      sha256: a.sha256,
      requestedAt: a.requested_at,
      readyAt: a.ready_at,
      entries: a.entries,
    }));
    if (closure) {
      return {
        closed: true,
        euCeilingCents: toCents(closure.eu_ceiling_cents),
        euDueCents: toCents(closure.eu_due_cents),
        paidCents: toCents(closure.paid_cents),
        recoveredCents: toCents(closure.recovered_cents),
        releasedCents: toCents(closure.released_cents),
        lastPaymentOn: closure.last_payment_on,
        retentionEnd: legalHold ? null : closure.retention_end,
        legalHold,
        blocker: null,
        archives,
      };
    }
    const facts = await this.facts(em, applicationId);
    return {
      closed: false,
      euCeilingCents: facts.ledger.euCeilingCents,
      euDueCents: facts.finalVerified ? facts.due.euDueCents : null,
      paidCents: facts.validatedCents,
      recoveredCents: facts.settledCents,
      releasedCents: facts.finalVerified ? facts.due.releasedCents : null,
      lastPaymentOn: facts.lastPaymentOn,
      retentionEnd: facts.lastPaymentOn && !legalHold ? retentionEnd(facts.lastPaymentOn) : null,
      legalHold,
      blocker: facts.blocker,
      archives,
    };
  }

  async close(user: AuthUser, actor: Actor, applicationId: string): Promise<ClosureView> {
    assertFinance(user);
    await this.dataSource.transaction(async (em) => {
      const current = await this.lifecycle.current(em, applicationId);
      if (!current) throw notFound();
      if (current.status !== 'IN_PROGRESS')
        throw new DomainError('INVALID_STATUS_TRANSITION', "Seule une opération en cours d'exécution peut être clôturée.", { currentStatus: current.status });
      const f = await this.facts(em, applicationId);
      if (f.blocker) throw rule(f.blocker, 'CLOSURE_NOT_READY');
      const lastPaymentOn = f.lastPaymentOn ?? parisToday();
      const retention = retentionEnd(lastPaymentOn);
      await em.query(
        `INSERT INTO operation_closure (application_id, call_id, eu_ceiling_cents, eu_due_cents, paid_cents, recovered_cents, released_cents, last_payment_on, retention_end, closed_by)
         SELECT $1, a.call_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM application a WHERE a.id = $1`,
        [applicationId, f.ledger.euCeilingCents, f.due.euDueCents, f.validatedCents, f.settledCents, f.due.releasedCents, lastPaymentOn, retention, user.id],
      );
      await this.requestArchiveIn(em, applicationId, user.id);
      await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'IN_PROGRESS',
        to: 'CLOSED',
        actor,
        reason: `Opération clôturée : montant UE dû ${f.due.euDueCents} c, libéré ${f.due.releasedCents} c`,
        audit: {
          action: 'operation.closed',
          after: {
            euDueCents: f.due.euDueCents,
            paidCents: f.validatedCents,
            recoveredCents: f.settledCents,
            releasedCents: f.due.releasedCents,
            retentionEnd: retention,
          },
        },
      });
    });
    this.relay.kick();
    return this.view(user, applicationId);
  }

  /** A legal hold (litigation, OLAF investigation: CPR art. 82(2)) suspends the retention end until it is lifted. */
  async setLegalHold(user: AuthUser, actor: Actor, applicationId: string, reason: string | null): Promise<ClosureView> {
    assertFinance(user);
    const text = reason?.trim() ?? null;
    if (reason !== null && !text)
      throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif de la conservation.', {
        errors: [{ path: 'reason', code: 'REQUIRED', message: 'Indiquez le motif (contentieux, enquête…).' }],
      });
    await this.dataSource.transaction(async (em) => {
      const [op] = await em.query<{ legal_hold_since: Date | null }[]>(`SELECT legal_hold_since FROM operation WHERE application_id = $1 FOR UPDATE`, [
        applicationId,
      ]);
      if (!op) throw notFound();
      if (text)
        await em.query(
          `UPDATE operation SET legal_hold_reason = $2, legal_hold_since = now(), legal_hold_by = $3, version = version + 1 WHERE application_id = $1`,
          [applicationId, text, user.id],
        );
      else
        await em.query(
          `UPDATE operation SET legal_hold_reason = NULL, legal_hold_since = NULL, legal_hold_by = NULL, version = version + 1 WHERE application_id = $1`,
          [applicationId],
        );
      await this.audit.record(em, actor, {
        action: text ? 'operation.legal_hold_set' : 'operation.legal_hold_lifted',
        subjectType: 'application',
        subjectId: applicationId,
        after: text ? { reason: text } : {},
      });
    });
    return this.view(user, applicationId);
  }

  /** A new archive of the operation's complete file, built by the worker. */
  async requestArchive(user: AuthUser, actor: Actor, applicationId: string): Promise<{ id: string }> {
    assertFinance(user);
    const id = await this.dataSource.transaction(async (em) => {
      const rows = await em.query<unknown[]>(`SELECT 1 FROM application WHERE id = $1 AND submitted_at IS NOT NULL`, [applicationId]);
      if (!rows.length) throw notFound();
      const archiveId = await this.requestArchiveIn(em, applicationId, user.id);
      await this.audit.record(em, actor, { action: 'operation.archive_requested', subjectType: 'application', subjectId: applicationId, after: { archiveId } });
      return archiveId;
    });
    this.relay.kick();
    return { id };
  }

  async archive(user: AuthUser, id: string): Promise<{ applicationId: string; sizeBytes: number; sha256: string; stream: Readable }> {
    const [a] = await this.dataSource.query<{ application_id: string; status: string; storage_key: string; size_bytes: string; sha256: string }[]>(
      `SELECT application_id, status, storage_key, size_bytes, sha256 FROM operation_archive WHERE id = $1`,
      [id],
    );
    if (!a || !isFinance(user)) throw new DomainError('NOT_FOUND', "Cette archive n'existe pas ou ne vous est pas accessible.");
    if (a.status !== 'READY')
      throw new DomainError('DOCUMENT_NOT_READY', "L'archive est en cours de production : réessayez dans quelques instants.", { archiveStatus: a.status });
    return { applicationId: a.application_id, sizeBytes: parseSafeInteger(a.size_bytes), sha256: a.sha256, stream: await this.objects.get(a.storage_key) };
  }

  private async requestArchiveIn(em: EntityManager, applicationId: string, userId: string): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(`INSERT INTO operation_archive (application_id, requested_by) VALUES ($1, $2) RETURNING id`, [applicationId, userId]),
      'the inserted operation_archive row',
    );
    await this.outbox.enqueue(em, JobName.GenerateOperationArchive, { archiveId: row.id });
    return row.id;
  }

  private async facts(em: EntityManager, applicationId: string) {
    const ledger = await this.payments.ledger(applicationId, em);
    const r = first(
      await em.query<
        { final_verified: boolean; open_payment: boolean; open_recovery: boolean; validated: string; settled: string; last_payment_on: string | null }[]
      >(
        `SELECT
         EXISTS (SELECT 1 FROM verification v JOIN execution_report er ON er.id = v.report_id WHERE v.application_id = $1 AND er.kind = 'FINAL' AND v.status = 'FINALISED') AS final_verified,
         EXISTS (SELECT 1 FROM payment WHERE application_id = $1 AND status = 'PROPOSED') AS open_payment,
         EXISTS (SELECT 1 FROM recovery_order WHERE application_id = $1 AND status = 'ISSUED') AS open_recovery,
         (SELECT coalesce(sum(amount_cents), 0) FROM payment WHERE application_id = $1 AND status = 'VALIDATED') AS validated,
         (SELECT coalesce(sum(amount_cents), 0) FROM recovery_order WHERE application_id = $1 AND status = 'SETTLED') AS settled,
         (SELECT max(validated_at AT TIME ZONE 'Europe/Paris')::date::text FROM payment WHERE application_id = $1 AND status = 'VALIDATED') AS last_payment_on`,
        [applicationId],
      ),
      'the closure facts',
    );
    const due = computeAmountDue({ ...ledger, kind: 'FINAL' });
    let blocker: string | null = null;
    if (!r.final_verified) blocker = "La vérification du bilan final n'est pas finalisée.";
    else if (r.open_payment) blocker = 'Un paiement attend sa validation.';
    else if (r.open_recovery) blocker = "Un ordre de recouvrement n'est pas encore soldé.";
    else if (due.payableCents > 0) blocker = `Le solde n'est pas encore payé (${due.payableCents} centimes restent dus).`;
    else if (due.recoveryCents > 0) blocker = `Un trop-perçu de ${due.recoveryCents} centimes doit d'abord être recouvré.`;
    return {
      ledger,
      due,
      finalVerified: r.final_verified,
      validatedCents: toCents(r.validated),
      settledCents: toCents(r.settled),
      lastPaymentOn: r.last_payment_on,
      blocker,
    };
  }

  private async readable(user: AuthUser, applicationId: string): Promise<void> {
    const staff = isFinance(user) || user.roles.includes('MANAGING_AUTHORITY');
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM application a WHERE a.id = $1 AND ((a.submitted_at IS NOT NULL AND $3) OR EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = a.organisation_id AND m.user_id = $2))`,
      [applicationId, user.id, staff],
    );
    if (!rows.length) throw notFound();
  }
}

function assertFinance(user: AuthUser): void {
  if (!isFinance(user)) throw new DomainError('FORBIDDEN', "Vous n'avez pas le droit de clôturer les opérations.");
}
