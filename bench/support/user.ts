import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../../src/modules/auth/password';
import { newTotpSecret, totpCode } from '../../src/modules/auth/second-factor/domain/totp';

export interface BenchUser {
  email: string;
  password: string;
}

/** Inserted directly, as test/support/factories/user.factory.ts does: signing up is not what is measured. */
export async function insertUser(databaseUrl: string): Promise<BenchUser> {
  const user = { email: `bench-${randomBytes(4).toString('hex')}@essaim.test`, password: 'bench password 2026' };
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4)`, [
      user.email,
      'Banc Essai',
      await hashPassword(user.password),
      ['APPLICANT'],
    ]);
  } finally {
    await db.end();
  }
  return user;
}

/**
 * Logs in through Essaim's API and returns the bearer token. A staff account must give a second factor
 * (docs/security.md): given the database, the bench enrols it directly (as its first login would) and sends a code.
 */
export async function login(baseUrl: string, user: BenchUser, databaseUrl?: string): Promise<string> {
  const attempt = (code?: string) =>
    fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password, code }),
    });
  let res = await attempt();
  let body = (await res.json()) as { token?: unknown; code?: unknown };
  if (databaseUrl && (body.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED' || body.code === 'SECOND_FACTOR_REQUIRED')) {
    res = await attempt(await enrolSecondFactor(databaseUrl, user.email));
    body = (await res.json()) as { token?: unknown };
  }
  if (res.status !== 200 || typeof body.token !== 'string') throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Gives the account a fresh TOTP secret (enrolled, no step used yet) and returns the current code. */
async function enrolSecondFactor(databaseUrl: string, email: string): Promise<string> {
  const secret = newTotpSecret();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO user_totp (user_id, secret, enabled_at) SELECT id, $2, now() FROM app_user WHERE email = $1
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, enabled_at = now(), last_used_step = NULL`,
      [email, secret],
    );
  } finally {
    await db.end();
  }
  return totpCode(secret);
}
