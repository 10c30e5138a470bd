import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/common/audit/audit.service';
import { loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/database/data-source';
import { verifyAuditChain } from '../../src/common/audit/verify-audit-chain';
import { completeDraft, createApplicant, createDraft, createOpenCall } from '../support/factories/application.factory';
import { createUser } from '../support/factories/user.factory';
import { useTestApp } from '../support/test-app';

const sqlState = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (e as { code?: string }).code;
  }
};

/** The audit trail cannot be forged by the application role: only audit_append() appends, and checks what it appends. */
describe('audit writer (e2e)', () => {
  const ctx = useTestApp();

  it('refuses a forged row inserted by the application role, and keeps the chain intact', async () => {
    const victim = await createUser(ctx.owner);
    const forged = ctx.t.db.query(
      `INSERT INTO audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, seq, prev_hash, hash)
       VALUES ($1, 'USER', 'committee.decision_recorded', 'application', $2, 0, '', '')`,
      [victim.id, randomUUID()],
    );
    expect(await sqlState(forged)).toBe('42501');
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM audit_log WHERE actor_user_id = $1`, [victim.id]);
    expect(count).toBe(0);
    expect((await verifyAuditChain(ctx.t.db)).breaks).toEqual([]);
  });

  it('lets the audit writer append, and refuses actions outside the naming convention or a made-up actor', async () => {
    const user = await createUser(ctx.owner);
    const audit = ctx.t.app.get(AuditService);
    const actor = { kind: 'USER' as const, userId: user.id, correlationId: 'c-1' };
    await ctx.t.db.transaction((em) => audit.record(em, actor, { action: 'test.appended', subjectType: 'user', subjectId: user.id }));
    const [row] = await ctx.owner.query(`SELECT action, actor_user_id FROM audit_log WHERE actor_user_id = $1`, [user.id]);
    expect(row).toEqual({ action: 'test.appended', actor_user_id: user.id });
    expect(
      await sqlState(ctx.t.db.transaction((em) => audit.record(em, actor, { action: 'REPORT_DOWNLOADED', subjectType: 'user', subjectId: user.id }))),
    ).toBe('23514');
    const ghost = { kind: 'USER' as const, userId: randomUUID(), correlationId: null };
    expect(await sqlState(ctx.t.db.transaction((em) => audit.record(em, ghost, { action: 'auth.login', subjectType: 'user', subjectId: 'x' })))).toBe('23514');
  });

  it("audits each download of an applicant's upload", async () => {
    const call = await createOpenCall(ctx.owner);
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id } = await createDraft(ctx.t, a, call.id);
    await completeDraft(ctx.t, a, id);
    const view = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    const doc = view.body.documents[0];
    await ctx.t.http().get(`/api/v1/applications/${id}/documents/${doc.id}/content`).set(a.auth).buffer(true).expect(200);
    const rows = await ctx.owner.query(`SELECT actor_user_id, after FROM audit_log WHERE action = 'application.document.downloaded' AND subject_id = $1`, [id]);
    expect(rows).toEqual([{ actor_user_id: a.user.id, after: { documentId: doc.id, sha256: doc.sha256 } }]);
  });

  describe('with a separate runtime login (DATABASE_RUNTIME_URL)', () => {
    const name = `essaim_rt_${randomBytes(4).toString('hex')}`;
    let runtime: DataSource;
    beforeAll(async () => {
      await ctx.owner.query(`CREATE ROLE "${name}" LOGIN NOSUPERUSER IN ROLE essaim_app`);
      const url = new URL(loadConfig().database.url);
      url.username = name;
      url.password = '';
      runtime = await createDataSource(loadConfig({ DATABASE_RUNTIME_URL: url.toString() })).initialize();
    });
    afterAll(async () => {
      await runtime?.destroy();
      await ctx.owner.query(`DROP ROLE IF EXISTS "${name}"`);
    });

    it('gets no owner rights back with RESET ROLE, and still may not insert audit rows', async () => {
      await runtime.query('RESET ROLE');
      const [me] = await runtime.query(`SELECT current_user AS u, r.rolsuper AS super FROM pg_roles r WHERE r.rolname = current_user`);
      expect(me).toEqual({ u: name, super: false });
      const forged = runtime.query(
        `INSERT INTO audit_log (actor_kind, action, subject_type, subject_id, seq, prev_hash, hash) VALUES ('SYSTEM', 'x.y', 'x', 'x', 0, '', '')`,
      );
      expect(await sqlState(forged)).toBe('42501');
      expect(await sqlState(runtime.query(`SET ROLE postgres`))).toBe('42501');
      // The runtime login does the application's work.
      await runtime.query(`SELECT count(*) FROM app_user`);
    });
  });
});
