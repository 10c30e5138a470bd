import Redis from 'ioredis';
import { SIGN_UP_ACCEPTED } from '../../src/modules/accounts/accounts.service';
import { signUpConfirmed, tokenFromMail } from '../support/account-mail';
import { login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const PASSWORD = 'deux abeilles butinent au petit jour';
const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('accounts: applicant sign-up (e2e)', () => {
  // Sign-ups per IP share the login's per-IP limit; 5 keeps each test below it (the counters are reset before each).
  const ctx = useTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '5' } });
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    const r = new Redis(ctx.t.config.redis.url);
    const keys = await r.keys(`${ctx.t.config.queue.prefix}:signup:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  const signUp = (body: Record<string, unknown>) => ctx.t.http().post('/api/v1/accounts').send(body);

  it('creates an applicant account that signs in once its address is confirmed, with an argon2id hash and an audit row', async () => {
    const res = await signUp({ email: '  Lea.Porteuse@Ruches.example ', displayName: ' Léa Porteuse ', password: PASSWORD }).expect(202);
    expect(res.body).toEqual({ message: SIGN_UP_ACCEPTED });

    const [row] = await ctx.owner.query(`SELECT id, email, roles, is_active, password_hash, email_verified_at FROM app_user`);
    expect(row).toMatchObject({ email: 'lea.porteuse@ruches.example', roles: ['APPLICANT'], is_active: true, email_verified_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // Before confirmation the right password is told to confirm; a wrong one gets the usual answer.
    const early = await ctx.t.http().post('/api/v1/auth/login').send({ email: 'lea.porteuse@ruches.example', password: PASSWORD }).expect(403);
    expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');
    const token = await tokenFromMail(ctx.owner, 'lea.porteuse@ruches.example', 'verify-email');
    await ctx.t.http().post('/api/v1/accounts/verification').send({ token }).expect(204);
    await ctx.t.http().post('/api/v1/accounts/verification').send({ token }).expect(400);

    const s = await login(ctx.t, { id: row.id, email: 'LEA.porteuse@ruches.example', password: PASSWORD });
    const me = await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${s.token}`).expect(200);
    expect(me.body).toMatchObject({ id: row.id, roles: ['APPLICANT'], organisations: [] });

    const audit = await ctx.owner.query(
      `SELECT action, actor_user_id, actor_kind FROM audit_log WHERE subject_id = $1 AND action LIKE 'account.%' ORDER BY seq`,
      [row.id],
    );
    expect(audit).toEqual([
      { action: 'account.created', actor_user_id: row.id, actor_kind: 'USER' },
      { action: 'account.email_verified', actor_user_id: row.id, actor_kind: 'USER' },
    ]);
  });

  it.each([
    ['too short', 'court', 'TOO_SHORT'],
    ['easily guessed', 'azertyuiopqsdf', 'PASSWORD_TOO_COMMON'],
    ['the e-mail itself', 'Camille.Dupont@ruches.example', 'PASSWORD_IS_IDENTITY'],
  ])('refuses a password that is %s with 400 and the path `password`', async (_label, password, code) => {
    const res = await signUp({ email: 'camille.dupont@ruches.example', displayName: 'Camille Dupont', password }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'password', code, message: expect.stringMatching(/mot de passe/i) }] });
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM app_user`);
    expect(count).toBe('0');
  });

  it('refuses an invalid e-mail and any attempt to choose roles (400, field paths)', async () => {
    const bad = await signUp({ email: 'pas-une-adresse', displayName: 'X', password: PASSWORD }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'email', code: 'NOT_AN_EMAIL' })]);
    const roles = await signUp({ email: 'a@ruches.example', displayName: 'X', password: PASSWORD, roles: ['ADMINISTRATOR'] }).expect(400);
    expect(roles.body.errors).toEqual([expect.objectContaining({ path: 'roles', code: 'UNKNOWN_FIELD' })]);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM app_user`);
    expect(count).toBe('0');
  });

  it('answers an address already used exactly as a new one, keeps one account and tells only its owner by mail', async () => {
    await signUpConfirmed(ctx.t, ctx.owner, { email: 'karim@essaimons.example', displayName: 'Karim', password: PASSWORD });
    const again = await signUp({ email: 'KARIM@essaimons.example', displayName: 'Autre Karim', password: 'une autre phrase de passe' }).expect(202);
    const fresh = await signUp({ email: 'nouvelle@essaimons.example', displayName: 'Nouvelle', password: PASSWORD }).expect(202);
    expect(again.body).toEqual(fresh.body);
    const rows = await ctx.owner.query(`SELECT display_name FROM app_user WHERE email = 'karim@essaimons.example'`);
    expect(rows).toEqual([{ display_name: 'Karim' }]);
    const mails = await ctx.owner.query(`SELECT template FROM mail_message WHERE to_address = 'karim@essaimons.example' ORDER BY created_at`);
    expect(mails.map((m: { template: string }) => m.template)).toEqual(['verify-email', 'account-exists']);
  });

  it('throttles sign-ups per IP in Redis (every attempt counts), with Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      await signUp({ email: `p${i}@ruches.example`, displayName: `P${i}`, password: i % 2 ? PASSWORD : 'trop court' }).expect(i % 2 ? 202 : 400);
    const blocked = await signUp({ email: 'p9@ruches.example', displayName: 'P9', password: PASSWORD }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const r = new Redis(ctx.t.config.redis.url);
    const keys = await r.keys(`${ctx.t.config.queue.prefix}:signup:ip:*`);
    await r.quit();
    expect(keys).toHaveLength(1); // one counter for the IP, no e-mail in any key
  });

  describe('the /inscription page', () => {
    async function openForm(path = '/inscription'): Promise<{ csrf: string; cookie: string; html: string }> {
      const page = await ctx.t.http().get(path).expect(200);
      return { csrf: group(/name="_csrf" value="([^"]+)"/.exec(page.text)), cookie: cookieValue(page, 'essaim_signup_csrf')!, html: page.text };
    }

    it('is linked from the login page, keeps where to go next, and refuses a post without its CSRF token', async () => {
      const loginPage = await ctx.t.http().get('/connexion?suite=%2Finvitations%2Fabc').expect(200);
      expect(loginPage.text).toContain('href="/inscription?suite=%2Finvitations%2Fabc"');
      const form = await openForm('/inscription?suite=%2Finvitations%2Fabc');
      expect(form.html).toContain('Créer un compte porteur de projet');
      expect(form.html).toContain('name="suite" value="/invitations/abc"');
      expect(form.html).toContain('autocomplete="new-password"');
      const refused = await ctx.t
        .http()
        .post('/inscription')
        .type('form')
        .send({ email: 'x@ruches.example', displayName: 'X', password: PASSWORD })
        .expect(403);
      expect(refused.text).toContain('Votre formulaire a expiré');
    });

    it('shows each error next to its field, keeps what was typed but never the password', async () => {
      const form = await openForm();
      const res = await ctx.t
        .http()
        .post('/inscription')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ _csrf: form.csrf, suite: '/accueil', email: 'ines@ruches.example', displayName: 'Inès', password: 'azertyuiop123' })
        .expect(422);
      expect(res.text).toMatch(/<title>Erreur : Créer un compte/);
      expect(res.text).toMatch(/id="password-message-error">Ce mot de passe est trop facile à deviner/);
      expect(res.text).toContain('value="ines@ruches.example"');
      expect(res.text).not.toContain('azertyuiop123');
    });

    it('creates the account, asks to check the mailbox, and the mailed link confirms it and leads on to where the person was going', async () => {
      const form = await openForm('/inscription?suite=%2Finvitations%2Fabc');
      const res = await ctx.t
        .http()
        .post('/inscription')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ _csrf: form.csrf, suite: '/invitations/abc', email: 'Hugo@Ruches.example', displayName: 'Hugo', password: PASSWORD })
        .expect(303);
      expect(res.headers.location).toBe('/inscription/envoyee');
      const sent = await ctx.t.http().get('/inscription/envoyee').expect(200);
      expect(sent.text).toContain('Vérifiez votre messagerie');
      const again = await ctx.t
        .http()
        .post('/inscription')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ _csrf: form.csrf, suite: '/invitations/abc', email: 'hugo@ruches.example', displayName: 'Hugo bis', password: PASSWORD })
        .expect(303);
      expect(again.headers.location).toBe('/inscription/envoyee');

      const [mail] = await ctx.owner.query(
        `SELECT body_text FROM mail_message WHERE to_address = 'hugo@ruches.example' AND template = 'verify-email' ORDER BY created_at DESC LIMIT 1`,
      );
      const link = group(/http:\/\/[^/]+(\/compte\/confirmer\/\S+)/.exec(mail.body_text));
      const confirmed = await ctx.t.http().get(link).expect(303);
      expect(confirmed.headers.location).toBe('/connexion?inscription=ok&suite=%2Finvitations%2Fabc');
      const expired = await ctx.t.http().get(link).expect(400);
      expect(expired.text).toContain('Lien de confirmation expiré');

      const s = await login(ctx.t, { id: '', email: 'hugo@ruches.example', password: PASSWORD });
      await ctx.t.http().get('/inscription').set('Cookie', s.cookie).expect(303).expect('location', '/accueil');
    });
  });
});
