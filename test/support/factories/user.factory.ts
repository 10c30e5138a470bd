import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '../../../src/modules/auth/roles';
import { hashPassword } from '../../../src/modules/auth/password';
import type { TestApp } from '../test-app';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export interface Session {
  token: string;
  cookie: string;
  csrfToken: string;
}

export async function createUser(db: DataSource, overrides: { roles?: Role[]; email?: string; displayName?: string } = {}): Promise<TestUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `user-${randomBytes(4).toString('hex')}@test.essaim.fr`;
  const [row]: { id: string }[] = await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
    email,
    overrides.displayName ?? 'Utilisatrice Test',
    await cachedHash,
    overrides.roles ?? ['APPLICANT'],
  ]);
  return { id: row.id, email, password: TEST_PASSWORD };
}

/** Logs in through the API; returns the bearer token, the session cookie and its CSRF token. */
export async function login(t: TestApp, user: TestUser): Promise<Session> {
  const res = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('essaim_session='))!.split(';')[0];
  return { token: res.body.token, cookie, csrfToken: res.body.csrfToken };
}
