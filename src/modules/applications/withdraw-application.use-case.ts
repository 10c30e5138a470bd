import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { ApplicationAccess } from './application-access.service';
import { assertTransition } from './domain/application-status';
import { ApplicationsRepository } from './applications.repository';

/** The applicant withdraws a dossier, from any status the transition table allows (before a decision). */
@Injectable()
export class WithdrawApplicationUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async withdraw(user: AuthUser, actor: Actor, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.access.forMember(user, id, em, true);
      assertTransition(row.status, 'WITHDRAWN');
      const version = await this.applications.changeStatus(em, id, row.status, 'WITHDRAWN');
      if (version === null) throw new DomainError('INVALID_STATUS_TRANSITION', 'Le statut du dossier a changé entre-temps. Rechargez la page.');
      await this.applications.insertHistory(em, { applicationId: id, from: row.status, to: 'WITHDRAWN', actorUserId: user.id, reason: reason.trim(), version });
      await this.audit.record(em, actor, {
        action: 'application.withdrawn',
        subjectType: 'application',
        subjectId: id,
        before: { status: row.status },
        after: { status: 'WITHDRAWN', version },
      });
    });
  }
}
