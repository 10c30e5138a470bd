import { Inject, Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql } from '../organisations/beneficiary-identity.sql';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { DocumentJobRunner } from '../documents/document-job.runner';
import { withIssuer } from '../documents/render/issuer-header';
import { renderPdf } from '../documents/render/pdf-renderer';
import { verificationReportLayout, type VerificationReportData } from './render/verification-report.layout';
import { parseSafeInteger } from '../../database/money.transformer';
import type { CostOption } from '../cofinancing/domain/cofinancing';
import { VerificationRepository, type ReportFacts } from './verification.repository';
import { first } from '../../common/collections';

/** The dossier, report and plan facts printed in the head of the report; eu_cents is bigint, read as text. */
interface ReportHead extends Pick<ReportFacts, 'seq' | 'kind' | 'periodStart' | 'periodEnd'> {
  submittedAt: Date;
  number: string;
  title: string;
  organisationName: string;
  finalisedBy: string;
  costOption: CostOption;
  flatRateBp: number | null;
  rateBp: number;
  euCents: string;
}

/** « Rapport de contrôle de service fait » PDF, from the finalised verification (the job carries ids only). */
@Injectable()
export class VerificationReportHandler implements JobHandler<typeof JobName.GenerateVerificationReport> {
  readonly jobName = JobName.GenerateVerificationReport;
  private readonly verifications: VerificationRepository;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly runner: DocumentJobRunner,
  ) {
    this.verifications = new VerificationRepository(dataSource);
  }

  handle(job: Job<JobPayloads[typeof JobName.GenerateVerificationReport]>): Promise<void> {
    return this.runner.run(job, job.data.documentId, async () => {
      const v = await this.verifications.find(job.data.verificationId);
      if (!v || v.status !== 'FINALISED' || !v.outcome || !v.finalisedAt) throw new Error(`verification ${job.data.verificationId} is not finalised`);
      const r = first(
        await this.dataSource.query<ReportHead[]>(
          `SELECT a.number, a.title, ${beneficiaryLegalNameSql()} AS "organisationName", er.seq, er.kind, er.period_start::text AS "periodStart", er.period_end::text AS "periodEnd",
                er.submitted_at AS "submittedAt", u.display_name AS "finalisedBy",
                p.cost_option AS "costOption", p.flat_rate_bp AS "flatRateBp", p.rate_bp AS "rateBp", p.eu_cents AS "euCents"
           FROM verification v JOIN execution_report er ON er.id = v.report_id JOIN application a ON a.id = v.application_id
           JOIN organisation o ON o.id = a.organisation_id JOIN app_user u ON u.id = v.finalised_by
           JOIN LATERAL (SELECT * FROM financing_plan_version f WHERE f.application_id = a.id ORDER BY version_no DESC LIMIT 1) p ON true
          WHERE v.id = $1`,
          [v.id],
        ),
        'the verification query',
      );
      const lines = await this.verifications.lines(v.id);
      const details = await this.verifications.checkedLineDetails(v.id);
      const counts: VerificationReportData['counts'] = {};
      for (const l of lines) {
        const c = (counts[l.category] ??= { lines: 0, exhaustive: 0, sampled: 0 });
        c.lines++;
        if (l.selection === 'EXHAUSTIVE') c.exhaustive++;
        if (l.selection === 'SAMPLED') c.sampled++;
      }
      const stored = v.outcome as VerificationReportData['outcome'] & { amountDue: VerificationReportData['amountDue'] };
      const data: VerificationReportData = {
        operatorName: this.config.operatorName,
        organisationName: r.organisationName,
        number: r.number,
        title: r.title,
        report: { seq: r.seq, kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, submittedAt: r.submittedAt },
        seed: v.seed,
        settings: v.settings,
        openedAt: v.createdAt,
        finalisedAt: v.finalisedAt,
        finalisedBy: r.finalisedBy,
        contradictory: {
          sentAt: v.contradictorySentAt,
          dueDate: v.contradictoryDueDate,
          answeredAt: v.contradictoryAnsweredAt,
          comment: v.answerComment,
          files: await this.verifications.answerFiles(v.id),
        },
        checklist: v.checklist,
        counts,
        checkedLines: lines
          .filter((l) => l.selection !== 'UNSAMPLED')
          .map((l) => ({ ...l, ...details.get(l.lineId)! }))
          .sort((a, b) => a.category.localeCompare(b.category) || a.incurredOn.localeCompare(b.incurredOn) || a.lineId.localeCompare(b.lineId)),
        outcome: stored,
        plan: { costOption: r.costOption, flatRateBp: r.flatRateBp, rateBp: r.rateBp, euCents: parseSafeInteger(r.euCents) },
        amountDue: stored.amountDue,
      };
      return renderPdf(withIssuer(verificationReportLayout(data), this.config.issuer), v.finalisedAt);
    });
  }
}
