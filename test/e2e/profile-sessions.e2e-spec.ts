import { createUser, freshTotp, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** « Mon compte » lists one's live sessions and ends them (docs/security.md). */
describe('sessions on the profile page (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('lists the live sessions with their client and how they were opened, ends another one, then all the others', async () => {
    const agent = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const here = await login(ctx.t, agent);
    const phone = await ctx.t
      .http()
      .post('/api/v1/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36')
      .send({ email: agent.email, password: agent.password, code: await freshTotp(ctx.owner, agent) })
      .expect(200);
    const third = await login(ctx.t, agent);
    const other = await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }));

    const page = decode((await ctx.t.http().get('/compte').set('Cookie', here.cookie).expect(200)).text);
    const refs = [...page.matchAll(/action="\/compte\/sessions\/([0-9a-f]{64})\/fin"/g)].map((m) => m[1]);
    expect(refs).toHaveLength(3);
    expect(page).toContain('Chrome sous Android');
    expect(page).toContain('Mot de passe et code');
    expect(page).toContain('cette session');
    expect(page).not.toContain(ctx.t.config.http.publicUrl + '/api'); // nothing but the described client

    const [phoneRef] = await ctx.owner.query(`SELECT id FROM session WHERE user_agent LIKE '%Android%'`);
    const post = (path: string, s = here) => ctx.t.http().post(path).type('form').set('Cookie', s.cookie).send({ _csrf: s.csrfToken });
    expect((await post(`/compte/sessions/${phoneRef.id}/fin`).expect(303)).headers.location).toBe('/compte#sessions');
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${phone.body.token}`).expect(401);
    // Someone else's session is not found, and stays open.
    const [otherRef] = await ctx.owner.query(`SELECT id FROM session WHERE user_id <> $1`, [agent.id]);
    await post(`/compte/sessions/${otherRef.id}/fin`).expect(404);
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${other.token}`).expect(200);

    await post('/compte/sessions/autres/fin').expect(303);
    await ctx.t.http().get('/api/v1/me').set('Authorization', `Bearer ${third.token}`).expect(401);
    await ctx.t.http().get('/api/v1/me').set('Cookie', here.cookie).expect(200);
    const trail = await ctx.owner.query(`SELECT after FROM audit_log WHERE action = 'auth.sessions_revoked' AND subject_id = $1 ORDER BY seq`, [agent.id]);
    expect(trail.map((t: { after: { sessionsEnded: number } }) => t.after.sessionsEnded)).toEqual([1, 1]);
  });
});
