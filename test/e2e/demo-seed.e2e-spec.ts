import { loadConfig } from '../../src/config/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/modules/demo/demo-data';
import { seedDemo } from '../../src/modules/demo/demo-seeder';
import { truncateAll, useTestApp } from '../support/test-app';

describe('demo data (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('is refused in production', async () => {
    await expect(seedDemo(ctx.t.db, loadConfig({ NODE_ENV: 'production' }))).rejects.toMatchObject({ code: 'DEMO_DATA_REFUSED' });
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM app_user`);
    expect(count).toBe('0');
  });

  it('seeds every role, two organisations and an open Priority 6 call once, and the accounts can sign in', async () => {
    expect(await seedDemo(ctx.t.db, ctx.t.config)).toEqual({ seeded: true });
    expect(await seedDemo(ctx.t.db, ctx.t.config)).toEqual({ seeded: false });
    const roles: { role: string; n: string }[] = await ctx.owner.query(`SELECT unnest(roles) AS role, count(*) AS n FROM app_user GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]))).toEqual({
      ADMINISTRATOR: 1, APPLICANT: 2, EVALUATOR: 2, INSTRUCTOR: 1, MANAGING_AUTHORITY: 1, PROGRAMME_MANAGER: 1,
    });
    const [{ orgs }] = await ctx.owner.query(`SELECT count(DISTINCT organisation_id) AS orgs FROM organisation_member`);
    expect(orgs).toBe('2');
    const [call] = await ctx.owner.query(`SELECT priority, max_rate_bp, status, opens_at <= now() AND now() < closes_at AS open FROM call`);
    expect(call).toEqual({ priority: 6, max_rate_bp: 9500, status: 'PUBLISHED', open: true });

    const applicant = DEMO_USERS.find((u) => u.roles.includes('APPLICANT'))!;
    const res = await ctx.t.http().post('/api/v1/auth/login').send({ email: applicant.email, password: DEMO_PASSWORD }).expect(200);
    expect(res.body.user.organisations).toHaveLength(1);
  });
});
