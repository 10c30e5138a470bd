import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { group } from './checked';

/** The token of the latest link of `template` mailed to `email` (read from the stored message, as the person would). */
export async function tokenFromMail(owner: DataSource, email: string, template: 'verify-email' | 'password-reset'): Promise<string> {
  const [row] = await owner.query(`SELECT body_text FROM mail_message WHERE to_address = $1 AND template = $2 ORDER BY created_at DESC LIMIT 1`, [
    email.toLowerCase(),
    template,
  ]);
  const match = /\/(?:compte\/confirmer|mot-de-passe\/nouveau)\/([A-Za-z0-9_-]+)/.exec(row?.body_text ?? '');
  if (!match) throw new Error(`no ${template} mail for ${email}`);
  return group(match, 1, `${template} link`);
}

/** Signs up through the API and follows the confirmation link: the account can then log in. Returns its id. */
export async function signUpConfirmed(t: TestApp, owner: DataSource, body: { email: string; displayName: string; password: string }): Promise<string> {
  await t.http().post('/api/v1/accounts').send(body).expect(202);
  const token = await tokenFromMail(owner, body.email, 'verify-email');
  await t.http().post('/api/v1/accounts/verification').send({ token }).expect(204);
  const [user] = await owner.query(`SELECT id FROM app_user WHERE email = $1`, [body.email.toLowerCase()]);
  return user.id;
}
