import { createUser, TEST_PASSWORD } from '../support/factories/user.factory';
import { createTestApp, ownerDataSource, truncateAll, useTestApp } from '../support/test-app';

/**
 * Issue 18, point 10: sign-up and reset never reveal which addresses exist, staff ones included; the session cookie's
 * Secure flag and HSTS are one choice per environment (COOKIE_SECURE).
 */
describe('accounts disclosure and cookie security (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('answers a sign-up with a staff address exactly as with a new one, and changes nothing of the staff account', async () => {
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const staff = await ctx.t
      .http()
      .post('/api/v1/accounts')
      .send({ email: instructor.email.toUpperCase(), displayName: 'Intrus', password: 'une phrase de passe assez longue' });
    const fresh = await ctx.t
      .http()
      .post('/api/v1/accounts')
      .send({ email: 'nouvelle-personne@ruches.example', displayName: 'Nouvelle', password: 'une phrase de passe assez longue' });
    expect(staff.status).toBe(202);
    expect(fresh.status).toBe(202);
    expect(staff.body).toEqual(fresh.body);
    expect(
      Object.keys(staff.headers)
        .filter((h) => !['date', 'x-correlation-id', 'content-length'].includes(h))
        .sort(),
    ).toEqual(
      Object.keys(fresh.headers)
        .filter((h) => !['date', 'x-correlation-id', 'content-length'].includes(h))
        .sort(),
    );
    const rows = await ctx.owner.query(`SELECT display_name, roles FROM app_user WHERE lower(email) = lower($1)`, [instructor.email]);
    expect(rows).toHaveLength(1);
    expect(rows[0].display_name).not.toBe('Intrus');
    expect(JSON.stringify(rows[0].roles)).toContain('INSTRUCTOR');
    const reset = await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: instructor.email });
    const none = await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: 'personne@nulle-part.example' });
    expect([reset.status, reset.body]).toEqual([none.status, none.body]);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('COOKIE_SECURE=%s: the session cookie is Secure exactly when HSTS is sent', async (flag, secure) => {
    const t = await createTestApp({ env: { COOKIE_SECURE: flag } });
    const owner = await ownerDataSource();
    try {
      const user = await createUser(owner, { roles: ['APPLICANT'] });
      const res = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      const session = cookies.find((c) => c.startsWith('essaim_session='));
      expect(session).toBeDefined();
      expect(/;\s*Secure/i.test(session!)).toBe(secure);
      expect(res.headers['strict-transport-security'] !== undefined).toBe(secure);
      const page = await t.http().get('/connexion');
      expect(page.headers['strict-transport-security'] !== undefined).toBe(secure);
    } finally {
      await owner.destroy();
      await t.close();
    }
  });
});
