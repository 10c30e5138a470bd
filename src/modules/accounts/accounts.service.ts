import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { hashPassword, verifyPassword } from '../auth/password';
import { newToken, tokenId } from '../auth/tokens';
import { MailService } from '../mail/mail.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { AccountsRepository } from './accounts.repository';
import { passwordProblems } from './domain/password-policy';
import type { AccountRequestAccepted } from './dto/account-recovery.dto';
import type { CreateAccountDto } from './dto/create-account.dto';
import { SignupThrottleService } from './signup-throttle.service';

const VERIFY_TTL_MINUTES = 48 * 60;
const RESET_TTL_MINUTES = 60;
export const SIGN_UP_ACCEPTED = 'Si cette adresse peut être utilisée, un courriel vient de lui être envoyé : suivez son lien pour activer le compte.';
export const RESET_ACCEPTED = 'Si un compte existe avec cette adresse, un courriel vient de lui être envoyé avec un lien valable une heure.';

/**
 * Self-service accounts of applicants (staff accounts are created by an administrator): sign-up confirmed by e-mail
 * and password reset by a single-use link (docs/security.md). Sign-up and reset answer the same way whether the
 * address has an account or not (ASVS 6.3.8): the difference only reaches the mailbox's owner.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly relay: OutboxRelay,
    private readonly throttle: SignupThrottleService,
    private readonly tokens: AccountTokensRepository,
  ) {}

  /** `next`: where the confirmation link leads after login (an invitation being accepted), a same-site path. */
  async signUp(dto: CreateAccountDto, ip: string, correlationId: string, next = ''): Promise<AccountRequestAccepted> {
    const email = dto.email.toLowerCase();
    await this.throttled(ip, correlationId);
    const problems = passwordProblems(dto.password, { email, displayName: dto.displayName });
    if (problems.length) {
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe ne convient pas.', { errors: problems.map((p) => ({ path: 'password', ...p })) });
    }
    // Hashed in every case, so that the answer takes as long whether the address is new or not.
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (em) => {
      const created = await this.accounts.insertApplicant(em, { email, displayName: dto.displayName, passwordHash });
      if (created) {
        const actor: Actor = { kind: 'USER', userId: created, correlationId };
        await this.sendVerification(em, created, next);
        await this.audit.record(em, actor, { action: 'account.created', subjectType: 'user', subjectId: created, after: { roles: ['APPLICANT'] } });
        return;
      }
      const holder = await this.tokens.holderByEmail(em, email);
      if (!holder?.isActive) return;
      if (!holder.emailVerified) return this.sendVerification(em, holder.id, next);
      // Someone (perhaps the owner, who forgot) tried to sign up with a used address: tell the owner, once a day.
      await this.mail.toUser(em, holder.id, {
        template: 'account-exists',
        params: {},
        eventKey: `account.sign-up-attempt:${new Date().toISOString().slice(0, 10)}`,
      });
    });
    this.relay.kick();
    this.logger.log(`sign-up request handled [correlationId=${correlationId}]`);
    return { message: SIGN_UP_ACCEPTED };
  }

  async verifyEmail(token: string, correlationId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const userId = await this.tokens.consume(em, 'VERIFY_EMAIL', tokenId(token));
      if (!userId) throw invalidLink();
      if (await this.tokens.markVerified(em, userId)) {
        await this.audit.record(em, { kind: 'USER', userId, correlationId }, { action: 'account.email_verified', subjectType: 'user', subjectId: userId });
      }
    });
  }

  async requestPasswordReset(rawEmail: string, ip: string, correlationId: string): Promise<AccountRequestAccepted> {
    await this.throttled(ip, correlationId);
    const email = rawEmail.trim().toLowerCase();
    await this.dataSource.transaction(async (em) => {
      const holder = await this.tokens.holderByEmail(em, email);
      if (!holder?.isActive) return;
      const token = newToken();
      await this.tokens.insert(em, { userId: holder.id, purpose: 'RESET_PASSWORD', tokenHash: tokenId(token), ttlMinutes: RESET_TTL_MINUTES });
      await this.mail.toUser(em, holder.id, { template: 'password-reset', params: { token }, eventKey: `account.password-reset:${tokenId(token)}` });
      await this.audit.record(
        em,
        { kind: 'USER', userId: holder.id, correlationId },
        { action: 'account.password_reset_requested', subjectType: 'user', subjectId: holder.id },
      );
    });
    this.relay.kick();
    return { message: RESET_ACCEPTED };
  }

  /** True when the reset link can still be used (the page shows the form only then). */
  resetLinkIsLive(token: string): Promise<boolean> {
    return this.tokens.isLive(this.dataSource.manager, 'RESET_PASSWORD', tokenId(token));
  }

  async resetPassword(token: string, password: string, correlationId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const userId = await this.tokens.consume(em, 'RESET_PASSWORD', tokenId(token));
      const holder = userId ? await this.tokens.holder(em, userId) : undefined;
      if (!holder?.isActive) throw invalidLink();
      const problems = passwordProblems(password, { email: holder.email, displayName: holder.displayName });
      // Throwing rolls the consumption back: the link stays usable for a better password.
      if (problems.length)
        throw new DomainError('VALIDATION_FAILED', 'Le mot de passe ne convient pas.', { errors: problems.map((p) => ({ path: 'password', ...p })) });
      await this.tokens.setPassword(em, holder.id, await hashPassword(password));
      // Following a link sent to the address proves it too.
      await this.tokens.markVerified(em, holder.id);
      await this.mail.toUser(em, holder.id, { template: 'password-changed', params: {}, eventKey: `account.password-changed:${tokenId(token)}` });
      await this.audit.record(
        em,
        { kind: 'USER', userId: holder.id, correlationId },
        { action: 'account.password_reset', subjectType: 'user', subjectId: holder.id },
      );
    });
    this.relay.kick();
  }

  /**
   * « Mon compte »: the signed-in person changes their password, giving the current one (a session left open on a
   * shared computer is not enough); the other sessions end, this one stays; a mail tells the owner (docs/security.md).
   */
  async changePassword(actor: Actor & { userId: string }, sessionId: string, current: string, next: string, confirmation: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const holder = await this.tokens.holder(em, actor.userId);
      const hash = await this.tokens.passwordHash(em, actor.userId);
      if (!holder || !(await verifyPassword(hash, current))) {
        throw new DomainError('VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', {
          errors: [{ path: 'currentPassword', code: 'WRONG_PASSWORD', message: 'Le mot de passe actuel est incorrect.' }],
        });
      }
      const problems: FieldError[] = passwordProblems(next, { email: holder.email, displayName: holder.displayName }).map((p) => ({
        path: 'newPassword',
        ...p,
      }));
      if (next !== confirmation)
        problems.push({ path: 'confirmation', code: 'MISMATCH', message: 'Les deux saisies du nouveau mot de passe sont différentes.' });
      if (problems.length) throw new DomainError('VALIDATION_FAILED', 'Le nouveau mot de passe ne convient pas.', { errors: problems });
      const ended = await this.tokens.changePassword(em, actor.userId, await hashPassword(next), sessionId);
      await this.mail.toUser(em, actor.userId, { template: 'password-changed', params: {}, eventKey: `account.password-changed:${actor.correlationId}` });
      await this.audit.record(em, actor, {
        action: 'account.password_changed',
        subjectType: 'user',
        subjectId: actor.userId,
        after: { otherSessionsEnded: ended },
      });
    });
    this.relay.kick();
  }

  private async sendVerification(em: Parameters<MailService['toUser']>[0], userId: string, next: string): Promise<void> {
    const token = newToken();
    await this.tokens.insert(em, { userId, purpose: 'VERIFY_EMAIL', tokenHash: tokenId(token), ttlMinutes: VERIFY_TTL_MINUTES });
    await this.mail.toUser(em, userId, { template: 'verify-email', params: { token, next }, eventKey: `account.verify-email:${tokenId(token)}` });
  }

  private async throttled(ip: string, correlationId: string): Promise<void> {
    const verdict = await this.throttle.hit(ip);
    if (verdict.allowed) return;
    this.logger.warn(`account request throttled [correlationId=${correlationId}]`);
    throw new DomainError('TOO_MANY_REQUESTS', 'Trop de demandes depuis votre connexion. Réessayez plus tard.', {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}

function invalidLink(): DomainError {
  return new DomainError('ACCOUNT_LINK_INVALID', "Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.");
}
