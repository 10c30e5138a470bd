import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { PaymentMails } from './payment-mails';
import { DomainError } from '../../common/errors/domain-error';
import { toCents } from '../../common/money/cents';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import type { AuthUser } from '../auth/auth-context';
import { addDays } from '../documents/domain/convention-terms';
import { DocumentRequests } from '../documents/document-requests.service';
import { parisToday } from '../operations/domain/dates';
import { isFinance } from './bank-accounts.service';
import { IRREGULARITY_FOLLOW_UPS, IRREGULARITY_TYPES, type IrregularityFollowUp, type IrregularityType } from './domain/irregularity';
import { first } from '../../common/collections';

/** Days the beneficiary has to repay a recovery order (the order's due date). */
export const RECOVERY_DUE_DAYS = 30;

export interface RecoveryOrderRow {
  id: string;
  applicationId: string;
  reference: string;
  verificationId: string | null;
  amountCents: number;
  dueDate: string;
  reason: string;
  status: 'ISSUED' | 'SETTLED';
  issuedAt: Date;
  settledOn: string | null;
  version: number;
}

/** The row as pg returns it: the bigint amount as text, decoded with toCents. */
type RawAmount<T extends { amountCents: number }> = Omit<T, 'amountCents'> & { amountCents: string };

export interface IrregularityRow {
  id: string;
  applicationId: string;
  type: IrregularityType;
  amountCents: number;
  detectedOn: string;
  description: string;
  followUp: IrregularityFollowUp;
  followUpNote: string | null;
  recordedAt: Date;
  version: number;
}

const RECOVERY = `id, application_id AS "applicationId", reference, verification_id AS "verificationId", amount_cents AS "amountCents", due_date::text AS "dueDate", reason,
  status, issued_at AS "issuedAt", settled_on::text AS "settledOn", version`;
const IRREGULARITY = `id, application_id AS "applicationId", type, amount_cents AS "amountCents", detected_on::text AS "detectedOn", description, follow_up AS "followUp",
  follow_up_note AS "followUpNote", recorded_at AS "recordedAt", version`;

