import { createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { createUser, TEST_PASSWORD } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

describe('identity and sessions (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('takes the API login as JSON only (login CSRF), and states both session lifetimes', async () => {
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    const form = await ctx.t.http().post('/api/v1/auth/login').type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(form.headers['set-cookie']).toBeUndefined();
    const text = await ctx.t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email: user.email, password: TEST_PASSWORD }));
    expect([400, 415]).toContain(text.status);
    expect(text.headers['set-cookie']).toBeUndefined();

    const before = Date.now();
    const res = await ctx.t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const { auth } = ctx.t.config;
    expect(res.body.idleTimeoutSeconds).toBe(auth.sessionIdleMinutes * 60);
    expect(res.body.absoluteExpiresAt).toBe(res.body.expiresAt);
    const absolute = Date.parse(res.body.absoluteExpiresAt) - before;
    const idle = Date.parse(res.body.idleExpiresAt) - before;
    expect(Math.abs(absolute - auth.sessionAbsoluteHours * 3_600_000)).toBeLessThan(10_000);
    expect(Math.abs(idle - auth.sessionIdleMinutes * 60_000)).toBeLessThan(10_000);
  });

  it('shows applicants who acted among their own members, and only the service for staff acts', async () => {
    const call = await createOpenCall(ctx.owner);
    const a = await createApplicant(ctx.t, ctx.owner, 'Léa Porteuse');
    const { id } = await createDraft(ctx.t, a, call.id);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await ctx.owner.query(
      `INSERT INTO application_status_history (application_id, from_status, to_status, actor_user_id, reason, application_version)
       VALUES ($1, 'DRAFT', 'DRAFT', $2, 'Acte du service', 1)`,
      [id, instructor.user.id],
    );
    const mine = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain(instructor.user.id);
    expect(mine.body.history.map((h: { actorLabel: string; actorUserId: string | null }) => [h.actorLabel, h.actorUserId])).toEqual([
      ['Léa Porteuse', a.user.id],
      ['Service gestionnaire du programme', null],
    ]);
    const staff = await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth);
    if (staff.status === 200) expect(staff.body.history[1].actorUserId).toBe(instructor.user.id);
  });
});
