import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { AuthContext, AuthUser } from './auth-context';
import { LoginThrottleService } from './login-throttle.service';
import { verifyPassword } from './password';
import { SessionsRepository } from './sessions.repository';
import { newToken, tokenId } from './tokens';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: AuthUser;
  /** Known-client token to set as a cookie: this client skips the account's progressive delay next time. */
  knownClient: { token: string; maxAgeSeconds: number };
}

const TOUCH_AFTER_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login(rawEmail: string, password: string, ip: string, correlationId: string, knownClientToken?: string): Promise<LoginResult> {
    const email = rawEmail.trim().toLowerCase();
    const verdict = await this.throttle.check(email, ip, await this.throttle.isKnownClient(email, knownClientToken));
    if (!verdict.allowed) {
      this.logger.warn(`login throttled [correlationId=${correlationId}]`);
      throw new DomainError('TOO_MANY_REQUESTS', 'Trop de tentatives de connexion. Réessayez plus tard.', { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    const user = await this.sessions.findCredentialsByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.isActive) {
      await this.throttle.recordFailure(email, ip);
      this.logger.warn(`login failed${user ? ` for user ${user.id}` : ' for an unknown account'} [correlationId=${correlationId}]`);
      throw new DomainError('INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.');
    }
    await this.throttle.recordSuccess(email);
    // Said only to whoever knows the password: it reveals nothing to someone probing addresses.
    if (!user.emailVerified) {
      throw new DomainError('EMAIL_NOT_VERIFIED', "Confirmez d'abord votre adresse électronique avec le lien qui vous a été envoyé. Sans courriel, créez à nouveau le compte pour en recevoir un nouveau.");
    }

    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(Date.now() + this.config.auth.sessionAbsoluteHours * 3_600_000);
    const actor: Actor = { kind: 'USER', userId: user.id, correlationId };
    await this.dataSource.transaction(async (em) => {
      await this.sessions.insert(em, { id: tokenId(token), userId: user.id, csrfToken, expiresAt });
      await this.audit.record(em, actor, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    });
    this.logger.log(`login succeeded for user ${user.id} [correlationId=${correlationId}]`);
    const knownClient = await this.throttle.issueKnownClient(email);
    return { token, csrfToken, expiresAt, knownClient, user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles } };
  }

  /** Resolves a bearer or cookie token to a live session, enforcing idle and absolute timeouts (ASVS 7.3). */
  async authenticate(token: string, via: AuthContext['via']): Promise<AuthContext | null> {
    if (token.length < 20 || token.length > 100) return null;
    const row = await this.sessions.findWithUser(tokenId(token));
    if (!row || row.revokedAt || !row.isActive) return null;
    const now = Date.now();
    const idleLimit = row.lastSeenAt.getTime() + this.config.auth.sessionIdleMinutes * 60_000;
    if (row.expiresAt.getTime() <= now || idleLimit <= now) return null;
    if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) await this.sessions.touch(row.sessionId);
    return {
      user: { id: row.userId, email: row.email, displayName: row.displayName, roles: row.roles },
      sessionId: row.sessionId,
      csrfToken: row.csrfToken,
      via,
    };
  }

  async logout(auth: AuthContext, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (await this.sessions.revoke(em, auth.sessionId)) {
        await this.audit.record(em, actor, { action: 'auth.logout', subjectType: 'user', subjectId: auth.user.id });
      }
    });
  }
}
