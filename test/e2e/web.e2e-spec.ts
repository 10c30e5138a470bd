import { createUser, freshTotp } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('web pages (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  async function openLoginForm(): Promise<{ csrf: string; cookie: string; html: string }> {
    const page = await ctx.t.http().get('/connexion').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    return { csrf: csrf!, cookie: cookieValue(page, 'essaim_login_csrf')!, html: page.text };
  }

  it('serves a French DSFR login page with the Marianne block, skip links and a CSRF field', async () => {
    const { csrf, cookie, html } = await openLoginForm();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('/dsfr/dsfr.min.css');
    expect(html).toMatch(/République\s*<br\s*\/?>\s*Française/);
    expect(html).toContain('fr-skiplinks');
    expect(html).toContain('Se connecter');
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toBeDefined();
    await ctx.t
      .http()
      .get('/dsfr/dsfr.min.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  it('signs in through the form, shows the home page of each role, and signs out', async () => {
    const user = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER', 'EVALUATOR'], displayName: 'Camille Gestion' });
    const form = await openLoginForm();
    const res = await ctx.t
      .http()
      .post('/connexion')
      .type('form')
      .set('Cookie', form.cookie)
      .send({ email: user.email, password: user.password, _csrf: form.csrf, suite: '/accueil' })
      .expect(303);
    // Staff give their second factor before any session exists (docs/security.md).
    expect(res.headers.location).toBe('/connexion/code');
    expect(cookieValue(res, 'essaim_session')).toBeUndefined();
    const step = cookieValue(res, 'essaim_login_step')!;
    const done = await ctx.t
      .http()
      .post('/connexion/code')
      .type('form')
      .set('Cookie', step)
      .send({ code: await freshTotp(ctx.owner, user) })
      .expect(303);
    expect(done.headers.location).toBe('/accueil');
    const session = cookieValue(done, 'essaim_session')!;

    const home = await ctx.t.http().get('/accueil').set('Cookie', session).expect(200);
    expect(home.text).toContain('Bonjour Camille Gestion');
    expect(home.text).toContain('Pilotage des appels à projets');
    expect(home.text).toContain('Évaluation en comité technique');
    expect(home.text).not.toContain('Instruction des dossiers');

    const logoutCsrf = /action="\/deconnexion"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(home.text)?.[1];
    await ctx.t.http().post('/deconnexion').type('form').set('Cookie', session).send({}).expect(403);
    await ctx.t.http().post('/deconnexion').type('form').set('Cookie', session).send({ _csrf: logoutCsrf }).expect(303);
    const after = await ctx.t.http().get('/accueil').set('Cookie', session).set('Accept', 'text/html').expect(303);
    expect(after.headers.location).toMatch(/^\/connexion/);
  });

  it('refuses a form post without the login CSRF token and keeps the e-mail typed', async () => {
    const user = await createUser(ctx.owner);
    const res = await ctx.t.http().post('/connexion').type('form').send({ email: user.email, password: user.password }).expect(403);
    expect(res.text).toContain('Veuillez réessayer');
    expect(cookieValue(res, 'essaim_session')).toBeUndefined();
  });

  it('shows a clear error on a wrong password and never redirects off-site after login', async () => {
    const user = await createUser(ctx.owner);
    const form = await openLoginForm();
    const wrong = await ctx.t
      .http()
      .post('/connexion')
      .type('form')
      .set('Cookie', form.cookie)
      .send({ email: user.email, password: 'nope', _csrf: form.csrf })
      .expect(401);
    expect(wrong.text).toContain('Adresse électronique ou mot de passe incorrect');
    expect(wrong.text).toContain(`value="${user.email}"`);
    const ok = await ctx.t
      .http()
      .post('/connexion')
      .type('form')
      .set('Cookie', form.cookie)
      .send({ email: user.email, password: user.password, _csrf: form.csrf, suite: '//evil.example/x' })
      .expect(303);
    expect(ok.headers.location).toBe('/accueil');
  });

  it('serves the accessibility statement and the legal pages to anyone', async () => {
    for (const [path, heading] of [
      ['/accessibilite', "Déclaration d'accessibilité"],
      ['/mentions-legales', 'Mentions légales'],
      ['/donnees-personnelles', 'Données personnelles'],
    ] as const) {
      const res = await ctx.t.http().get(path).expect(200);
      expect(res.text).toContain(heading.replace("'", '&#39;'));
    }
  });

  it('sends anonymous visitors of a private page to the login page', async () => {
    const res = await ctx.t.http().get('/accueil').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).toBe('/connexion?suite=%2Faccueil');
    await ctx.t.http().get('/').expect(303).expect('location', '/connexion');
  });
});