const invalid = (path: string, code: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, { errors: [{ path, code, message }] });
const isoDate = (v: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * Recovery orders (an overpayment found at the balance: PDF, due date, amount, settlement) and irregularities recorded
 * on an operation (CPR art. 69(2), 103; Annex XII), carried into the managing authority's exports.
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly audit: AuditService,
    private readonly mails: PaymentMails,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly relay: OutboxRelay,
  ) {}

  /** Issues a recovery order in the caller's transaction, with its PDF (worker) and audit row (last). */
  async issue(
    em: EntityManager,
    actor: Actor,
    user: AuthUser,
    r: { applicationId: string; verificationId: string | null; amountCents: number; reason: string },
  ): Promise<string> {
    const seq = first(
      await em.query<{ n: string; y: string }[]>(`SELECT nextval('recovery_reference_seq') AS n, to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY') AS y`),
      'the next value of recovery_reference_seq',
    );
    const reference = `REC-${seq.y}-${String(seq.n).padStart(6, '0')}`;
    const dueDate = addDays(parisToday(), RECOVERY_DUE_DAYS);
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO recovery_order (application_id, reference, verification_id, amount_cents, due_date, reason, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [r.applicationId, reference, r.verificationId, r.amountCents, dueDate, r.reason, user.id],
      ),
      'the inserted recovery_order row',
    );
    await this.documents.request(em, {
      kind: 'RECOVERY_ORDER',
      subjectId: r.applicationId,
      source: { type: 'recovery_order', id: row.id },
      requestKey: `recovery-${row.id}`,
      requestedBy: user.id,
    });
    await this.mails.recoveryIssued(em, { id: row.id, applicationId: r.applicationId, amountCents: r.amountCents, reference, dueDate, reason: r.reason });
    await this.audit.record(em, actor, {
      action: 'recovery_order.issued',
      subjectType: 'recovery_order',
      subjectId: row.id,
      after: { applicationId: r.applicationId, reference, amountCents: r.amountCents, dueDate },
    });
    return row.id;
  }

  /** Records the repayment (the accounting system's date); the operation may then be closed. */
  async settle(user: AuthUser, actor: Actor, id: string, expectedVersion: number, settledOn: string): Promise<RecoveryOrderRow> {
    assertFinance(user);
    if (!isoDate(settledOn)) throw invalid('settledOn', 'INVALID_DATE', 'Indiquez la date du remboursement (AAAA-MM-JJ).');
    if (settledOn > parisToday()) throw invalid('settledOn', 'FUTURE_DATE', 'La date du remboursement ne peut pas être dans le futur.');
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query<RecoveryOrderRow[]>(`SELECT ${RECOVERY} FROM recovery_order WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw new DomainError('NOT_FOUND', "Cet ordre de recouvrement n'existe pas.");
      if (row.status !== 'ISSUED') throw new DomainError('CONFLICT', 'Cet ordre de recouvrement est déjà soldé.');
      if (row.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED', "L'ordre de recouvrement a changé entre-temps : rechargez la page.");
      await em.query(
        `UPDATE recovery_order SET status = 'SETTLED', settled_on = $2, settled_by = $3, settled_at = now(), version = version + 1 WHERE id = $1`,
        [id, settledOn, user.id],
      );
      await this.audit.record(em, actor, {
        action: 'recovery_order.settled',
        subjectType: 'recovery_order',
        subjectId: id,
        before: { status: 'ISSUED' },
        after: { status: 'SETTLED', settledOn },
      });
      return this.recoveryOrder(id, em);
    });
  }

  async recoveryOrder(id: string, em?: EntityManager): Promise<RecoveryOrderRow> {
    const [row] = await (em ?? this.dataSource).query<RawAmount<RecoveryOrderRow>[]>(`SELECT ${RECOVERY} FROM recovery_order WHERE id = $1`, [id]);
    if (!row) throw new DomainError('NOT_FOUND', "Cet ordre de recouvrement n'existe pas.");
    return { ...row, amountCents: toCents(row.amountCents) };
  }

  async recoveryOrders(applicationId: string): Promise<RecoveryOrderRow[]> {
    const rows = await this.dataSource.query<RawAmount<RecoveryOrderRow>[]>(
      `SELECT ${RECOVERY} FROM recovery_order WHERE application_id = $1 ORDER BY issued_at`,
      [applicationId],
    );
    return rows.map((r) => ({ ...r, amountCents: toCents(r.amountCents) }));
  }

  async recordIrregularity(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    d: { type: string; amountCents: number; detectedOn: string; description: string; followUpNote?: string },
  ): Promise<IrregularityRow> {
    assertFinance(user);
    if (!(IRREGULARITY_TYPES as readonly string[]).includes(d.type)) throw invalid('type', 'NOT_ALLOWED_VALUE', "Type d'irrégularité inconnu.");
    if (!isoDate(d.detectedOn)) throw invalid('detectedOn', 'INVALID_DATE', 'Indiquez la date de détection (AAAA-MM-JJ).');
    if (d.detectedOn > parisToday()) throw invalid('detectedOn', 'FUTURE_DATE', 'La date de détection ne peut pas être dans le futur.');
    return this.dataSource.transaction(async (em) => {
      const apps = await em.query<unknown[]>(`SELECT 1 FROM application WHERE id = $1 AND submitted_at IS NOT NULL FOR UPDATE`, [applicationId]);
      if (!apps.length) throw new DomainError('NOT_FOUND', "Cette opération n'existe pas ou ne vous est pas accessible.");
      const row = first(
        await em.query<{ id: string }[]>(
          `INSERT INTO irregularity (application_id, type, amount_cents, detected_on, description, follow_up_note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [applicationId, d.type, d.amountCents, d.detectedOn, d.description.trim(), d.followUpNote?.trim() || null, user.id],
        ),
        'the inserted irregularity row',
      );
      await this.audit.record(em, actor, {
        action: 'irregularity.recorded',
        subjectType: 'application',
        subjectId: applicationId,
        after: { irregularityId: row.id, type: d.type, amountCents: d.amountCents, detectedOn: d.detectedOn },
      });
      return this.irregularity(row.id, em);
    });
  }

  async followUp(user: AuthUser, actor: Actor, id: string, expectedVersion: number, d: { followUp: string; note?: string }): Promise<IrregularityRow> {
    assertFinance(user);
    if (!(IRREGULARITY_FOLLOW_UPS as readonly string[]).includes(d.followUp)) throw invalid('followUp', 'NOT_ALLOWED_VALUE', 'Suite donnée inconnue.');
    return this.dataSource.transaction(async (em) => {
      const before = await this.irregularity(id, em, true);
      if (before.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED', "L'irrégularité a changé entre-temps : rechargez la page.");
      await em.query(`UPDATE irregularity SET follow_up = $2, follow_up_note = coalesce($3, follow_up_note), version = version + 1 WHERE id = $1`, [
        id,
        d.followUp,
        d.note?.trim() || null,
      ]);
      await this.audit.record(em, actor, {
        action: 'irregularity.followed_up',
        subjectType: 'application',
        subjectId: before.applicationId,
        before: { irregularityId: id, followUp: before.followUp },
        after: { followUp: d.followUp },
      });
      return this.irregularity(id, em);
    });
  }

  async irregularities(applicationId: string): Promise<IrregularityRow[]> {
    const rows = await this.dataSource.query<RawAmount<IrregularityRow>[]>(
      `SELECT ${IRREGULARITY} FROM irregularity WHERE application_id = $1 ORDER BY detected_on, recorded_at`,
      [applicationId],
    );
    return rows.map((r) => ({ ...r, amountCents: toCents(r.amountCents) }));
  }

  kick(): void {
    this.relay.kick();
  }

  private async irregularity(id: string, em: EntityManager, lock = false): Promise<IrregularityRow> {
    const [row] = await em.query<RawAmount<IrregularityRow>[]>(`SELECT ${IRREGULARITY} FROM irregularity WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw new DomainError('NOT_FOUND', "Cette irrégularité n'existe pas.");
    return { ...row, amountCents: toCents(row.amountCents) };
  }
}

function assertFinance(user: AuthUser): void {
  if (!isFinance(user)) throw new DomainError('FORBIDDEN', "Vous n'avez pas le droit d'agir sur les recouvrements et les irrégularités.");
}
