import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The menu links of a page, in order, with the one marked current (issue 14, point 8). */
function menuOf(html: string): { links: string[]; current: string[] } {
  const nav = /<nav class="fr-nav" id="navigation"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return {
    links: [...nav.matchAll(/<a class="fr-nav__link" href="([^"]+)"/g)].map((m) => group(m, 1)),
    current: [...nav.matchAll(/href="([^"]+)" aria-current="page"/g)].map((m) => group(m, 1)),
  };
}

function breadcrumbOf(html: string): string[] {
  const nav = /<nav role="navigation" class="fr-breadcrumb"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a class="fr-breadcrumb__link"[^>]*>([^<]*)<\/a>/g)].map((m) => group(m, 1).trim());
}

describe('menu, breadcrumbs and profile (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it("shows an applicant's three sections on every page, the current one marked, and a breadcrumb", async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const get = async (path: string) => decode((await ctx.t.http().get(path).set('Cookie', a.session.cookie).expect(200)).text);
    for (const [path, current] of [
      ['/accueil', '/accueil'],
      ['/dossiers', '/dossiers'],
      ['/appels', '/appels'],
      ['/structures', '/structures'],
      ['/compte', null],
      [`/structures/${a.organisation.id}`, '/structures'],
    ] as const) {
      const menu = menuOf(await get(path));
      expect(menu.links).toEqual(['/accueil', '/dossiers', '/appels', '/structures']);
      expect(menu.current).toEqual(current ? [current] : []);
    }
    expect(breadcrumbOf(await get('/compte'))).toEqual(['Accueil', 'Mon compte']);
    expect(breadcrumbOf(await get('/dossiers'))).toEqual(['Accueil', 'Mes dossiers']);
    expect(breadcrumbOf(await get('/accueil'))).toEqual([]);
    // The header leads to the profile page.
    expect(await get('/accueil')).toMatch(/<a class="fr-btn fr-icon-account-circle-line essaim-user" href="\/compte"/);
  });

  it('gives each staff role its own sections, marks the section of a nested page, and titles dossier pages with their number', async () => {
    const expectations: [Parameters<typeof createStaff>[2], string[]][] = [
      ['INSTRUCTOR', ['/accueil', '/instruction', '/verifications', '/paiements', '/comite']],
      ['EVALUATOR', ['/accueil', '/evaluation', '/comite']],
      ['PROGRAMME_MANAGER', ['/accueil', '/gestion/appels', '/comite', '/instruction', '/paiements', '/tableau-de-bord']],
      ['MANAGING_AUTHORITY', ['/accueil', '/tableau-de-bord', '/autorite-de-gestion/rapports', '/paiements', '/projets']],
      ['ADMINISTRATOR', ['/accueil', '/administration/comptes', '/administration/etat-du-service', '/administration/taches']],
    ];
    for (const [role, links] of expectations) {
      const s = await createStaff(ctx.t, ctx.owner, role);
      const web = await login(ctx.t, s.user);
      const home = decode((await ctx.t.http().get('/accueil').set('Cookie', web.cookie).expect(200)).text);
      expect(menuOf(home)).toEqual({ links, current: ['/accueil'] });
      // Every section of the menu opens for the role, marked current there.
      for (const link of links.slice(1)) {
        const page = decode((await ctx.t.http().get(link).set('Cookie', web.cookie).expect(200)).text);
        expect(menuOf(page).current).toEqual([link]);
      }
    }

    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const web = await login(ctx.t, instructor);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    const dossier = await insertSubmittedDossier(ctx.owner, call, applicant.organisation, applicant.user.id);
    const page = decode((await ctx.t.http().get(`/instruction/dossiers/${dossier.id}`).set('Cookie', web.cookie).expect(200)).text);
    expect(menuOf(page).current).toEqual(['/instruction']);
    expect(page).toContain(`<title>Dossier ${dossier.number}`);

    // The applicant's section pages carry the dossier number in their title.
    const section = decode((await ctx.t.http().get(`/dossiers/${dossier.id}/projet`).set('Cookie', applicant.session.cookie).expect(200)).text);
    expect(section).toContain(`<title>Projet — Dossier ${dossier.number} — Essaim</title>`);
    expect(menuOf(section).current).toEqual(['/dossiers']);
  });

  it('changes the password from the profile page: current one required, errors in the form, other sessions ended', async () => {
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    const here = await login(ctx.t, user);
    const elsewhere = await login(ctx.t, user);
    const post = (body: Record<string, string>) =>
      ctx.t
        .http()
        .post('/compte/mot-de-passe')
        .type('form')
        .set('Cookie', here.cookie)
        .send({ _csrf: here.csrfToken, ...body });

    const wrong = decode(
      (
        await post({
          currentPassword: 'not it at all',
          newPassword: 'une phrase de passe tout à fait neuve',
          confirmation: 'une phrase de passe tout à fait neuve',
        }).expect(422)
      ).text,
    );
    expect(wrong).toContain('<title>Erreur : Mon compte');
    expect(wrong).toContain('Le mot de passe actuel est incorrect.');
    const weak = decode((await post({ currentPassword: user.password, newPassword: 'court', confirmation: 'autre' }).expect(422)).text);
    expect(weak).toContain('au moins 12 caractères');
    expect(weak).toContain('Les deux saisies du nouveau mot de passe sont différentes.');
    expect(weak).not.toContain('value="court"');

    const fresh = 'une phrase de passe tout à fait neuve';
    expect((await post({ currentPassword: user.password, newPassword: fresh, confirmation: fresh }).expect(303)).headers.location).toBe(
      '/compte?motdepasse=ok#mot-de-passe',
    );
    await ctx.t.http().get('/api/v1/me').set('Cookie', here.cookie).expect(200);
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${elsewhere.token}`).expect(401);
    await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: fresh }).expect(200);
    const [audit] = await ctx.owner.query(`SELECT after FROM audit_log WHERE action = 'account.password_changed' AND subject_id = $1`, [user.id]);
    expect(audit.after).toEqual({ otherSessionsEnded: 1 });
    const mails = await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE recipient_user_id = $1 AND template = 'password-changed'`, [
      user.id,
    ]);
    expect(mails[0].n).toBe(1);
  });
});
