import { Inject, Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql, beneficiarySiretSql } from '../organisations/beneficiary-identity.sql';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { toCents } from '../../common/money/cents';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentJobRunner } from '../documents/document-job.runner';
import { withIssuer } from '../documents/render/issuer-header';
import { renderPdf } from '../documents/render/pdf-renderer';
import { maskIban } from './domain/iban';
import { paymentCertificateLayout, recoveryOrderLayout } from './render/payment-documents.layout';

/** bigint amounts arrive as text and are decoded with toCents. */
interface CertificateRow {
  reference: string;
  kind: string;
  amount_cents: string;
  eu_due_cents: string;
  paid_before_cents: string;
  validated_at: Date;
  proposed_by: string;
  validated_by: string;
  number: string | null;
  title: string | null;
  legal_name: string;
  siret: string;
  iban: string;
}

interface RecoveryOrderRow {
  reference: string;
  amount_cents: string;
  due_date: string;
  reason: string;
  issued_at: Date;
  number: string | null;
  title: string | null;
  legal_name: string;
  siret: string;
}

/** The payment certificate of a validated payment, or a recovery order (the job carries ids only). */
@Injectable()
export class PaymentDocumentHandler implements JobHandler<typeof JobName.GeneratePaymentDocument> {
  readonly jobName = JobName.GeneratePaymentDocument;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: DocumentJobRunner,
  ) {}

  handle(job: Job<JobPayloads[typeof JobName.GeneratePaymentDocument]>): Promise<void> {
    const { documentId, source, sourceId } = job.data;
    return this.runner.run(job, documentId, async () => {
      if (source === 'payment') {
        const [p] = await this.dataSource.query<CertificateRow[]>(
          `SELECT p.reference, p.kind, p.amount_cents, p.eu_due_cents, p.paid_before_cents, p.validated_at, pu.display_name AS proposed_by, vu.display_name AS validated_by,
                  a.number, a.title, ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret, b.iban
             FROM payment p JOIN application a ON a.id = p.application_id JOIN organisation o ON o.id = a.organisation_id
             JOIN app_user pu ON pu.id = p.proposed_by JOIN app_user vu ON vu.id = p.validated_by JOIN bank_account b ON b.id = p.bank_account_id
            WHERE p.id = $1 AND p.status = 'VALIDATED'`,
          [sourceId],
        );
        if (!p) throw new Error(`payment ${sourceId} is not validated`);
        const layout = paymentCertificateLayout(
          {
            reference: p.reference,
            kind: p.kind,
            amountCents: toCents(p.amount_cents),
            euDueCents: toCents(p.eu_due_cents),
            paidBeforeCents: toCents(p.paid_before_cents),
            validatedAt: p.validated_at,
            proposedBy: p.proposed_by,
            validatedBy: p.validated_by,
            number: p.number,
            title: p.title,
            legalName: p.legal_name,
            siret: p.siret,
            ibanMasked: maskIban(p.iban),
          },
          this.config.operatorName,
        );
        return renderPdf(withIssuer(layout, this.config.issuer), p.validated_at);
      }
      const [r] = await this.dataSource.query<RecoveryOrderRow[]>(
        `SELECT r.reference, r.amount_cents, r.due_date::text AS due_date, r.reason, r.issued_at, a.number, a.title, o.legal_name, o.siret
           FROM recovery_order r JOIN application a ON a.id = r.application_id JOIN organisation o ON o.id = a.organisation_id WHERE r.id = $1`,
        [sourceId],
      );
      if (!r) throw new Error(`recovery order ${sourceId} not found`);
      const layout = recoveryOrderLayout(
        {
          reference: r.reference,
          amountCents: toCents(r.amount_cents),
          dueDate: r.due_date,
          reason: r.reason,
          issuedAt: r.issued_at,
          number: r.number,
          title: r.title,
          legalName: r.legal_name,
          siret: r.siret,
        },
        this.config.operatorName,
      );
      return renderPdf(withIssuer(layout, this.config.issuer), r.issued_at);
    });
  }
}
