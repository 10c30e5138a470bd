import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../../src/modules/auth/password';

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

/** Logs in through Essaim's API and returns the bearer token. */
export async function login(baseUrl: string, user: BenchUser): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const body = (await res.json()) as { token?: unknown };
  if (res.status !== 200 || typeof body.token !== 'string') throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}
