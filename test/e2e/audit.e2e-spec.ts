import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AUDIT_ROWS_SQL, verifyAuditBatch } from '../../src/common/audit/audit-chain';
import { AuditService } from '../../src/common/audit/audit.service';
import { systemActor } from '../../src/common/actor/actor';
import { verifyAuditChain } from '../../src/common/audit/verify-audit-chain';
import { createUser, login } from '../support/factories/user.factory';
import { useTestApp } from '../support/test-app';

const run = promisify(execFile);

describe('audit trail (e2e)', () => {
  const ctx = useTestApp();

  it('chains every row to the previous one, under concurrent writers', async () => {
    const audit = ctx.t.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ctx.t.db.transaction((em) =>
          audit.record(em, systemActor(`c-${i}`), {
            action: 'test.concurrent',
            subjectType: 'test',
            subjectId: String(i),
            after: { i, label: 'équipe «été»' },
          }),
        ),
      ),
    );
    const { rows, breaks } = await verifyAuditChain(ctx.t.db);
    expect(rows).toBeGreaterThanOrEqual(40);
    expect(breaks).toEqual([]);
  });

  it('keeps the row and the change atomic: a rolled-back transaction leaves no audit row', async () => {
    const audit = ctx.t.app.get(AuditService);
    await expect(
      ctx.t.db.transaction(async (em) => {
        await audit.record(em, systemActor(), { action: 'test.rollback', subjectType: 'test', subjectId: 'rb' });
        throw new Error('business failure');
      }),
    ).rejects.toThrow('business failure');
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM audit_log WHERE action = 'test.rollback'`);
    expect(count).toBe('0');
    expect((await verifyAuditChain(ctx.t.db)).breaks).toEqual([]);
  });

  it("denies UPDATE, DELETE and TRUNCATE of audit rows to the application's database role", async () => {
    await ctx.t.db.transaction((em) =>
      ctx.t.app.get(AuditService).record(em, systemActor(), { action: 'test.protected', subjectType: 'test', subjectId: 'p' }),
    );
    await expect(ctx.t.db.query(`UPDATE audit_log SET action = 'forged' WHERE action = 'test.protected'`)).rejects.toThrow(/permission denied/);
    await expect(ctx.t.db.query(`DELETE FROM audit_log WHERE action = 'test.protected'`)).rejects.toThrow(/permission denied/);
    await expect(ctx.t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    // Even the ctx.owner is stopped by the append-only trigger.
    await expect(ctx.owner.query(`UPDATE audit_log SET action = 'forged' WHERE action = 'test.protected'`)).rejects.toThrow(/append-only/);
  });

  it('detects a row altered behind the triggers', async () => {
    const user = await createUser(ctx.owner);
    await login(ctx.t, user); // writes auth.login
    const qr = ctx.owner.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await qr.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await qr.query(`UPDATE audit_log SET actor_user_id = NULL WHERE action = 'auth.login' AND subject_id = $1`, [user.id]);
      const rows = await qr.query(AUDIT_ROWS_SQL, ['0', 100_000]);
      const breaks = verifyAuditBatch(rows, null);
      expect(breaks).toEqual([expect.objectContaining({ reason: 'hash does not match the row content' })]);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });

  it('npm run audit:verify exits 0 on an intact chain and names the rows checked', async () => {
    const { stdout } = await run(process.execPath, ['dist/src/cli/audit-verify.js'], { env: { ...process.env } });
    expect(stdout).toMatch(/audit chain intact: \d+ row\(s\) verified/);
  });
});
