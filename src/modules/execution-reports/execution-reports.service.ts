import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import type { AuthUser } from '../auth/auth-context';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { isStaff, OPERATION_DECIDERS } from '../operations/operation-access';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { type IdempotencyClaim, IdempotencyService } from '../../common/idempotency/idempotency.service';
import { DocumentRequests } from '../documents/document-requests.service';
import { parisToday } from '../operations/domain/dates';
import { assertNoErrors, checkExpenditure, eligibleCents, type ExpenditureInput } from './domain/expenditure';
import type { ExpenditureLineDto, PostponementDecisionDto, PostponementDto, UpdateReportDto } from './dto/report.dto';
import { ExecutionReportsRepository } from './execution-reports.repository';
import { ReportAccess } from './report-access';
import { ReportContent } from './report-view';

/** Execution reports (bilans, docs/domain/execution.md): content, expenditure statement, postponement and submission. */
@Injectable()
export class ExecutionReportsService {
  constructor(
    private readonly access: ReportAccess,
    private readonly audit: AuditService,
    private readonly content: ReportContent,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly idempotency: IdempotencyService,
    private readonly relay: OutboxRelay,
    private readonly reports: ExecutionReportsRepository,
  ) {}

  async get(user: AuthUser, reportId: string) {
    const { report, app } = await this.access.forRead(user, reportId);
    const computed = await this.content.compute(report, app.callId);
    const [doc] = await this.dataSource.query<{ id: string; status: string }[]>(`SELECT id, status FROM document WHERE request_key = $1`, [
      `execution-report-${reportId}`,
    ]);
    // The management verification of a submitted report (docs/domain/verification.md): members see it once corrections were sent.
    const [verification] = await this.dataSource.query<{ id: string; status: string }[]>(`SELECT id, status FROM verification WHERE report_id = $1`, [
      reportId,
    ]);
    return {
      id: report.id,
      applicationId: report.applicationId,
      number: app.number,
      title: app.title,
      seq: report.seq,
      kind: report.kind,
      periodStart: report.periodStart,
      periodEnd: report.periodEnd,
      dueDate: report.dueDate,
      postponement: report.postponementStatus
        ? { status: report.postponementStatus, dueDate: report.postponementDueDate, reason: report.postponementReason }
        : null,
      status: report.status,
      version: report.version,
      submittedAt: report.submittedAt,
      achievements: report.achievements,
      resources: report.resources,
      ...computed,
      document: doc ? { id: doc.id, status: doc.status } : null,
      verification: verification && (!app.member || verification.status !== 'IN_PROGRESS') ? { id: verification.id, status: verification.status } : null,
      can: {
        edit: app.member && report.status === 'DRAFT' && app.status === 'IN_PROGRESS',
        verify: !app.member && report.status === 'SUBMITTED' && isStaff(user, FINANCE_STAFF),
        // A postponement is asked by the beneficiary and granted or refused by the intermediate body's staff.
        decide: !app.member && isStaff(user, OPERATION_DECIDERS) && report.postponementStatus === 'REQUESTED',
      },
    };
  }

