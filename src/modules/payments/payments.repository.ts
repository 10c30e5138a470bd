import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { toCents } from '../../common/money/cents';
import type { OperationLedger } from './domain/payment-proposal';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

export type PaymentKind = 'ADVANCE' | 'INTERIM' | 'BALANCE';
export type PaymentStatus = 'PROPOSED' | 'VALIDATED' | 'REJECTED';

export interface PaymentRow {
  id: string;
  applicationId: string;
  reference: string;
  kind: PaymentKind;
  verificationId: string | null;
  verifiedBy: string | null;
  amountCents: number;
  euDueCents: number;
  retainedCumulativeCents: number;
  paidBeforeCents: number;
  status: PaymentStatus;
  proposedBy: string;
  proposedByName: string;
  proposedAt: Date;
  validatedBy: string | null;
  validatedByName: string | null;
  validatedAt: Date | null;
  bankAccountId: string | null;
  rejectionReason: string | null;
  version: number;
}

export interface FinalisedVerification {
  id: string;
  applicationId: string;
  reportId: string;
  reportKind: 'INTERMEDIATE' | 'FINAL';
  finalisedBy: string | null;
  finalisedAt: Date | null;
}

const PAYMENT = `p.id, p.application_id AS "applicationId", p.reference, p.kind, p.verification_id AS "verificationId", p.verified_by AS "verifiedBy",
  p.amount_cents AS "amountCents", p.eu_due_cents AS "euDueCents", p.retained_cumulative_cents AS "retainedCumulativeCents",
  p.paid_before_cents AS "paidBeforeCents", p.status, p.proposed_by AS "proposedBy", pu.display_name AS "proposedByName", p.proposed_at AS "proposedAt",
  p.validated_by AS "validatedBy", vu.display_name AS "validatedByName", p.validated_at AS "validatedAt", p.bank_account_id AS "bankAccountId",
  p.rejection_reason AS "rejectionReason", p.version`;
const PAYMENT_FROM = `payment p JOIN app_user pu ON pu.id = p.proposed_by LEFT JOIN app_user vu ON vu.id = p.validated_by`;

const toPayment = (r: PaymentRow): PaymentRow => ({
  ...r,
  amountCents: toCents(r.amountCents),
  euDueCents: toCents(r.euDueCents),
  retainedCumulativeCents: toCents(r.retainedCumulativeCents),
  paidBeforeCents: toCents(r.paidBeforeCents),
});

