import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { APPLICATION_STATUS_LABELS } from '../applications/domain/application-status';
import type { AuthUser } from '../auth/auth-context';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { reportSchedule } from '../execution-reports/domain/schedule';
import { insertSchedule } from '../execution-reports/report-schedule.sql';
import { parisToday } from './domain/dates';
import { assertWithinSignatureDeadline, checkSignature, checkStart, signatureDueDate } from './domain/signature';
import type { RenounceDto, SignConventionDto, StartOperationDto } from './dto/operation.dto';
import { OperationAccess, type OperationFacts } from './operation-access';
import { OperationsRepository } from './operations.repository';

/**
 * The convention's signature (a simple electronic signature: the authenticated user, typed name and title, time and
 * the SHA-256 of the exact PDF accepted), its countersignature and notification, the renunciation, and the
 * attestation de démarrage. Every status change goes through the dossier lifecycle, whose audit row closes the
 * transaction.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly access: OperationAccess,
    private readonly auditService: AuditService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly operations: OperationsRepository,
  ) {}

  async sign(user: AuthUser, actor: Actor, id: string, dto: SignConventionDto): Promise<{ signatureId: string; signedAt: string; documentVersion: number }> {
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.forMember(user, id, em, true);
      assertStatus(app, ['CONVENTION_ISSUED'], 'signer la convention');
      const { convention, dueDate } = await this.prepare(em, app);
      assertWithinSignatureDeadline(parisToday(), dueDate);
      checkSignature(dto, convention);
      const existing = (await this.operations.signatures(id, em)).find((s) => s.documentId === convention.id && s.party === 'BENEFICIARY');
      if (existing) throw new DomainError('CONFLICT', `La version ${convention.version} de la convention est déjà signée par le bénéficiaire.`);
      const row = await this.operations.insertSignature(em, {
        applicationId: id,
        documentId: convention.id,
        documentVersion: convention.version,
        documentSha256: convention.sha256,
        party: 'BENEFICIARY',
        signerUserId: user.id,
        signerName: dto.signerName,
        signerTitle: dto.signerTitle,
      });
      await this.audit(em, actor, 'operation.convention_signed', id, {
        party: 'BENEFICIARY',
        documentId: convention.id,
        documentVersion: convention.version,
        sha256: convention.sha256,
        signerName: dto.signerName.trim(),
        signerTitle: dto.signerTitle.trim(),
      });
      return { signatureId: row.id, signedAt: new Date(row.signedAt).toISOString(), documentVersion: convention.version };
    });
  }

  /**
   * The intermediate body's signatory countersigns the version the beneficiary signed: the convention enters into force
   * at notification (today), the dossier becomes CONVENTION_SIGNED and its report schedule is written.
   */
  async countersign(user: AuthUser, actor: Actor, id: string, dto: SignConventionDto): Promise<{ notifiedOn: string; reports: number }> {
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.forDecider(user, id, em, true);
      assertStatus(app, ['CONVENTION_ISSUED'], 'contresigner la convention');
      const { convention } = await this.prepare(em, app);
      checkSignature(dto, convention);
      const beneficiary = (await this.operations.signatures(id, em)).find((s) => s.documentId === convention.id && s.party === 'BENEFICIARY');
      if (!beneficiary)
        throw new DomainError('BUSINESS_RULE_VIOLATED', `Le bénéficiaire n'a pas encore signé la version ${convention.version} de la convention.`);
      await this.operations.insertSignature(em, {
        applicationId: id,
        documentId: convention.id,
        documentVersion: convention.version,
        documentSha256: convention.sha256,
        party: 'BODY',
        signerUserId: user.id,
        signerName: dto.signerName,
        signerTitle: dto.signerTitle,
      });
      const notifiedOn = parisToday();
      await this.operations.markNotified(em, id, notifiedOn);
      const op = (await this.operations.operation(id, em))!;
      const schedule = reportSchedule(app.startDate!, op.endDate);
      await insertSchedule(em, id, schedule);
      await this.lifecycle.transition(em, {
        id,
        from: 'CONVENTION_ISSUED',
        to: 'CONVENTION_SIGNED',
        actor,
        reason: `Convention signée par les deux parties et notifiée le ${notifiedOn} (version ${convention.version})`,
        audit: {
          action: 'operation.convention_countersigned',
          after: {
            documentId: convention.id,
            documentVersion: convention.version,
            sha256: convention.sha256,
            notifiedOn,
            signerName: dto.signerName.trim(),
            signerTitle: dto.signerTitle.trim(),
            reports: schedule.length,
          },
        },
      });
      return { notifiedOn, reports: schedule.length };
    });
  }

  /** The beneficiary gives the aid up before the start: the EU amount returns to the call's envelope. */
  async renounce(user: AuthUser, actor: Actor, id: string, dto: RenounceDto): Promise<{ status: 'RENOUNCED' }> {
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.forMember(user, id, em, true);
      assertStatus(app, ['PROGRAMMED', 'CONVENTION_ISSUED', 'CONVENTION_SIGNED'], 'renoncer à l’aide');
      const reason = dto.reason.trim();
      if (!reason)
        throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif.', {
          errors: [{ path: 'reason', code: 'REQUIRED', message: 'Indiquez le motif de la renonciation.' }],
        });
      const euCents = await this.operations.programmedEuCents(id, em);
      await this.operations.ensure(em, id, app.endDate ?? app.startDate ?? parisToday(), parisToday());
      await this.operations.markRenounced(em, id, reason);
      await em.query(`UPDATE execution_report SET status = 'CANCELLED', version = version + 1 WHERE application_id = $1 AND status = 'DRAFT'`, [id]);
      await this.lifecycle.transition(em, {
        id,
        from: app.status,
        to: 'RENOUNCED',
        actor,
        reason: `Renonciation du bénéficiaire : ${reason}`,
        audit: { action: 'operation.renounced', after: { releasedEuCents: euCents } },
      });
      return { status: 'RENOUNCED' as const };
    });
  }

  /** The attestation de démarrage: it makes the advance payable and moves the operation to IN_PROGRESS. */
  async start(user: AuthUser, actor: Actor, id: string, dto: StartOperationDto): Promise<{ status: 'IN_PROGRESS'; actualStartDate: string }> {
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.forMember(user, id, em, true);
      assertStatus(app, ['CONVENTION_SIGNED'], 'attester le démarrage');
      const op = (await this.operations.operation(id, em))!;
      const settings = await this.operations.callSettings(app.callId, em);
      const input = {
        actualStartDate: dto.actualStartDate,
        firstExpensesDate: dto.firstExpensesDate ?? null,
        firstExpensesCents: dto.firstExpensesCents ?? null,
      };
      checkStart(input, { today: parisToday(), startDate: app.startDate!, endDate: op.endDate, eligibilityStart: settings.eligibilityStart });
      await this.operations.markStarted(em, id, { ...input, userId: user.id });
      await this.lifecycle.transition(em, {
        id,
        from: 'CONVENTION_SIGNED',
        to: 'IN_PROGRESS',
        actor,
        reason: `Attestation de démarrage : opération commencée le ${input.actualStartDate}`,
        audit: { action: 'operation.started', after: input },
      });
      return { status: 'IN_PROGRESS' as const, actualStartDate: input.actualStartDate };
    });
  }

  /** The current convention and the signature due date; creates the operation row on first use. */
  private async prepare(em: EntityManager, app: OperationFacts) {
    const convention = await this.operations.currentConvention(app.id, em);
    const issuedOn = await this.operations.conventionIssuedOn(app.id, em);
    if (!convention || !issuedOn) throw new DomainError('CONVENTION_NOT_READY', "La convention n'est pas encore disponible.");
    const settings = await this.operations.callSettings(app.callId, em);
    const dueDate = signatureDueDate(issuedOn, settings.signatureDeadlineDays);
    await this.operations.ensure(em, app.id, app.endDate!, dueDate);
    return { convention, dueDate: (await this.operations.operation(app.id, em))!.signatureDueDate };
  }

  private async audit(em: EntityManager, actor: Actor, action: string, id: string, after: Record<string, unknown>): Promise<void> {
    await this.auditService.record(em, actor, { action, subjectType: 'application', subjectId: id, after });
  }
}

export function assertStatus(app: OperationFacts, allowed: readonly string[], what: string): void {
  if (!allowed.includes(app.status)) {
    throw new DomainError(
      'INVALID_STATUS_TRANSITION',
      `Impossible de ${what} : le dossier est au statut « ${APPLICATION_STATUS_LABELS[app.status] ?? app.status} ».`,
      { currentStatus: app.status, allowed },
    );
  }
}
