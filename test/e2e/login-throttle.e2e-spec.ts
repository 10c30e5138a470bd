import { createUser, freshTotp, TEST_PASSWORD } from '../support/factories/user.factory';
import { useTestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wrong passwords slow an account down but never lock it: the owner's usual client goes straight through. */
describe('login throttling without lockout (e2e)', () => {
  const ctx = useTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_DELAY_SECONDS: '2', LOGIN_MAX_FAILURES_PER_IP: '1000' } });

  it('delays an attacked account progressively, lets the right password through after the delay, and at once from the usual client', async () => {
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    // The right password comes with the instructor's second factor (docs/security.md); wrong ones need none.
    const login = (password: string, cookie?: string, code?: string) => {
      const req = ctx.t.http().post('/api/v1/auth/login').send({ email: instructor.email, password, code });
      return cookie ? req.set('Cookie', cookie) : req;
    };
    const code = () => freshTotp(ctx.owner, instructor);
    // The instructor's browser signed in once: it holds the known-client cookie.
    const first = await login(TEST_PASSWORD, undefined, await code()).expect(200);
    const known = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('essaim_known_client='))!.split(';')[0];
    expect(known).toBeDefined();

    // Someone else types wrong passwords: 401 while free, then 429 with a Retry-After of at most the ceiling.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login('mauvais mot de passe')).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    const throttled = await login(TEST_PASSWORD, undefined, await code()).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(2);

    // The usual client is not held back at all.
    await login(TEST_PASSWORD, known, await code()).expect(200);

    // No lockout: once the delay has passed the right password works from anywhere.
    for (let i = 0; i < 3; i++) await login('encore faux').catch(() => undefined);
    await sleep(2_100);
    await login(TEST_PASSWORD, undefined, await code()).expect(200);
  });
  // The per-IP limit is unchanged: auth.e2e-spec.ts « throttles an IP that tries many accounts ».
});
