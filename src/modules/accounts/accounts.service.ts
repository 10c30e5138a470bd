import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { hashPassword } from '../auth/password';
import { AccountsRepository } from './accounts.repository';
import { passwordProblems } from './domain/password-policy';
import type { AccountResponse } from './dto/account.response';
import type { CreateAccountDto } from './dto/create-account.dto';
import { SignupThrottleService } from './signup-throttle.service';

/**
 * Self-service sign-up of applicants (staff accounts are created by an administrator, never here).
 *
 * An e-mail already in use answers 409 EMAIL_TAKEN. Hiding it would need an e-mail round trip ("if this address is
 * new, we sent you a link"), and there is no mailer yet; a back office for a few hundred structures accepts the
 * disclosure, which stays throttled per IP with every other attempt and is logged without the address.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly throttle: SignupThrottleService,
  ) {}

  async signUp(dto: CreateAccountDto, ip: string, correlationId: string): Promise<AccountResponse> {
    const email = dto.email.toLowerCase();
    const verdict = await this.throttle.hit(ip);
    if (!verdict.allowed) {
      this.logger.warn(`sign-up throttled [correlationId=${correlationId}]`);
      throw new DomainError('TOO_MANY_REQUESTS', 'Trop de créations de compte depuis votre connexion. Réessayez plus tard.', {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    const problems = passwordProblems(dto.password, { email, displayName: dto.displayName });
    if (problems.length) {
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe ne convient pas.', { errors: problems.map((p) => ({ path: 'password', ...p })) });
    }
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (em) => {
      const created = await this.accounts.insertApplicant(em, { email, displayName: dto.displayName, passwordHash });
      if (!created) return null;
      const actor: Actor = { kind: 'USER', userId: created, correlationId };
      await this.audit.record(em, actor, { action: 'account.created', subjectType: 'user', subjectId: created, after: { roles: ['APPLICANT'] } });
      return created;
    });
    if (!id) {
      this.logger.warn(`sign-up refused: e-mail already in use [correlationId=${correlationId}]`);
      throw new DomainError('EMAIL_TAKEN', 'Un compte existe déjà avec cette adresse électronique. Connectez-vous ou utilisez une autre adresse.', {
        errors: [{ path: 'email', code: 'EMAIL_TAKEN', message: 'Un compte existe déjà avec cette adresse électronique.' }],
      });
    }
    this.logger.log(`applicant account ${id} created [correlationId=${correlationId}]`);
    return { id, email, displayName: dto.displayName, roles: ['APPLICANT'] };
  }
}