/** Payment orders and the cumulative figures of an operation they are computed from. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The operation's cumulative ledger (docs/domain/payments.md): EU ceiling (latest favourable decision, else retained
   * plan, lowered by an accepted amendment's plan: an amendment never raises it), the plan's rate, Σ retained of FINALISED verifications, other resources declared in the verified reports
   * (ESF+ excluded), validated payments less settled recoveries, the call's interim cap.
   */
  async ledger(applicationId: string, em?: Runner): Promise<OperationLedger> {
    const r = first(
      await (em ?? this.dataSource).query<{ ceiling: string; rate: number; retained: string; other: string; paid: string; cap: number }[]>(
        `SELECT
         least(x.granted, coalesce(x.amended, x.granted)) AS ceiling,
         coalesce((SELECT rate_bp FROM financing_plan_version WHERE application_id = a.id ORDER BY version_no DESC LIMIT 1), 0) AS rate,
         (SELECT coalesce(sum(v.retained_cents), 0) FROM verification v WHERE v.application_id = a.id AND v.status = 'FINALISED') AS retained,
         (SELECT coalesce(sum((res->>'amountCents')::bigint), 0) FROM verification v JOIN execution_report r ON r.id = v.report_id
            CROSS JOIN LATERAL jsonb_array_elements(r.resources) res
           WHERE v.application_id = a.id AND v.status = 'FINALISED' AND res->>'type' <> 'ESF_PLUS') AS other,
         (SELECT coalesce(sum(amount_cents), 0) FROM payment WHERE application_id = a.id AND status = 'VALIDATED')
           - (SELECT coalesce(sum(amount_cents), 0) FROM recovery_order WHERE application_id = a.id AND status = 'SETTLED') AS paid,
         c.interim_cap_bp AS cap
         FROM application a JOIN call c ON c.id = a.call_id
         CROSS JOIN LATERAL (SELECT
           coalesce((SELECT eu_cents FROM committee_decision WHERE application_id = a.id AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1),
                    (SELECT eu_cents FROM financing_plan_version WHERE application_id = a.id ORDER BY version_no DESC LIMIT 1), 0) AS granted,
           (SELECT eu_cents FROM financing_plan_version WHERE application_id = a.id AND source = 'AMENDMENT' ORDER BY version_no DESC LIMIT 1) AS amended) x
        WHERE a.id = $1`,
        [applicationId],
      ),
      'the operation ledger',
    );
    return {
      euCeilingCents: toCents(r.ceiling),
      rateBp: Number(r.rate),
      retainedEligibleCents: toCents(r.retained),
      otherResourcesCents: toCents(r.other),
      paidCents: toCents(r.paid),
      interimCapBp: Number(r.cap),
    };
  }

  async finalisedVerification(verificationId: string, em?: Runner): Promise<FinalisedVerification | null> {
    const rows = await (em ?? this.dataSource).query<FinalisedVerification[]>(
      `SELECT v.id, v.application_id AS "applicationId", v.report_id AS "reportId", r.kind AS "reportKind", v.finalised_by AS "finalisedBy", v.finalised_at AS "finalisedAt"
         FROM verification v JOIN execution_report r ON r.id = v.report_id WHERE v.id = $1 AND v.status = 'FINALISED'`,
      [verificationId],
    );
    return rows[0] ?? null;
  }

  async nextReference(em: EntityManager, prefix: 'PAI' | 'REC'): Promise<string> {
    const seq = prefix === 'PAI' ? 'payment_reference_seq' : 'recovery_reference_seq';
    const r = first(
      await em.query<{ n: string; y: string }[]>(`SELECT nextval('${seq}') AS n, to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY') AS y`),
      'the next payment reference',
    );
    return `${prefix}-${r.y}-${String(r.n).padStart(6, '0')}`;
  }

  async insert(
    em: EntityManager,
    p: {
      applicationId: string;
      reference: string;
      kind: PaymentKind;
      verificationId: string | null;
      verifiedBy: string | null;
      amountCents: number;
      euDueCents: number;
      retainedCumulativeCents: number;
      paidBeforeCents: number;
      proposedBy: string;
    },
  ): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO payment (application_id, reference, kind, verification_id, verified_by, amount_cents, eu_due_cents, retained_cumulative_cents, paid_before_cents, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          p.applicationId,
          p.reference,
          p.kind,
          p.verificationId,
          p.verifiedBy,
          p.amountCents,
          p.euDueCents,
          p.retainedCumulativeCents,
          p.paidBeforeCents,
          p.proposedBy,
        ],
      ),
      'the inserted payment row',
    );
    return row.id;
  }

  async find(id: string, em?: Runner, lock = false): Promise<PaymentRow | null> {
    const rows = await (em ?? this.dataSource).query<PaymentRow[]>(`SELECT ${PAYMENT} FROM ${PAYMENT_FROM} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`, [
      id,
    ]);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async forApplication(applicationId: string, em?: Runner): Promise<PaymentRow[]> {
    const rows = await (em ?? this.dataSource).query<PaymentRow[]>(
      `SELECT ${PAYMENT} FROM ${PAYMENT_FROM} WHERE p.application_id = $1 ORDER BY p.proposed_at, p.reference`,
      [applicationId],
    );
    return rows.map(toPayment);
  }

  /** Payments waiting for validation, oldest first (the staff's queue). */
  async proposed(limit = 200): Promise<(PaymentRow & { number: string | null; organisationName: string })[]> {
    const rows = await this.dataSource.query<(PaymentRow & { number: string | null; organisationName: string })[]>(
      `SELECT ${PAYMENT}, a.number, o.legal_name AS "organisationName" FROM ${PAYMENT_FROM}
         JOIN application a ON a.id = p.application_id JOIN organisation o ON o.id = a.organisation_id
        WHERE p.status = 'PROPOSED' ORDER BY p.proposed_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ ...r, ...toPayment(r) }));
  }

  async markValidated(em: EntityManager, id: string, version: number, validatedBy: string, bankAccountId: string): Promise<boolean> {
    const [, n] = (await em.query(
      `UPDATE payment SET status = 'VALIDATED', validated_by = $3, validated_at = now(), bank_account_id = $4, version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'PROPOSED'`,
      [id, version, validatedBy, bankAccountId],
    )) as [unknown, number];
    return n === 1;
  }

  async markRejected(em: EntityManager, id: string, version: number, rejectedBy: string, reason: string): Promise<boolean> {
    const [, n] = (await em.query(
      `UPDATE payment SET status = 'REJECTED', rejected_by = $3, rejected_at = now(), rejection_reason = $4, version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'PROPOSED'`,
      [id, version, rejectedBy, reason],
    )) as [unknown, number];
    return n === 1;
  }

  /** The organisation of a dossier and its advance category. */
  async organisationOf(applicationId: string, em?: Runner): Promise<{ organisationId: string; advanceCategory: string }> {
    const r = first(
      await (em ?? this.dataSource).query<{ organisationId: string; advanceCategory: string }[]>(
        `SELECT o.id AS "organisationId", o.advance_category AS "advanceCategory" FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
        [applicationId],
      ),
      'the organisation of the dossier',
    );
    return r;
  }

  async startAttested(applicationId: string, em?: Runner): Promise<boolean> {
    const rows = await (em ?? this.dataSource).query<unknown[]>(`SELECT 1 FROM operation WHERE application_id = $1 AND start_attested_at IS NOT NULL`, [
      applicationId,
    ]);
    return rows.length > 0;
  }
}
