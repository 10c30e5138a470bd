import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { AuthContext, AuthUser } from './auth-context';
import { LoginThrottleService } from './login-throttle.service';
import { verifyPassword } from './password';
import type { Role } from './roles';
import { SecondFactorRepository } from './second-factor/second-factor.repository';
import { SecondFactorService } from './second-factor/second-factor.service';
import { type LiveSession, type SessionMethod, SessionsRepository, type UserCredentials } from './sessions.repository';
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
/** The password step stays valid this long, and for this many wrong codes, before the password must be typed again. */
const CHALLENGE_MINUTES = 10;
const CHALLENGE_MAX_CODES = 5;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleService,
    private readonly secondFactor: SecondFactorService,
    private readonly challenges: SecondFactorRepository,
  ) {}

  /**
   * The API's login: email, password and, for an account with a second factor, its code in the same request. A staff
   * account without an enrolled second factor is refused: it enrols through the web login (/connexion) first.
   */
  async login(
    rawEmail: string,
    password: string,
    ip: string,
    correlationId: string,
    knownClientToken?: string,
    code?: string,
    userAgent?: string,
  ): Promise<LoginResult> {
    const email = rawEmail.trim().toLowerCase();
    const user = await this.checkPassword(email, password, ip, correlationId, knownClientToken);
    const enrolled = await this.secondFactor.isEnrolled(user.id);
    if (!enrolled && SecondFactorService.requiredFor(user.roles)) {
      throw new DomainError(
        'SECOND_FACTOR_ENROLMENT_REQUIRED',
        'Les comptes des services doivent activer la double authentification : connectez-vous une première fois par la page /connexion.',
      );
    }
    if (!enrolled) return this.openSession(user, correlationId, 'PASSWORD', userAgent);
    if (!code) throw new DomainError('SECOND_FACTOR_REQUIRED', 'Saisissez le code de votre application d’authentification (champ code).');
    const method = await this.checkSecondFactor(user, code, ip, correlationId, knownClientToken);
    return this.openSession(user, correlationId, method, userAgent);
  }

  /** Password step, throttled per account and IP (ASVS 6.3.1); returns the account, or throws one same error for all failures. */
  async checkPassword(email: string, password: string, ip: string, correlationId: string, knownClientToken?: string): Promise<UserCredentials> {
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
    // The account's failure counter is reset only once every factor was given (openSession): a correct password
    // alone must not clear the count of wrong codes.
    // Said only to whoever knows the password: it reveals nothing to someone probing addresses.
    if (!user.emailVerified) {
      throw new DomainError(
        'EMAIL_NOT_VERIFIED',
        "Confirmez d'abord votre adresse électronique avec le lien qui vous a été envoyé. Sans courriel, créez à nouveau le compte pour en recevoir un nouveau.",
      );
    }
    return user;
  }

  /** Whether this account must give a second factor after its password, and whether it has one yet. */
  async secondFactorStep(user: UserCredentials): Promise<'NONE' | 'CODE' | 'ENROL'> {
    if (await this.secondFactor.isEnrolled(user.id)) return 'CODE';
    return SecondFactorService.requiredFor(user.roles) ? 'ENROL' : 'NONE';
  }

  /** Second-factor step, throttled like the password (same counters): a wrong code counts as a failed login. */
  async checkSecondFactor(
    user: { id: string; email: string },
    code: string,
    ip: string,
    correlationId: string,
    knownClientToken?: string,
  ): Promise<SessionMethod> {
    const verdict = await this.throttle.check(user.email, ip, await this.throttle.isKnownClient(user.email, knownClientToken));
    if (!verdict.allowed)
      throw new DomainError('TOO_MANY_REQUESTS', 'Trop de tentatives de connexion. Réessayez plus tard.', { retryAfterSeconds: verdict.retryAfterSeconds });
    const method = await this.dataSource.transaction((em) => this.secondFactor.check(em, user.id, code.trim()));
    if (!method) {
      await this.throttle.recordFailure(user.email, ip);
      this.logger.warn(`second factor refused for user ${user.id} [correlationId=${correlationId}]`);
      throw new DomainError('SECOND_FACTOR_INVALID', 'Code incorrect ou déjà utilisé.');
    }
    return method === 'TOTP' ? 'PASSWORD_TOTP' : 'PASSWORD_RECOVERY_CODE';
  }

  /** The ProConnect ID token of a session (for the provider's logout), or null. */
  providerIdToken(sessionId: string): Promise<string | null> {
    return this.sessions.idToken(sessionId);
  }

  /** « Mon compte »: the person's live sessions. */
  liveSessions(userId: string): Promise<LiveSession[]> {
    return this.sessions.listLive(userId, this.config.auth.sessionIdleMinutes);
  }

  /** Ends one of the person's own sessions, or all but the current one; returns how many were live. */
  revokeOwnSessions(em: EntityManager, userId: string, target: { id: string } | { allBut: string }): Promise<number> {
    return this.sessions.revokeOwn(em, userId, target);
  }

  /** After a correct password, the short-lived step that waits for the second factor; returns the cookie's token. */
  async startChallenge(userId: string, nextPath: string): Promise<string> {
    const token = newToken();
    await this.dataSource.transaction((em) => this.challenges.insertChallenge(em, { id: tokenId(token), userId, nextPath, ttlMinutes: CHALLENGE_MINUTES }));
    return token;
  }

  /** The account a live challenge is for, or null (unknown, used, expired, too many wrong codes). */
  async challenge(token: string | undefined): Promise<{ user: UserCredentials; nextPath: string; tokenHash: string } | null> {
    if (!token || token.length < 20 || token.length > 100) return null;
    const row = await this.challenges.findChallenge(tokenId(token));
    const user = row ? await this.sessions.findCredentialsById(row.userId) : null;
    return row && user ? { user, nextPath: row.nextPath, tokenHash: tokenId(token) } : null;
  }

  async failChallenge(tokenHash: string): Promise<void> {
    await this.challenges.failChallenge(tokenHash, CHALLENGE_MAX_CODES);
  }

  async consumeChallenge(tokenHash: string): Promise<boolean> {
    return this.dataSource.transaction((em) => this.challenges.consumeChallenge(em, tokenHash));
  }

  /** Opens a session once every required factor was given; audited with how it was opened. */
  async openSession(
    user: { id: string; email: string; displayName: string; roles: Role[] },
    correlationId: string,
    method: SessionMethod,
    userAgent?: string,
    idToken?: string,
  ): Promise<LoginResult> {
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(Date.now() + this.config.auth.sessionAbsoluteHours * 3_600_000);
    const actor: Actor = { kind: 'USER', userId: user.id, correlationId };
    await this.dataSource.transaction(async (em) => {
      await this.sessions.insert(em, {
        id: tokenId(token),
        userId: user.id,
        csrfToken,
        expiresAt,
        method,
        userAgent: userAgent?.slice(0, 300) ?? null,
        idToken: idToken ?? null,
      });
      await this.audit.record(em, actor, { action: 'auth.login', subjectType: 'user', subjectId: user.id, after: { method } });
    });
    this.logger.log(`login succeeded for user ${user.id} [correlationId=${correlationId}]`);
    await this.throttle.recordSuccess(user.email);
    const knownClient = await this.throttle.issueKnownClient(user.email);
    return { token, csrfToken, expiresAt, knownClient, user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles } };
  }

  /**
   * Resolves a bearer or cookie token to a live session, enforcing idle and absolute timeouts (ASVS 7.3). `readOnly`
   * leaves the last-seen time alone: a page drawn outside the access guard (an unknown address) shows the signed-in
   * header without counting as activity (docs/ui.md, « Errors »).
   */
  async authenticate(token: string, via: AuthContext['via'], opts: { readOnly?: boolean } = {}): Promise<AuthContext | null> {
    if (token.length < 20 || token.length > 100) return null;
    const row = await this.sessions.findWithUser(tokenId(token), via === 'cookie');
    if (!row || row.revokedAt || !row.isActive) return null;
    const now = Date.now();
    const idleLimit = row.lastSeenAt.getTime() + this.config.auth.sessionIdleMinutes * 60_000;
    if (row.expiresAt.getTime() <= now || idleLimit <= now) return null;
    if (!opts.readOnly && now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) await this.sessions.touch(row.sessionId);
    return {
      user: { id: row.userId, email: row.email, displayName: row.displayName, roles: row.roles },
      sessionId: row.sessionId,
      csrfToken: row.csrfToken,
      via,
      ...(row.unread === null ? {} : { unread: row.unread }),
      ...(row.threadUnread === null ? {} : { threadUnread: row.threadUnread }),
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