  async update(user: AuthUser, actor: Actor, reportId: string, ifMatch: string | undefined, dto: UpdateReportDto): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const { report } = await this.access.forEdit(user, reportId, em);
      if (versionFromIfMatch(ifMatch) !== report.version) throw staleVersion('Le bilan');
      const achievements = {
        done: dto.achievements.done?.trim() ?? '',
        results: dto.achievements.results?.trim() ?? '',
        difficulties: dto.achievements.difficulties?.trim() ?? '',
      };
      const resources = dto.resources.map((r) => ({
        type: r.type,
        funderName: r.funderName?.trim() || null,
        amountCents: r.amountCents,
        receivedOn: r.receivedOn ?? null,
      }));
      if (!(await this.reports.updateContent(em, reportId, report.version, achievements, resources))) throw staleVersion('Le bilan');
      await this.audit.record(em, actor, {
        action: 'execution_report.updated',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { version: report.version + 1, resources },
      });
      return report.version + 1;
    });
  }

  async addLine(user: AuthUser, actor: Actor, reportId: string, dto: ExpenditureLineDto): Promise<{ id: string; eligibleCents: number }> {
    return this.dataSource.transaction(async (em) => {
      const { report, app } = await this.access.forEdit(user, reportId, em);
      const input: ExpenditureInput = {
        category: dto.category,
        label: dto.label.trim(),
        supplier: dto.supplier.trim(),
        documentRef: dto.documentRef.trim(),
        documentDate: dto.documentDate,
        incurredOn: dto.incurredOn,
        paidOn: dto.paidOn ?? null,
        amountHtCents: dto.amountHtCents,
        amountTtcCents: dto.amountTtcCents,
        shareBp: dto.shareBp,
        hoursCenti: dto.hoursCenti ?? null,
        hourlyCostCents: dto.hourlyCostCents ?? null,
      };
      assertNoErrors(checkExpenditure(input, { start: report.periodStart, end: report.periodEnd, today: parisToday() }));
      const vatRecovered = await this.reports.vatRecovery(app.id, em);
      const eligible = eligibleCents(input, vatRecovered);
      const id = await this.reports.insertLine(em, reportId, { ...input, vatRecovered, eligibleCents: eligible }, user.id);
      await this.reports.bump(em, reportId);
      await this.audit.record(em, actor, {
        action: 'execution_report.line_added',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { lineId: id, ...input, vatRecovered, eligibleCents: eligible },
      });
      return { id, eligibleCents: eligible };
    });
  }

  async removeLine(user: AuthUser, actor: Actor, reportId: string, lineId: string): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      await this.access.forEdit(user, reportId, em);
      const removed = await this.reports.deleteLine(em, reportId, lineId);
      if (!removed) throw new DomainError('NOT_FOUND', "Cette ligne de dépense n'existe pas.");
      await this.reports.bump(em, reportId);
      await this.audit.record(em, actor, { action: 'execution_report.line_removed', subjectType: 'execution_report', subjectId: reportId, before: { lineId } });
      return removed.storageKeys;
    });
  }

  async requestPostponement(user: AuthUser, actor: Actor, reportId: string, dto: PostponementDto): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { report } = await this.access.forEdit(user, reportId, em);
      if (dto.dueDate <= report.dueDate)
        throw new DomainError('VALIDATION_FAILED', 'Le report doit être postérieur à l’échéance.', {
          errors: [{ path: 'dueDate', code: 'NOT_LATER', message: `Choisissez une date après le ${report.dueDate}.` }],
        });
      if (report.postponementStatus === 'REQUESTED') throw new DomainError('CONFLICT', 'Une demande de report est déjà en cours pour ce bilan.');
      await this.reports.requestPostponement(em, reportId, dto.dueDate, dto.reason.trim());
      await this.audit.record(em, actor, {
        action: 'execution_report.postponement_requested',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { dueDate: dto.dueDate, reason: dto.reason.trim() },
      });
    });
  }

  async decidePostponement(user: AuthUser, actor: Actor, reportId: string, dto: PostponementDecisionDto): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { report } = await this.access.forDecider(user, reportId, em);
      if (report.postponementStatus !== 'REQUESTED') throw new DomainError('CONFLICT', 'Aucune demande de report en attente pour ce bilan.');
      await this.reports.decidePostponement(em, reportId, dto.granted);
      await this.audit.record(em, actor, {
        action: 'execution_report.postponement_decided',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { granted: dto.granted, dueDate: report.postponementDueDate, reason: dto.reason ?? null },
      });
    });
  }

  /**
   * Submission, idempotent under its Idempotency-Key: the report is frozen as a snapshot (statement, indicators,
   * every supporting file's SHA-256, no participant names), and its PDF « Bilan d'exécution » is requested from the
   * worker through the outbox, in the same transaction.
   */
  async submit(
    user: AuthUser,
    actor: Actor,
    reportId: string,
    rawKey: string | string[] | undefined,
  ): Promise<{ status: number; body: string; replayed: boolean }> {
    await this.access.forRead(user, reportId);
    const key = requireIdempotencyKey(rawKey);
    const outcome = await this.idempotency.execute(`${user.id}:execution-reports.submit`, key, idempotencyRequestHash({ reportId }), (em, claim) =>
      this.submitIn(em, user, actor, reportId, claim),
    );
    if (!outcome.replayed) this.relay.kick();
    return outcome;
  }

  private async submitIn(em: EntityManager, user: AuthUser, actor: Actor, reportId: string, claim: IdempotencyClaim): Promise<string> {
    const { report, app } = await this.access.forEdit(user, reportId, em);
    const computed = await this.content.compute(report, app.callId, em);
    const missing = [];
    if (!report.achievements.done?.trim())
      missing.push({ path: 'achievements.done', code: 'REQUIRED', message: 'Décrivez les réalisations au regard du prévu.' });
    if (report.kind === 'FINAL' && !report.achievements.results?.trim())
      missing.push({ path: 'achievements.results', code: 'REQUIRED', message: 'Le bilan final présente les résultats obtenus.' });
    const unsupported = computed.lines.filter((l) => l.files.length === 0);
    unsupported.forEach((l) =>
      missing.push({ path: `lines.${l.id}.files`, code: 'SUPPORTING_FILE_REQUIRED', message: `Ligne « ${l.label} » : joignez sa pièce justificative.` }),
    );
    if (missing.length)
      throw new DomainError('REPORT_INCOMPLETE', `Le bilan ne peut pas être déposé : ${missing.length} point(s) à compléter.`, { errors: missing });

    const submittedAt = new Date();
    const snapshot = {
      schemaVersion: 1,
      reportId,
      applicationId: app.id,
      number: app.number,
      title: app.title,
      seq: report.seq,
      kind: report.kind,
      period: { start: report.periodStart, end: report.periodEnd },
      dueDate: report.dueDate,
      submittedAt: submittedAt.toISOString(),
      achievements: report.achievements,
      resources: report.resources,
      plan: computed.plan,
      toleranceBp: computed.toleranceBp,
      statement: computed.statement,
      lines: computed.lines.map((l) => ({
        ...l,
        files: l.files.map((f) => ({ id: f.id, originalName: f.originalName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, sha256: f.sha256 })),
      })),
      indicators: computed.indicators,
    };
    const version = await this.reports.markSubmitted(em, reportId, snapshot, user.id, submittedAt);
    if (version === null) throw new DomainError('REPORT_NOT_EDITABLE', 'Ce bilan a déjà été déposé.');
    const doc = await this.documents.request(em, {
      kind: 'EXECUTION_REPORT',
      subjectId: app.id,
      source: { type: 'execution_report', id: reportId },
      requestKey: `execution-report-${reportId}`,
      requestedBy: user.id,
    });
    const response = {
      id: reportId,
      status: 'SUBMITTED',
      submittedAt: snapshot.submittedAt,
      version,
      totalCents: computed.statement.totalCents,
      participants: computed.participantCount,
      documentId: doc.id,
    };
    const body = await this.idempotency.complete(em, claim, 200, response);
    await this.audit.record(em, actor, {
      action: 'execution_report.submitted',
      subjectType: 'execution_report',
      subjectId: reportId,
      before: { status: 'DRAFT' },
      after: {
        status: 'SUBMITTED',
        applicationId: app.id,
        version,
        totalCents: computed.statement.totalCents,
        participants: computed.participantCount,
        documentId: doc.id,
      },
    });
    return body;
  }
}
