import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { OperationAccess, type OperationFacts } from '../operations/operation-access';
import { ExecutionReportsRepository, type ReportRow } from './execution-reports.repository';

const notFound = (): DomainError => new DomainError('NOT_FOUND', "Ce bilan n'existe pas ou ne vous est pas accessible.");

export interface ReportContext {
  report: ReportRow;
  app: OperationFacts;
}

/** A report is reached through its operation's access rules (a denied report is a 404). */
@Injectable()
export class ReportAccess {
  constructor(
    private readonly operations: OperationAccess,
    private readonly reports: ExecutionReportsRepository,
  ) {}

  private async load(reportId: string, em: EntityManager | undefined, lock: boolean): Promise<ReportRow> {
    const report = await this.reports.find(reportId, em, lock);
    if (!report || report.status === 'CANCELLED') throw notFound();
    return report;
  }

  async forRead(user: AuthUser, reportId: string, em?: EntityManager): Promise<ReportContext> {
    const report = await this.load(reportId, em, false);
    return { report, app: await this.operations.forRead(user, report.applicationId, em).catch(() => Promise.reject(notFound())) };
  }

  async forDecider(user: AuthUser, reportId: string, em?: EntityManager): Promise<ReportContext> {
    const report = await this.load(reportId, em, !!em);
    return { report, app: await this.operations.forDecider(user, report.applicationId, em).catch(() => Promise.reject(notFound())) };
  }

  /** A member, on a report still being written, of an operation in progress; the report row is locked when `em` is given. */
  async forEdit(user: AuthUser, reportId: string, em?: EntityManager): Promise<ReportContext> {
    const report = await this.load(reportId, em, !!em);
    const app = await this.operations.forMember(user, report.applicationId, em).catch(() => Promise.reject(notFound()));
    assertEditable(report, app);
    return { report, app };
  }

  async forParticipants(user: AuthUser, reportId: string, em?: EntityManager): Promise<ReportContext> {
    const report = await this.load(reportId, em, false);
    return { report, app: await this.operations.forParticipants(user, report.applicationId, em).catch(() => Promise.reject(notFound())) };
  }
}

export function assertEditable(report: ReportRow, app: OperationFacts): void {
  if (report.status !== 'DRAFT') throw new DomainError('REPORT_NOT_EDITABLE', 'Ce bilan a été déposé : il ne peut plus être modifié.');
  if (app.status !== 'IN_PROGRESS') throw new DomainError('REPORT_NOT_EDITABLE', "Les bilans se rédigent une fois le démarrage de l'opération attesté.");
}
