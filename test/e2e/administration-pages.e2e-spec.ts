import { createUser, enrolSecondFactor, login, type Session } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('administration pages (e2e)', () => {
  const ctx = useTestApp();
  let admin: Session;
  let adminId: string;

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    const user = await createUser(ctx.owner, { roles: ['ADMINISTRATOR'], displayName: 'Alex Administration' });
    adminId = user.id;
    admin = await login(ctx.t, user);
  });

  const post = (path: string, body: Record<string, unknown>, session = admin) =>
    ctx.t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrfToken, ...body });
  const page = (path: string, session = admin) => ctx.t.http().get(path).set('Accept', 'text/html').set('Cookie', session.cookie);
  const audit = async (subjectId: string) =>
    (await ctx.owner.query(`SELECT action, after FROM audit_log WHERE subject_type = 'user' AND subject_id = $1 ORDER BY seq`, [subjectId])) as {
      action: string;
      after: Record<string, unknown>;
    }[];

  it('creates a staff account with roles, shows its temporary password once, and the person can sign in with it', async () => {
    const bad = decode(
      (await post('/administration/comptes/nouveau', { displayName: 'Nina Instruction', email: 'pas-une-adresse', roles: 'APPLICANT' }).expect(422)).text,
    );
    expect(bad).toContain('<title>Erreur : Créer un compte agent');
    expect(bad).toContain('Adresse électronique invalide');
    expect(bad).toContain('value="Nina Instruction"');
    const noRole = decode((await post('/administration/comptes/nouveau', { displayName: 'Nina Instruction', email: 'nina@agents.example' }).expect(422)).text);
    expect(noRole).toContain('Cochez au moins un rôle.');

    const res = await post('/administration/comptes/nouveau', {
      displayName: 'Nina Instruction',
      email: 'Nina@Agents.example',
      roles: ['INSTRUCTOR', 'EVALUATOR'],
    }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = group(/id="mot-de-passe-provisoire">([^<]+)</.exec(res.text));
    expect(password).toMatch(/^[\w]{4}(-[\w]{4}){3}$/);
    const [row] = await ctx.owner.query(`SELECT id, roles, is_active FROM app_user WHERE email = 'nina@agents.example'`);
    expect(row).toMatchObject({ roles: ['INSTRUCTOR', 'EVALUATOR'], is_active: true });
    const trail = await audit(row.id);
    expect(trail).toEqual([
      { action: 'account.staff_created', after: { email: 'nina@agents.example', displayName: 'Nina Instruction', roles: ['INSTRUCTOR', 'EVALUATOR'] } },
    ]);
    expect(JSON.stringify(trail)).not.toContain(password);

    // A new staff account has no second factor yet: its password alone opens nothing (docs/security.md).
    const first = await ctx.t.http().post('/api/v1/auth/login').send({ email: 'nina@agents.example', password }).expect(403);
    expect(first.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(first.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^essaim_session=/)]));
    await login(ctx.t, { id: row.id, email: 'nina@agents.example', password, totpSecret: await enrolSecondFactor(ctx.owner, row.id) });
    const taken = decode(
      (await post('/administration/comptes/nouveau', { displayName: 'Autre', email: 'nina@agents.example', roles: 'INSTRUCTOR' }).expect(422)).text,
    );
    expect(taken).toContain('Un compte existe déjà avec cette adresse électronique.');

    const list = decode((await page('/administration/comptes').expect(200)).text);
    expect(list).toContain('Nina Instruction');
    expect(list).toContain('Instructeur, Évaluateur');
    expect(list).toMatch(/Nina Instruction[\s\S]*?\d{1,2} \S+ \d{4} à \d{2}h\d{2}/); // last login shown
  });

  it('deactivates (ending sessions), reactivates, changes roles and resets access, each audited; refuses to lock oneself out', async () => {
    const agent = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Hugo Instruction' });
    const session = await login(ctx.t, agent);
    const before = decode((await page(`/administration/comptes/${agent.id}`).expect(200)).text);
    expect(before).toContain('id="derniere-connexion"');
    expect(before).not.toContain('Jamais connecté');

    expect((await post(`/administration/comptes/${agent.id}/desactivation`, {}).expect(303)).headers.location).toBe(
      `/administration/comptes/${agent.id}?statut=desactive`,
    );
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${session.token}`).expect(401);
    await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password }).expect(401);
    expect(decode((await page(`/administration/comptes/${agent.id}?statut=desactive`).expect(200)).text)).toContain('Compte désactivé');

    await post(`/administration/comptes/${agent.id}/reactivation`, {}).expect(303);
    await login(ctx.t, agent);

    await post(`/administration/comptes/${agent.id}/roles`, { roles: ['INSTRUCTOR', 'PROGRAMME_MANAGER'] }).expect(303);
    const refused = decode((await post(`/administration/comptes/${agent.id}/roles`, { roles: 'APPLICANT' }).expect(422)).text);
    expect(refused).toContain('Choisissez les rôles dans la liste proposée.');

    const reset = await post(`/administration/comptes/${agent.id}/reinitialisation`, {}).expect(200);
    const temporary = group(/id="mot-de-passe-provisoire">([^<]+)</.exec(reset.text));
    await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: agent.password }).expect(401);
    // The reset also forgets the second factor (a lost phone): the agent enrols again at the next login.
    const again = await ctx.t.http().post('/api/v1/auth/login').send({ email: agent.email, password: temporary, code: '000000' }).expect(403);
    expect(again.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    await login(ctx.t, { ...agent, password: temporary, totpSecret: await enrolSecondFactor(ctx.owner, agent.id) });

    expect((await audit(agent.id)).map((a) => a.action).filter((a) => a.startsWith('account.'))).toEqual([
      'account.deactivated',
      'account.reactivated',
      'account.roles_changed',
      'account.access_reset',
    ]);

    const self = decode((await post(`/administration/comptes/${adminId}/desactivation`, {}).expect(422)).text);
    expect(self).toContain('Vous ne pouvez pas désactiver votre propre compte');
    await post(`/administration/comptes/${adminId}/roles`, { roles: 'INSTRUCTOR' }).expect(422);
    const [me] = await ctx.owner.query(`SELECT is_active, roles FROM app_user WHERE id = $1`, [adminId]);
    expect(me).toEqual({ is_active: true, roles: ['ADMINISTRATOR'] });
  });

  it('keeps the pages to administrators and answers 404 for an unknown account', async () => {
    const manager = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }));
    await page('/administration/comptes', manager).expect(403);
    await page('/administration/etat-du-service', manager).expect(403);
    await post('/administration/comptes/nouveau', { displayName: 'X', email: 'x@y.fr', roles: 'ADMINISTRATOR' }, manager).expect(403);
    await page('/administration/comptes/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('shows the state of the service as a page: database, Redis, queues and their depths, outbox lag, version', async () => {
    // A pending row the relay cannot take while the page is read: the relay skips rows locked by another transaction
    // (FOR UPDATE SKIP LOCKED); if it published the row before the lock was taken, try again with a new one.
    const lock = ctx.owner.createQueryRunner();
    await lock.connect();
    let held = false;
    for (let attempt = 0; attempt < 10 && !held; attempt++) {
      await lock.startTransaction();
      const inserted: { id: string }[] = await ctx.owner.query(
        `INSERT INTO outbox (queue, job_name, payload, created_at) VALUES ('system', 'system-ping', '{}', now() - interval '90 seconds') RETURNING id`,
      );
      const locked: unknown[] = await lock.query(`SELECT id FROM outbox WHERE id = $1 AND published_at IS NULL FOR UPDATE`, [inserted[0]?.id]);
      held = locked.length === 1;
      if (!held) await lock.rollbackTransaction();
    }
    expect(held).toBe(true);
    const html = decode((await page('/administration/etat-du-service').expect(200)).text);
    await lock.rollbackTransaction();
    await lock.release();
    expect(html).toContain('<h1 id="page-title">État du service</h1>');
    expect(html).toContain('Le service fonctionne');
    expect(html).toMatch(/Base de données PostgreSQL<\/th><td><span class="fr-badge fr-badge--success">Disponible/);
    expect(html).toMatch(/Redis[^<]*<\/th><td><span class="fr-badge fr-badge--success">Disponible/);
    expect(html).toContain('Documents (accusés, conventions, courriers, procès-verbaux)');
    expect(html).toMatch(/id="outbox-en-attente">[1-9]/);
    expect(html).toMatch(/version \d+\.\d+\.\d+/);
    const home = decode((await page('/accueil').expect(200)).text);
    expect(home).toContain('href="/administration/comptes"');
    expect(home).toContain('href="/administration/etat-du-service"');
  });
});
