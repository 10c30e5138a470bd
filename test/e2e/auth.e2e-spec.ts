import Redis from 'ioredis';
import { createUser, freshTotp, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { present } from '../support/checked';

describe('auth (e2e)', () => {
  const ctx = useTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '6' } });
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    const r = new Redis(ctx.t.config.redis.url);
    const keys = await r.keys(`${ctx.t.config.queue.prefix}:login:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  it('logs in with a bearer token and a secure session cookie, and stores an argon2id hash', async () => {
    const user = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], email: 'Hugo@Test.essaim.fr'.toLowerCase() });
    const res = await ctx.t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'HUGO@test.essaim.fr', password: user.password, code: await freshTotp(ctx.owner, user) })
      .expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { id: user.id, roles: ['INSTRUCTOR'], organisations: [] } });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = present(
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('essaim_session=')),
      'session cookie',
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const [{ password_hash }] = await ctx.owner.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [counts] = await ctx.owner.query(`SELECT count(*) FILTER (WHERE id = $2) AS raw, count(*) AS total FROM session WHERE user_id = $1`, [
      user.id,
      res.body.token,
    ]);
    expect(counts).toEqual({ raw: '0', total: '1' }); // stored hashed, never as the token itself
  });

  it('answers /me to the bearer token and to the cookie, and 401 without either', async () => {
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Léa Porteuse' });
    const s = await login(ctx.t, user);
    const byBearer = await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${s.token}`).expect(200);
    expect(byBearer.body).toMatchObject({ id: user.id, displayName: 'Léa Porteuse', roles: ['APPLICANT'] });
    await ctx.t.http().get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    const anon = await ctx.t.http().get('/api/v1/me').expect(401);
    expect(anon.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anon.body.code).toBe('UNAUTHENTICATED');
    await ctx.t.http().get('/api/v1/me').set('Authorization', 'Bearer not-a-real-token-at-all-000000').expect(401);
  });

  it('refuses a wrong password with the same answer as an unknown account', async () => {
    const user = await createUser(ctx.owner);
    const wrong = await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'nope' }).expect(401);
    const unknown = await ctx.t.http().post('/api/v1/auth/login').send({ email: 'ghost@test.essaim.fr', password: 'nope' }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect({ ...unknown.body, instance: undefined }).toEqual({ ...wrong.body, instance: undefined });
  });

  it('throttles an account after the configured failures, with Retry-After, even with the right password', async () => {
    const user = await createUser(ctx.owner);
    for (let i = 0; i < 3; i++) await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'bad' }).expect(401);
    const blocked = await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an IP that tries many accounts', async () => {
    for (let i = 0; i < 6; i++)
      await ctx.t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: `nobody${i}@test.essaim.fr`, password: 'bad' })
        .expect(401);
    const user = await createUser(ctx.owner);
    await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('logs out: the token stops working, and the logout is audited', async () => {
    const user = await createUser(ctx.owner);
    const s = await login(ctx.t, user);
    await ctx.t.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${s.token}`).expect(204);
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${s.token}`).expect(401);
    const actions = await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [user.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['auth.login', 'auth.logout']);
  });

  it('requires the CSRF token on writes authenticated by the cookie, not by the bearer token', async () => {
    const user = await createUser(ctx.owner);
    const s = await login(ctx.t, user);
    const refused = await ctx.t.http().post('/api/v1/auth/logout').set('Cookie', s.cookie).expect(403);
    expect(refused.body.code).toBe('CSRF_TOKEN_INVALID');
    await ctx.t.http().post('/api/v1/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', 'wrong').expect(403);
    await ctx.t.http().post('/api/v1/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).expect(204);
  });

  it('expires idle sessions', async () => {
    const user = await createUser(ctx.owner);
    const s = await login(ctx.t, user);
    await ctx.owner.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${s.token}`).expect(401);
  });
});
