import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import { AccountsAdminRepository, type AccountRow } from './accounts-admin.repository';
import { checkStaffRoles, selfLockoutError } from './domain/account-rules';
import { temporaryPassword } from './domain/temporary-password';
import type { CreateStaffAccountDto } from './dto/create-staff-account.dto';

/** What the administrator reads once, on the page that follows the creation or the reset. Never stored in clear. */
export interface IssuedAccess {
  account: AccountRow;
  temporaryPassword: string;
}

/**
 * Staff accounts managed by an administrator: creation with roles, role changes, deactivation and reactivation,
 * access reset. Each change is one transaction with its audit row last; passwords never reach the audit.
 * Without a mailer, a new or reset account gets a temporary password shown once to the administrator, who hands it
 * over; the holder changes it from their profile. Deactivating or resetting ends every open session of the account.
 */
@Injectable()
export class AccountsAdminService {
  private readonly logger = new Logger(AccountsAdminService.name);

  constructor(
    private readonly accounts: AccountsAdminRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  list(filter: { search?: string; staffOnly: boolean; page: number; pageSize: number }): Promise<{ rows: AccountRow[]; total: number }> {
    return this.accounts.list({ search: filter.search, staffOnly: filter.staffOnly, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
  }

  async get(id: string): Promise<AccountRow> {
    const row = await this.accounts.find(id);
    if (!row) throw notFound();
    return row;
  }

  async create(dto: CreateStaffAccountDto, postedRoles: readonly string[], actor: Actor): Promise<IssuedAccess> {
    const { roles, errors } = checkStaffRoles(postedRoles);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Le compte ne peut pas être créé en l’état.', { errors });
    const email = dto.email.toLowerCase();
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const id = await this.dataSource.transaction(async (em) => {
      const created = await this.accounts.insert(em, { email, displayName: dto.displayName, passwordHash, roles });
      if (!created) return null;
      await this.audit.record(em, actor, {
        action: 'account.staff_created',
        subjectType: 'user',
        subjectId: created,
        after: { email, displayName: dto.displayName, roles },
      });
      return created;
    });
    if (!id) {
      throw new DomainError('EMAIL_TAKEN', 'Un compte existe déjà avec cette adresse électronique.', {
        errors: [{ path: 'email', code: 'EMAIL_TAKEN', message: 'Un compte existe déjà avec cette adresse électronique.' }],
      });
    }
    this.logger.log(`staff account ${id} created [correlationId=${actor.correlationId}]`);
    return { account: await this.get(id), temporaryPassword: password };
  }

  async setRoles(id: string, postedRoles: readonly string[], actor: Actor): Promise<AccountRow> {
    const { roles, errors } = checkStaffRoles(postedRoles);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Les rôles ne peuvent pas être enregistrés.', { errors });
    await this.change(id, actor, async (em, before) => {
      if (before.roles.includes('APPLICANT'))
        throw conflict('Les rôles d’un compte porteur de projet ne se modifient pas ici : créez un compte agent distinct.');
      refuseSelfLockout(actor, id, { roles });
      if (sameRoles(before.roles, roles)) return null;
      await this.accounts.setRoles(em, id, roles);
      return { action: 'account.roles_changed', before: { roles: before.roles }, after: { roles } };
    });
    return this.get(id);
  }

  async setActive(id: string, active: boolean, actor: Actor): Promise<AccountRow> {
    await this.change(id, actor, async (em, before) => {
      refuseSelfLockout(actor, id, { deactivate: !active });
      if (before.isActive === active) return null;
      await this.accounts.setActive(em, id, active);
      const revoked = active ? 0 : await this.accounts.revokeSessions(em, id);
      return {
        action: active ? 'account.reactivated' : 'account.deactivated',
        before: { isActive: before.isActive },
        after: { isActive: active, ...(active ? {} : { sessionsEnded: revoked }) },
      };
    });
    return this.get(id);
  }

  /** A new temporary password; every open session of the account ends and its second factor is enrolled again. */
  async resetAccess(id: string, actor: Actor): Promise<IssuedAccess> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.change(id, actor, async (em) => {
      await this.accounts.setPasswordHash(em, id, passwordHash);
      const revoked = await this.accounts.revokeSessions(em, id);
      const secondFactorReset = await this.accounts.resetSecondFactor(em, id);
      return { action: 'account.access_reset', after: { sessionsEnded: revoked, secondFactorReset } };
    });
    return { account: await this.get(id), temporaryPassword: password };
  }

  private async change(
    id: string,
    actor: Actor,
    apply: (
      em: import('typeorm').EntityManager,
      before: AccountRow,
    ) => Promise<{ action: string; before?: Record<string, unknown>; after?: Record<string, unknown> } | null>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await this.accounts.find(id, em, true);
      if (!before) throw notFound();
      const done = await apply(em, before);
      if (done) await this.audit.record(em, actor, { action: done.action, subjectType: 'user', subjectId: id, before: done.before, after: done.after });
    });
  }
}

function refuseSelfLockout(actor: Actor, targetId: string, change: { deactivate?: boolean; roles?: readonly Role[] }): void {
  const message = actor.userId ? selfLockoutError(actor.userId, targetId, change) : null;
  if (message) throw conflict(message);
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', "Ce compte n'existe pas.");
}

function conflict(message: string): DomainError {
  return new DomainError('CONFLICT', message);
}
