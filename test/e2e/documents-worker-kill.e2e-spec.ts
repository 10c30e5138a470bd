import { createHash } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createStaff } from '../support/factories/application.factory';
import { programmedDossier } from '../support/factories/documents.factory';
import { truncateAll, useTestApp, waitFor } from '../support/test-app';

function spawnWorker(): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['dist/src/worker.js'], { env: { ...process.env, LOG_LEVEL: 'log' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

const AUDIT_CHAIN_LOCK = 7319001; // the advisory lock the audit_log trigger takes (migration Foundation)
// The audit row is appended through audit_append() (migration AuditWriter), whose INSERT waits on the chain's lock.
const AUDIT_QUERY = `(query LIKE 'INSERT INTO audit_log%' OR query LIKE 'SELECT audit_append(%')`;
const WAITING_ON_AUDIT = `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND ${AUDIT_QUERY} AND datname = current_database()`;

describe('a worker killed while generating a document (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));
  const audited = async (id: string): Promise<string> =>
    (await ctx.owner.query(`SELECT count(*) FROM audit_log WHERE action = 'document.generated' AND subject_id = $1`, [id]))[0].count;

  it('after a restart there is exactly one document row and one file, READY, and one audit row', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner);
    const { body } = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    const id: string = body.id;
    const dir = join(ctx.t.config.files.dir, 'documents');

    // Hold the document row so the worker renders and stores the file, then blocks on marking it READY.
    const lock = ctx.owner.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`SELECT id FROM document WHERE id = $1 FOR UPDATE`, [id]);
    const first = spawnWorker();
    try {
      await waitFor(async () => existsSync(join(dir, `${id}.pdf`)), 30_000, 100);
      await waitFor(
        async () =>
          (await ctx.owner.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE document SET status = ''READY''%'`))
            .length > 0,
        10_000,
      );
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      // The killed process's session would otherwise finish its UPDATE once the lock goes: end it as a crash would.
      await ctx.owner.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE document SET status = ''READY''%'`,
      );
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    const [mid] = await ctx.owner.query(`SELECT status FROM document WHERE id = $1`, [id]);
    expect(mid.status).toBe('PENDING');

    const second = spawnWorker();
    try {
      const doc = await waitFor(
        async () => {
          const [r] = await ctx.owner.query(`SELECT status, storage_key, sha256, size_bytes FROM document WHERE id = $1`, [id]);
          return r?.status === 'READY' ? r : null;
        },
        40_000,
        200,
      );
      const rows = await ctx.owner.query(`SELECT id FROM document WHERE subject_id = $1 AND kind = 'CONVENTION'`, [d.applicationId]);
      expect(rows).toEqual([{ id }]);
      expect((await readdir(dir)).filter((f) => f.includes(id))).toEqual([`${id}.pdf`]);
      const bytes = await readFile(join(ctx.t.config.files.dir, doc.storage_key));
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
      expect(Number(doc.size_bytes)).toBe(bytes.length);
      // The audit row commits with READY: it is there as soon as the document is, and stays one.
      expect(await audited(id)).toBe('1');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await audited(id)).toBe('1');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });

  it('killed after marking READY but before its audit row commits, leaves neither; the restart writes both, once', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner);
    const { body } = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    const id: string = body.id;

    // Hold the audit chain's lock: the worker's READY transaction updates the row, then blocks on its audit insert.
    const lock = ctx.owner.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_CHAIN_LOCK]);
    const first = spawnWorker();
    try {
      const blocked = async (): Promise<boolean> => {
        const waiting = await ctx.owner.query(WAITING_ON_AUDIT);
        if (waiting.length === 0) return false;
        // Blocked inside the READY transaction: the row is already updated there, not yet committed.
        const [row] = await ctx.owner.query(`SELECT status FROM document WHERE id = $1`, [id]);
        return row.status === 'PENDING';
      };
      await waitFor(async () => existsSync(join(ctx.t.config.files.dir, 'documents', `${id}.pdf`)) && (await blocked()), 30_000, 100);
      await waitFor(
        async () =>
          (
            await ctx.owner.query(
              `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.relation = 'document'::regclass AND l.mode = 'RowExclusiveLock' AND ${AUDIT_QUERY.replace(/query/g, 'a.query')}`,
            )
          ).length > 0,
        10_000,
      );
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      await ctx.owner.query(`SELECT pg_terminate_backend(pid) FROM (${WAITING_ON_AUDIT}) w`);
    } finally {
      // Never leave the first worker running: it would take later specs' jobs.
      if (first.child.exitCode === null && first.child.signalCode === null) {
        first.child.kill('SIGKILL');
        await new Promise((r) => first.child.once('exit', r));
      }
      await lock.rollbackTransaction();
      await lock.release();
    }
    const [mid] = await ctx.owner.query(`SELECT status FROM document WHERE id = $1`, [id]);
    expect(mid.status).toBe('PENDING');
    expect(await audited(id)).toBe('0');

    const second = spawnWorker();
    try {
      await waitFor(
        async () => {
          const [r] = await ctx.owner.query(`SELECT status FROM document WHERE id = $1`, [id]);
          return r?.status === 'READY';
        },
        40_000,
        200,
      );
      expect(await audited(id)).toBe('1');
      const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [d.applicationId]);
      expect(status).toBe('CONVENTION_ISSUED');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await audited(id)).toBe('1');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
