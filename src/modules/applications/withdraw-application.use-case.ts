import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import type { AuthUser } from '../auth/auth-context';
import { ApplicationAccess } from './application-access.service';
import { ApplicationLifecycle } from './lifecycle/application-lifecycle';

/** The applicant withdraws a dossier, from any status the transition table allows (before a decision). */
@Injectable()
export class WithdrawApplicationUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async withdraw(user: AuthUser, actor: Actor, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.access.forMember(user, id, em, true);
      await this.lifecycle.transition(em, { id, from: row.status, to: 'WITHDRAWN', actor, reason: reason.trim(), audit: { action: 'application.withdrawn' } });
    });
  }
}
