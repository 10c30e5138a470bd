import { RESET_ACCEPTED } from '../../src/modules/accounts/accounts.service';
import { tokenFromMail } from '../support/account-mail';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const NEW_PASSWORD = 'trois frelons devant la ruche';
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[]) ?? [])
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('password reset by a single-use link (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('answers the same for known and unknown addresses and mails a link only to the account', async () => {
    const user = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const known = await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
    const unknown = await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: 'personne@nulle-part.example' }).expect(202);
    expect(known.body).toEqual({ message: RESET_ACCEPTED });
    expect(unknown.body).toEqual(known.body);
    const mails = await ctx.owner.query(`SELECT to_address, template FROM mail_message`);
    expect(mails).toEqual([{ to_address: user.email, template: 'password-reset' }]);
    const [outbox] = await ctx.owner.query(`SELECT payload FROM outbox WHERE job_name = 'send-mail'`);
    expect(Object.keys(outbox.payload)).toEqual(['mailId']);
  });

  it('sets the new password once, ends every session, refuses a weak password without using the link, and audits', async () => {
    const user = await createUser(ctx.owner);
    const session = await login(ctx.t, user);
    await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: user.email }).expect(202);
    const token = await tokenFromMail(ctx.owner, user.email, 'password-reset');

    const weak = await ctx.t.http().post('/api/v1/accounts/password-reset/confirm').send({ token, password: 'azertyuiopqsdf' }).expect(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'PASSWORD_TOO_COMMON' })]);
    await ctx.t.http().post('/api/v1/accounts/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
    const reused = await ctx.t.http().post('/api/v1/accounts/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(400);
    expect(reused.body.code).toBe('ACCOUNT_LINK_INVALID');

    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${session.token}`).expect(401);
    await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await login(ctx.t, { ...user, password: NEW_PASSWORD });
    const actions = await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'account.%' ORDER BY seq`, [user.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['account.password_reset_requested', 'account.password_reset']);
    const templates = await ctx.owner.query(`SELECT template FROM mail_message WHERE to_address = $1 ORDER BY created_at`, [user.email]);
    expect(templates.map((t: { template: string }) => t.template)).toEqual(['password-reset', 'password-changed']);
  });

  it('refuses an expired link, and a newer link replaces the older one', async () => {
    const user = await createUser(ctx.owner);
    await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: user.email }).expect(202);
    const first = await tokenFromMail(ctx.owner, user.email, 'password-reset');
    await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: user.email }).expect(202);
    const second = await tokenFromMail(ctx.owner, user.email, 'password-reset');
    expect(second).not.toBe(first);
    await ctx.t.http().post('/api/v1/accounts/password-reset/confirm').send({ token: first, password: NEW_PASSWORD }).expect(400);
    await ctx.owner.query(`UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    await ctx.t.http().post('/api/v1/accounts/password-reset/confirm').send({ token: second, password: NEW_PASSWORD }).expect(400);
  });

  it('walks the pages: link from the login page, request form, mailed link, new password, back to login', async () => {
    const user = await createUser(ctx.owner);
    const loginPage = await ctx.t.http().get('/connexion').expect(200);
    expect(loginPage.text).toContain('href="/mot-de-passe-oublie"');
    const form = await ctx.t.http().get('/mot-de-passe-oublie').expect(200);
    const csrf = group(/name="_csrf" value="([^"]+)"/.exec(form.text));
    const cookie = cookieValue(form, 'essaim_recovery_csrf')!;
    await ctx.t.http().post('/mot-de-passe-oublie').type('form').send({ email: user.email }).expect(403);
    const sent = await ctx.t.http().post('/mot-de-passe-oublie').type('form').set('Cookie', cookie).send({ _csrf: csrf, email: user.email }).expect(200);
    expect(sent.text).toContain('Vérifiez votre messagerie');

    const token = await tokenFromMail(ctx.owner, user.email, 'password-reset');
    const page = await ctx.t.http().get(`/mot-de-passe/nouveau/${token}`).expect(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const csrf2 = group(/name="_csrf" value="([^"]+)"/.exec(page.text));
    const cookie2 = cookieValue(page, 'essaim_recovery_csrf')!;
    const weak = await ctx.t
      .http()
      .post(`/mot-de-passe/nouveau/${token}`)
      .type('form')
      .set('Cookie', cookie2)
      .send({ _csrf: csrf2, password: 'azertyuiopqsdf' })
      .expect(422);
    expect(weak.text).toContain('trop facile à deviner');
    const csrf3 = group(/name="_csrf" value="([^"]+)"/.exec(weak.text));
    const cookie3 = cookieValue(weak, 'essaim_recovery_csrf')!;
    const done = await ctx.t
      .http()
      .post(`/mot-de-passe/nouveau/${token}`)
      .type('form')
      .set('Cookie', cookie3)
      .send({ _csrf: csrf3, password: NEW_PASSWORD })
      .expect(303);
    expect(done.headers.location).toBe('/connexion?motdepasse=ok');
    const back = await ctx.t.http().get('/connexion?motdepasse=ok').expect(200);
    expect(back.text).toContain('Votre mot de passe est changé');
    const gone = await ctx.t.http().get(`/mot-de-passe/nouveau/${token}`).expect(400);
    expect(gone.text).toContain('Demander un nouveau lien');
  });
});
