import { Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql } from '../organisations/beneficiary-identity.sql';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-context';
import { cents } from '../../common/money/cents';
import { advanceCents } from '../documents/domain/convention-terms';
import { parisToday } from './domain/dates';
import { signatureDueDate } from './domain/signature';
import { OperationAccess, OPERATION_DECIDERS, isStaff } from './operation-access';
import { OperationsRepository } from './operations.repository';

export interface ReportSummary {
  id: string;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  effectiveDueDate: string;
  status: string;
  postponementStatus: string | null;
  submittedAt: Date | null;
  overdue: boolean;
}

export interface AmendmentSummary {
  id: string;
  seq: number;
  number: number | null;
  status: string;
  newEndDate: string | null;
  hasPlan: boolean;
  hasTargets: boolean;
  reason: string;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** The operation as its pages and the API show it: convention, signatures, start, reports due, amendments, advance. */
@Injectable()
export class OperationViews {
  constructor(
    private readonly access: OperationAccess,
    private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
  ) {}

  async get(user: AuthUser, id: string) {
    const app = await this.access.forRead(user, id);
    const [convention, issuedOn, op, signatures, settings, euCents, reports, amendments, targets, org] = await Promise.all([
      this.operations.currentConvention(id),
      this.operations.conventionIssuedOn(id),
      this.operations.operation(id),
      this.operations.signatures(id),
      this.operations.callSettings(app.callId),
      this.operations.programmedEuCents(id),
      this.reports(id),
      this.amendments(id),
      this.targets(id),
      this.dataSource.query<{ advanceCategory: string; legalName: string }[]>(
        `SELECT o.advance_category AS "advanceCategory", ${beneficiaryLegalNameSql()} AS "legalName" FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
        [id],
      ),
    ]);
    const dueDate = op?.signatureDueDate ?? (issuedOn ? signatureDueDate(issuedOn, settings.signatureDeadlineDays) : null);
    const today = parisToday();
    return {
      id,
      number: app.number,
      title: app.title,
      organisationName: org[0]?.legalName ?? null,
      status: app.status,
      version: app.version,
      startDate: app.startDate,
      endDate: op?.endDate ?? app.endDate,
      euCents,
      advanceCents: advanceCents(cents(euCents), org[0]?.advanceCategory ?? 'OTHER'),
      convention: convention ? { documentId: convention.id, version: convention.version, sha256: convention.sha256, issuedOn } : null,
      signatureDueDate: dueDate,
      signatureOverdue: app.status === 'CONVENTION_ISSUED' && dueDate !== null && today > dueDate,
      signatures: signatures.map((s) => ({
        party: s.party,
        documentVersion: s.documentVersion,
        documentSha256: s.documentSha256,
        signerName: s.signerName,
        signerTitle: s.signerTitle,
        signedAt: s.signedAt,
      })),
      notifiedOn: op?.notifiedOn ?? null,
      start: op?.actualStartDate
        ? {
            actualStartDate: op.actualStartDate,
            firstExpensesDate: op.firstExpensesDate,
            firstExpensesCents: op.firstExpensesCents,
            attestedAt: op.startAttestedAt,
          }
        : null,
      renunciation: op?.renouncedAt ? { at: op.renouncedAt, reason: op.renunciationReason } : null,
      reports: reports.map((r) => ({ ...r, overdue: r.status === 'DRAFT' && today > r.effectiveDueDate })),
      amendments,
      indicatorTargets: targets,
      settings: {
        signatureDeadlineDays: settings.signatureDeadlineDays,
        reallocationToleranceBp: settings.reallocationToleranceBp,
        maxDurationMonths: settings.maxDurationMonths,
        indicatorCodes: settings.indicatorCodes,
      },
      can: { act: app.member, decide: isStaff(user, OPERATION_DECIDERS) && !app.member },
    };
  }

  reports(applicationId: string): Promise<Omit<ReportSummary, 'overdue'>[]> {
    return this.dataSource.query(
      `SELECT id, seq, kind, period_start::text AS "periodStart", period_end::text AS "periodEnd", due_date::text AS "dueDate",
              (CASE WHEN postponement_status = 'GRANTED' THEN postponement_due_date ELSE due_date END)::text AS "effectiveDueDate",
              status, postponement_status AS "postponementStatus", submitted_at AS "submittedAt"
         FROM execution_report WHERE application_id = $1 AND status <> 'CANCELLED' ORDER BY due_date, seq`,
      [applicationId],
    );
  }

  amendments(applicationId: string): Promise<AmendmentSummary[]> {
    return this.dataSource.query(
      `SELECT id, seq, number, status, new_end_date::text AS "newEndDate", plan IS NOT NULL AS "hasPlan", targets IS NOT NULL AS "hasTargets", reason,
              requested_at AS "requestedAt", decided_at AS "decidedAt", decision_reason AS "decisionReason"
         FROM amendment WHERE application_id = $1 ORDER BY seq`,
      [applicationId],
    );
  }

  /** The targets in force: the highest version (submission, then accepted amendments). */
  targets(
    applicationId: string,
  ): Promise<{ code: string; total: number; women: number | null; men: number | null; nonBinary: number | null; versionNo: number }[]> {
    return this.dataSource.query(
      `SELECT code, total, women, men, non_binary AS "nonBinary", version_no AS "versionNo" FROM indicator_target
        WHERE application_id = $1 AND version_no = (SELECT max(version_no) FROM indicator_target WHERE application_id = $1) ORDER BY code`,
      [applicationId],
    );
  }
}
