import { loadConfig } from '../../src/config/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/modules/demo/demo-data';
import { seedDemo } from '../../src/modules/demo/demo-seeder';
import { siretProblem } from '../../src/modules/organisations/domain/siret';
import { enrolSecondFactor, login as loginApi } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

describe('demo data (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('is refused in production', async () => {
    await expect(seedDemo(ctx.t.db, loadConfig({ NODE_ENV: 'production', ANTIVIRUS: 'disabled' }))).rejects.toMatchObject({ code: 'DEMO_DATA_REFUSED' });
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM app_user`);
    expect(count).toBe('0');
  });

  it('seeds every role, two organisations and an open Priority 6 call once, and the accounts can sign in', async () => {
    expect(await seedDemo(ctx.t.db, ctx.t.config)).toEqual({ seeded: true });
    expect(await seedDemo(ctx.t.db, ctx.t.config)).toEqual({ seeded: false });
    const roles: { role: string; n: string }[] = await ctx.owner.query(`SELECT unnest(roles) AS role, count(*) AS n FROM app_user GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]))).toEqual({
      ADMINISTRATOR: 1,
      APPLICANT: 2,
      EVALUATOR: 2,
      INSTRUCTOR: 1,
      MANAGING_AUTHORITY: 1,
      PROGRAMME_MANAGER: 1,
    });
    const [{ orgs }] = await ctx.owner.query(`SELECT count(DISTINCT organisation_id) AS orgs FROM organisation_member`);
    // The two demo organisations, plus the four the second applicant handles for the demo dossiers.
    expect(orgs).toBe('6');
    const [call] = await ctx.owner.query(`SELECT priority, max_rate_bp, status, opens_at <= now() AND now() < closes_at AS open FROM call`);
    expect(call).toEqual({ priority: 6, max_rate_bp: 9500, status: 'PUBLISHED', open: true });
    // The demo call can be evaluated: its grid is stored and frozen with version 1.
    const [grid] = await ctx.owner.query(
      `SELECT jsonb_array_length(c.evaluation_grid->'criteria') AS live, jsonb_array_length(v.rules->'evaluation_grid'->'criteria') AS frozen
         FROM call c JOIN call_version v ON v.call_id = c.id AND v.version = 1`,
    );
    expect(grid).toEqual({ live: 3, frozen: 3 });

    const applicant = DEMO_USERS.find((u) => u.roles.includes('APPLICANT'))!;
    const res = await ctx.t.http().post('/api/v1/auth/login').send({ email: applicant.email, password: DEMO_PASSWORD }).expect(200);
    expect(res.body.user.organisations).toHaveLength(1);
  });

  it('fills the open call with a dozen submitted dossiers as submission leaves them, some assigned and labelled', async () => {
    const [d] = await ctx.owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT departement)::int AS deps, count(instructor_id)::int AS assigned, count(*) FILTER (WHERE cardinality(labels) > 0)::int AS labelled,
              count(*) FILTER (WHERE status = 'SUBMITTED' AND number IS NOT NULL AND submitted_snapshot IS NOT NULL)::int AS submitted
         FROM application WHERE call_id = (SELECT id FROM call WHERE reference <> 'AAP-DEMO-2025-P6')`,
    );
    expect(d).toEqual({ n: 12, deps: 10, assigned: 4, labelled: 5, submitted: 12 });
    const [s] = await ctx.owner.query(
      `SELECT (SELECT count(*)::int FROM application_submission WHERE submission_no = 1) AS submissions,
              (SELECT count(*)::int FROM financing_plan_version v JOIN application a ON a.id = v.application_id
                WHERE v.version_no = 1 AND v.eu_cents = a.eu_requested_cents AND v.total_eligible_cents = a.total_eligible_cents
                  AND a.call_id = (SELECT id FROM call WHERE reference <> 'AAP-DEMO-2025-P6')) AS plans,
              (SELECT count(*)::int FROM application_document) AS documents,
              (SELECT count(*)::int FROM outbox WHERE job_name = 'generate-receipt') AS receipts,
              (SELECT count(*)::int FROM mail_message WHERE template = 'application-submitted') AS mails,
              (SELECT count(*)::int FROM outbox WHERE job_name = 'send-mail') AS mailJobs`,
    );
    // Each deposit mails its organisation's one member (docs/domain/notifications.md), so /dev/mails shows them.
    expect(s).toEqual({ submissions: 12, plans: 12, documents: 48, receipts: 12, mails: 12, mailjobs: 12 });
    expect(await seedDemo(ctx.t.db, ctx.t.config)).toEqual({ seeded: false });
    // The twelve dossiers of the open call and the six programmed operations of the past call, each seeded once.
    expect((await ctx.owner.query(`SELECT count(*)::int AS n FROM application`))[0].n).toBe(18);

    const instructor = DEMO_USERS.find((u) => u.roles.includes('INSTRUCTOR'))!;
    // Demo staff enrol their second factor at their first login (docs/security.md); here it is enrolled directly.
    const refused = await ctx.t.http().post('/api/v1/auth/login').send({ email: instructor.email, password: DEMO_PASSWORD }).expect(403);
    expect(refused.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const [{ id }] = await ctx.owner.query(`SELECT id FROM app_user WHERE email = $1`, [instructor.email]);
    const login = { body: await loginApi(ctx.t, { id, email: instructor.email, password: DEMO_PASSWORD, totpSecret: await enrolSecondFactor(ctx.owner, id) }) };
    const [call] = await ctx.owner.query(`SELECT id FROM call WHERE reference <> 'AAP-DEMO-2025-P6'`);
    const list = await ctx.t.http().get(`/api/v1/calls/${call.id}/applications`).set('Authorization', `Bearer ${login.body.token}`).expect(200);
    expect(list.body.items).toHaveLength(12);
    // Every demo dossier passes the eight automatic admissibility checks (valid SIRETs included, issue 11 point 8).
    for (const item of list.body.items as { id: string }[]) {
      const run = await ctx.t.http().post(`/api/v1/applications/${item.id}/admissibility/check`).set('Authorization', `Bearer ${login.body.token}`).expect(200);
      expect(run.body.checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
    }
  });

  it('gives every demo organisation a SIRET whose SIREN key and SIRET key are valid, so the admissibility check passes', async () => {
    const rows: { siret: string }[] = await ctx.owner.query(`SELECT siret FROM organisation ORDER BY siret`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) expect([r.siret, siretProblem(r.siret)]).toEqual([r.siret, null]);
  });

  it("shows a past call's programmed operations in the public catalogue", async () => {
    const res = await ctx.t.http().get('/api/v1/public/operations').expect(200);
    expect(res.body.items).toHaveLength(6);
    expect(res.body.items.filter((o: { publicContact: string | null }) => o.publicContact !== null)).toHaveLength(3);
    expect(new Set(res.body.items.map((o: { status: string }) => o.status))).toEqual(new Set(['PROGRAMMED', 'CONVENTION_ISSUED']));
  });
});
