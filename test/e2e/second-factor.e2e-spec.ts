import { totpCode } from '../../src/modules/auth/second-factor/domain/totp';
import { createUser, freshTotp } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at, group, header } from '../support/checked';

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))
    ?.split(';')[0];
const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Staff sign in with a second factor (docs/security.md): TOTP enrolled at the first login, recovery codes used once. */
describe('second factor for staff (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  async function passwordStep(email: string, password: string): Promise<{ location: string; step: string; session?: string }> {
    const page = await ctx.t.http().get('/connexion').expect(200);
    const csrf = group(/name="_csrf" value="([^"]+)"/.exec(page.text));
    const res = await ctx.t
      .http()
      .post('/connexion')
      .type('form')
      .set('Cookie', cookieValue(page, 'essaim_login_csrf')!)
      .send({ email, password, _csrf: csrf, suite: '/compte' })
      .expect(303);
    return { location: header(res, 'Location'), step: cookieValue(res, 'essaim_login_step')!, session: cookieValue(res, 'essaim_session') };
  }

  it('refuses a staff password login without the second factor, on the API and on the form', async () => {
    const agent = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], secondFactor: false });
    const api = await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password }).expect(403);
    expect(api.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(cookieValue(api, 'essaim_session')).toBeUndefined();

    const enrolled = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] });
    const noCode = await ctx.t.http().post('/api/v1/auth/login').send({ email: enrolled.email, password: enrolled.password }).expect(401);
    expect(noCode.body.code).toBe('SECOND_FACTOR_REQUIRED');
    const wrong = await ctx.t.http().post('/api/v1/auth/login').send({ email: enrolled.email, password: enrolled.password, code: '000000' }).expect(401);
    expect(wrong.body.code).toBe('SECOND_FACTOR_INVALID');

    // The form stops at the code: no session before it, and /accueil is closed to the step cookie.
    const { location, step, session } = await passwordStep(enrolled.email, enrolled.password);
    expect(location).toBe('/connexion/code');
    expect(session).toBeUndefined();
    await ctx.t.http().get('/accueil').set('Cookie', step).expect(401);
    const bad = await ctx.t.http().post('/connexion/code').type('form').set('Cookie', step).send({ code: '123456' }).expect(401);
    expect(decode(bad.text)).toContain('Code incorrect ou déjà utilisé.');
    const ok = await ctx.t
      .http()
      .post('/connexion/code')
      .type('form')
      .set('Cookie', step)
      .send({ code: await freshTotp(ctx.owner, enrolled) })
      .expect(303);
    expect(ok.headers.location).toBe('/compte');
    await ctx.t.http().get('/compte').set('Cookie', cookieValue(ok, 'essaim_session')!).expect(200);
    // The step is used: replaying it opens nothing.
    expect((await ctx.t.http().post('/connexion/code').type('form').set('Cookie', step).send({ code: '123456' }).expect(303)).headers.location).toBe(
      '/connexion?etape=expiree',
    );
  });

  it('refuses a TOTP code used once already (replay)', async () => {
    const agent = await createUser(ctx.owner, { roles: ['ADMINISTRATOR'] });
    const code = await freshTotp(ctx.owner, agent);
    await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password, code }).expect(200);
    const replay = await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password, code }).expect(401);
    expect(replay.body.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('enrols a staff account at its first login (QR code, secret, first code), then shows recovery codes that work once', async () => {
    const agent = await createUser(ctx.owner, { roles: ['EVALUATOR'], displayName: 'Iris Évaluation', secondFactor: false });
    const { location, step } = await passwordStep(agent.email, agent.password);
    expect(location).toBe('/connexion/activation');
    const page = await ctx.t.http().get('/connexion/activation').set('Cookie', step).expect(200);
    expect(page.text).toMatch(/<img id="totp-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const secret = group(/id="totp-secret">([A-Z2-7]+)</.exec(page.text));
    // Reloading shows the same secret until it is confirmed.
    expect((await ctx.t.http().get('/connexion/activation').set('Cookie', step).expect(200)).text).toContain(secret);

    await ctx.t.http().post('/connexion/activation').type('form').set('Cookie', step).send({ code: '000000' }).expect(422);
    const done = await ctx.t
      .http()
      .post('/connexion/activation')
      .type('form')
      .set('Cookie', step)
      .send({ code: totpCode(secret) })
      .expect(200);
    const codes = [...done.text.matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)].map((m) => group(m, 1));
    expect(codes).toHaveLength(10);
    expect(cookieValue(done, 'essaim_session')).toBeDefined();
    const stored: { code_hash: string }[] = await ctx.owner.query(`SELECT code_hash FROM user_recovery_code WHERE user_id = $1`, [agent.id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);

    // A recovery code replaces the TOTP code once.
    await ctx.t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: agent.email, password: agent.password, code: at(codes, 0, 'code').toUpperCase() })
      .expect(200);
    expect((await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password, code: codes[0] }).expect(401)).body.code).toBe(
      'SECOND_FACTOR_INVALID',
    );

    const trail = await ctx.owner.query(`SELECT action, after FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [agent.id]);
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['auth.second_factor.enrolled', 'auth.login', 'auth.login']);
    expect(trail[2].after).toEqual({ method: 'PASSWORD_RECOVERY_CODE' });
  });

  it('lets an applicant enrol from the profile page, and then asks the code at login', async () => {
    const applicant = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    const first = await passwordStep(applicant.email, applicant.password);
    expect(first.location).toBe('/compte');
    expect(first.session).toBeDefined();
    const session = await ctx.t.http().post('/api/v1/auth/login').send({ email: applicant.email, password: applicant.password }).expect(200);
    const cookie = cookieValue(session, 'essaim_session')!;
    const profile = await ctx.t.http().get('/compte').set('Cookie', cookie).expect(200);
    expect(decode(profile.text)).toContain('Non activée');
    const page = await ctx.t.http().get('/compte/double-authentification').set('Cookie', cookie).expect(200);
    const secret = group(/id="totp-secret">([A-Z2-7]+)</.exec(page.text));
    await ctx.t
      .http()
      .post('/compte/double-authentification')
      .type('form')
      .set('Cookie', cookie)
      .send({ code: totpCode(secret) })
      .expect(403); // CSRF
    await ctx.t
      .http()
      .post('/compte/double-authentification')
      .type('form')
      .set('Cookie', cookie)
      .send({ code: totpCode(secret), _csrf: session.body.csrfToken })
      .expect(200);
    expect(decode((await ctx.t.http().get('/compte').set('Cookie', cookie).expect(200)).text)).toContain('Codes de secours inutilisés');
    expect((await passwordStep(applicant.email, applicant.password)).location).toBe('/connexion/code');
  });
});
