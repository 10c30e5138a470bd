import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Role, STAFF_ROLES } from '../../../src/modules/auth/roles';
import { hashPassword } from '../../../src/modules/auth/password';
import { newTotpSecret, totpCode } from '../../../src/modules/auth/second-factor/domain/totp';
import type { TestApp } from '../test-app';
import { at, only, present } from '../checked';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** The TOTP secret of an enrolled account (every staff account unless created with `secondFactor: false`). */
  totpSecret?: string;
}

export interface Session {
  token: string;
  cookie: string;
  csrfToken: string;
}

/**
 * An active, verified account. Staff accounts come enrolled in the second factor, as they are after their first
 * login (docs/security.md), so that `login()` signs them in with a code computed from the secret.
 */
export async function createUser(
  db: DataSource,
  overrides: { roles?: Role[]; email?: string; displayName?: string; secondFactor?: boolean } = {},
): Promise<TestUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `user-${randomBytes(4).toString('hex')}@test.essaim.fr`;
  const roles = overrides.roles ?? ['APPLICANT'];
  const row = only<{ id: string }>(
    await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
      email,
      overrides.displayName ?? 'Utilisatrice Test',
      await cachedHash,
      roles,
    ]),
    'app_user row',
  );
  const user: TestUser = { id: row.id, email, password: TEST_PASSWORD };
  if (overrides.secondFactor ?? roles.some((r) => STAFF_ROLES.includes(r))) user.totpSecret = await enrolSecondFactor(db, row.id);
  return user;
}

/** Enrols an account's TOTP directly (what /connexion/activation leaves behind); returns the secret. */
export async function enrolSecondFactor(db: DataSource, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.query(
    `INSERT INTO user_totp (user_id, secret, enabled_at) VALUES ($1, $2, now()) ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, enabled_at = now(), last_used_step = NULL`,
    [userId, secret],
  );
  return secret;
}

/**
 * A TOTP code the server will take now. A code is accepted once per 30-second step (replay guard), and tests sign
 * the same account in several times within a step: the guard's memory is cleared first, as a new step would.
 */
export async function freshTotp(db: DataSource, user: TestUser): Promise<string> {
  if (!user.totpSecret) throw new Error(`user ${user.email} has no second factor`);
  await db.query(`UPDATE user_totp SET last_used_step = NULL WHERE user_id = $1`, [user.id]);
  return totpCode(user.totpSecret);
}

/** The API login's body for this account: e-mail, password and, when enrolled, a fresh code. */
export async function loginBody(db: DataSource, user: TestUser): Promise<{ email: string; password: string; code?: string }> {
  return { email: user.email, password: user.password, ...(user.totpSecret ? { code: await freshTotp(db, user) } : {}) };
}

/** Logs in through the API; returns the bearer token, the session cookie and its CSRF token. */
export async function login(t: TestApp, user: TestUser): Promise<Session> {
  const res = await t
    .http()
    .post('/api/v1/auth/login')
    .send(await loginBody(t.db, user))
    .expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = at(
    present(
      setCookie.find((c) => c.startsWith('essaim_session=')),
      'session cookie',
    ).split(';'),
    0,
    'cookie pair',
  );
  return { token: res.body.token, cookie, csrfToken: res.body.csrfToken };
}
