import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { REDIS_CLIENT } from '../../../infra/redis.token';
import type { Role } from '../roles';
import { STAFF_ROLES } from '../roles';
import { newToken, tokenId } from '../tokens';

/** What the login request left for its callback: kept in Redis under the hash of the browser cookie's token. */
interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export interface ProConnectIdentity {
  user: { id: string; email: string; displayName: string; roles: Role[] };
  idToken: string;
}

const PENDING_SECONDS = 600;

/**
 * ProConnect, the State agents' OpenID Connect federation, for staff (docs/security.md): authorization code flow
 * with PKCE (S256), state and nonce checked by openid-client. The agent's e-mail links an existing, active staff
 * account on the first login (its ProConnect subject is then kept and must match afterwards); roles stay managed in
 * Essaim. ProConnect does the strong authentication, so no TOTP is asked after it.
 */
@Injectable()
export class ProConnectService {
  private readonly logger = new Logger(ProConnectService.name);
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  get enabled(): boolean {
    return this.config.proconnect !== null;
  }

  get redirectUri(): string {
    return `${this.config.http.publicUrl}/connexion/proconnect/retour`;
  }

  /** The provider's URL to send the browser to, and the token of the cookie that ties the callback to this browser. */
  async start(next: string): Promise<{ url: string; cookieToken: string }> {
    const configuration = await this.discover();
    const pending: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const cookieToken = newToken();
    await this.redis.set(this.key(cookieToken), JSON.stringify(pending), 'EX', PENDING_SECONDS);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.proconnect!.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, cookieToken };
  }

  /** The callback: checks state, nonce and PKCE, then finds the staff account. Each pending login is used once. */
  async finish(cookieToken: string | undefined, callbackPathAndQuery: string, correlationId: string): Promise<ProConnectIdentity & { next: string }> {
    const raw = cookieToken ? await this.redis.getdel(this.key(cookieToken)) : null;
    if (!raw) throw new DomainError('PROCONNECT_FAILED', 'Votre connexion ProConnect a expiré. Recommencez depuis la page de connexion.');
    const pending = JSON.parse(raw) as PendingLogin;
    const configuration = await this.discover();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, new URL(callbackPathAndQuery, this.config.http.publicUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      this.logger.warn(`ProConnect callback refused: ${e instanceof Error ? e.message : String(e)} [correlationId=${correlationId}]`);
      throw new DomainError('PROCONNECT_FAILED', 'ProConnect n’a pas confirmé votre identité. Recommencez depuis la page de connexion.');
    }
    const claims = tokens.claims()!;
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    // ProConnect gives the e-mail in the userinfo answer rather than the ID token.
    if (!email) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : undefined;
    }
    if (!email) throw new DomainError('PROCONNECT_FAILED', 'ProConnect n’a pas transmis d’adresse électronique.');
    const user = await this.link(email.trim().toLowerCase(), claims.sub, correlationId);
    return { user, idToken: tokens.id_token!, next: pending.next };
  }

  /** Where to send the browser after the Essaim session ended, so that the ProConnect session ends too. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      state: oidc.randomState(),
      post_logout_redirect_uri: `${this.config.http.publicUrl}/connexion`,
    }).href;
  }

  /** An active staff account with this e-mail, linked to this subject on first use; nothing else signs in. */
  private async link(email: string, sub: string, correlationId: string): Promise<ProConnectIdentity['user']> {
    return this.dataSource.transaction(async (em) => {
      const rows: (ProConnectIdentity['user'] & { sub: string | null })[] = await em.query(
        `SELECT id, email, display_name AS "displayName", roles, proconnect_sub AS sub FROM app_user WHERE email = $1 AND is_active FOR UPDATE`,
        [email],
      );
      const user = rows[0];
      if (!user || !user.roles.some((r) => STAFF_ROLES.includes(r))) {
        this.logger.warn(`ProConnect login without a matching staff account [correlationId=${correlationId}]`);
        throw new DomainError(
          'PROCONNECT_FAILED',
          'Aucun compte agent actif ne correspond à votre adresse dans Essaim. Demandez à un administrateur de le créer.',
        );
      }
      if (user.sub && user.sub !== sub) {
        this.logger.warn(`ProConnect subject mismatch for user ${user.id} [correlationId=${correlationId}]`);
        throw new DomainError('PROCONNECT_FAILED', 'Ce compte Essaim est déjà lié à une autre identité ProConnect.');
      }
      if (!user.sub) {
        await em.query(`UPDATE app_user SET proconnect_sub = $2 WHERE id = $1`, [user.id, sub]);
        await this.audit.record(
          em,
          { kind: 'USER', userId: user.id, correlationId },
          { action: 'auth.proconnect.linked', subjectType: 'user', subjectId: user.id },
        );
      }
      return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles };
    });
  }

  private discover(): Promise<oidc.Configuration> {
    const pc = this.config.proconnect;
    if (!pc) throw new DomainError('NOT_FOUND', 'ProConnect n’est pas configuré.');
    // Plain http only for a provider on this machine outside production (the tests' in-process provider).
    const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(pc.issuer) && this.config.env !== 'production';
    this.configuration ??= oidc
      .discovery(
        new URL(pc.issuer),
        pc.clientId,
        { client_secret: pc.clientSecret, id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(pc.clientSecret),
        local ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        this.configuration = undefined;
        throw e;
      });
    return this.configuration;
  }

  private key(cookieToken: string): string {
    return `${this.config.queue.prefix}:proconnect:${tokenId(cookieToken)}`;
  }
}
