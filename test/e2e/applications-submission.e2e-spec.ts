import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '../../src/common/audit/verify-audit-chain';
import { idempotencyRequestHash } from '../../src/common/idempotency/idempotency-key';
import { type Applicant, completeDraft, createApplicant, createDraft, createOpenCall } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

/** Everything a failed submission must leave untouched. */
async function stateOf(db: import('typeorm').DataSource, id: string) {
  const [app] = await db.query(`SELECT status, number, version, submitted_at, submitted_snapshot FROM application WHERE id = $1`, [id]);
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM application_status_history WHERE application_id = $1) AS history,
            (SELECT count(*) FROM outbox) AS outbox,
            (SELECT count(*) FROM application_number_counter) AS counters,
            (SELECT count(*) FROM idempotency_key) AS keys,
            (SELECT count(*) FROM audit_log WHERE action = 'application.submitted') AS audits`,
    [id],
  );
  return { app, counts };
}

describe('application submission (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let callId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    callId = (await createOpenCall(ctx.owner)).id;
  });

  const submit = (id: string, key: string | null, body: Record<string, unknown> = { attestation: true }) => {
    const req = ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };

  it('refuses a submission after the call has closed, by the server clock, and changes nothing', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    await ctx.owner.query(`UPDATE call SET closes_at = now() - interval '1 minute' WHERE id = $1`, [callId]);
    const before = await stateOf(ctx.owner, id);
    const res = await submit(id, randomUUID()).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'APPLICATION_INCOMPLETE', status: 422 });
    expect(res.body.errors).toEqual([{ path: 'call', code: 'CALL_CLOSED', message: expect.stringContaining('clos') }]);
    expect(await stateOf(ctx.owner, id)).toEqual(before);
  });

  it('lists every missing item, including a missing required document, and changes nothing', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id, ['STATUTS']);
    const before = await stateOf(ctx.owner, id);
    const res = await submit(id, randomUUID()).expect(422);
    expect(res.body.errors).toEqual([{ path: 'documents.RIB', code: 'DOCUMENT_MISSING', message: "Pièce manquante : Relevé d'identité bancaire (RIB)." }]);
    expect(await stateOf(ctx.owner, id)).toEqual(before);

    const { id: empty } = await createDraft(ctx.t, a, callId);
    const all = await submit(empty, randomUUID()).expect(422);
    expect(all.body.errors.length).toBeGreaterThanOrEqual(15);
    expect(all.body.errors.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['REQUIRED', 'DOCUMENT_MISSING', 'ESF_PLUS_MISSING']));
  });

  it('requires the Idempotency-Key header and the attestation', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    const res = await submit(id, null).expect(400);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    await submit(id, 'k'.repeat(256)).expect(400);
    const attest = await submit(id, randomUUID(), { attestation: false }).expect(400);
    expect(attest.body.errors[0].path).toBe('attestation');
  });

  it('replays the stored response byte for byte for the same key and body, and refuses the key with another body', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    const key = randomUUID();
    const first = await submit(id, key).expect(200);
    const replay = await submit(id, key).expect(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const reused = await submit(id, key, { attestation: true, expectedVersion: 3 }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM outbox WHERE job_name = 'generate-receipt'`);
    expect(count).toBe('1');
    // A new key on a submitted dossier is a refused transition, not a second submission.
    const again = await submit(id, randomUUID()).expect(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the same key is still being processed', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    const key = randomUUID();
    const hash = idempotencyRequestHash({ applicationId: id, attestation: true, expectedVersion: null });
    await ctx.owner.query(`INSERT INTO idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)`, [`${a.user.id}:applications.submit`, key, hash]);
    const res = await submit(id, key).expect(409);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(status).toBe('DRAFT');
  });

  it('submits once when two submissions with different keys race: one 200, one 409, one number', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    const results = await Promise.all([submit(id, randomUUID()), submit(id, randomUUID())]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('INVALID_STATUS_TRANSITION');
    const [{ numbers, counter }] = await ctx.owner.query(
      `SELECT (SELECT count(*) FROM application WHERE number IS NOT NULL) AS numbers, (SELECT sum(last_value) FROM application_number_counter) AS counter`,
    );
    expect({ numbers, counter }).toEqual({ numbers: '1', counter: '1' });
    const history = await ctx.owner.query(`SELECT count(*) FROM application_status_history WHERE application_id = $1 AND to_status = 'SUBMITTED'`, [id]);
    expect(history[0].count).toBe('1');
  });

  it('answers a concurrent duplicate (same key, same body) with the first answer, replayed, and submits once', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    const key = randomUUID();
    const results = await Promise.all([submit(id, key), submit(id, key)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.headers['idempotent-replayed'] ?? 'first').sort()).toEqual(['first', 'true']);
    expect(at(results, 0, 'answer').text).toBe(at(results, 1, 'answer').text);
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_submission WHERE application_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('keeps no claim for a refused submission: the corrected retry with the same key goes through', async () => {
    const { id } = await createDraft(ctx.t, a, callId);
    const key = randomUUID();
    expect((await submit(id, key).expect(422)).body.code).toBe('APPLICATION_INCOMPLETE');
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1`, [key]);
    expect(n).toBe(0);
    await completeDraft(ctx.t, a, id);
    expect((await submit(id, key).expect(200)).body.number).toMatch(/^AAP-\d{4}-\d{6}$/);
  });

  it('numbers dossiers of the year without gaps, even when a submission fails in between', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await createDraft(ctx.t, a, callId);
      ids.push(id);
    }
    await completeDraft(ctx.t, a, at(ids, 0, 'id'));
    await completeDraft(ctx.t, a, at(ids, 2, 'id'));
    const first = await submit(at(ids, 0, 'id'), randomUUID()).expect(200);
    await submit(at(ids, 1, 'id'), randomUUID()).expect(422);
    const third = await submit(at(ids, 2, 'id'), randomUUID()).expect(200);
    const seq = (n: string) => Number(n.slice(-6));
    expect(seq(third.body.number)).toBe(seq(first.body.number) + 1);
  });

  it('takes the number in its last statement: concurrent dossiers get consecutive numbers, each written the same everywhere', async () => {
    // docs/decisions/0010-throughput.md: history, receipt and status mail come first (the mail with a placeholder), then
    // one statement takes the counter and writes the number into the dossier, snapshot, submission row, stored answer,
    // mail and audit row.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { id } = await createDraft(ctx.t, a, callId);
      await completeDraft(ctx.t, a, id);
      ids.push(id);
    }
    const answers = await Promise.all(ids.map((id) => submit(id, randomUUID())));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const numbers = answers.map((r) => r.body.number as string);
    expect(numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y)).toEqual([1, 2, 3, 4]);
    for (const [i, id] of ids.entries()) {
      const number = numbers[i];
      const [row] = await ctx.owner.query(
        `SELECT a.number, a.submitted_snapshot->>'number' AS snap, s.snapshot->>'number' AS sub, s.snapshot = a.submitted_snapshot AS same,
                (SELECT k.response_body->>'number' FROM idempotency_key k WHERE k.response_body->>'id' = $1::text) AS answer,
                (SELECT l.after->>'number' FROM audit_log l WHERE l.action = 'application.submitted' AND l.subject_id = $1::text) AS audit,
                (SELECT array_agg(m.subject || m.body_text || m.body_html) FROM mail_message m WHERE m.dedupe_key LIKE 'application.submitted:' || $1::text || ':%') AS mails,
                (SELECT count(*)::int FROM outbox o WHERE o.job_name = 'generate-receipt' AND o.payload->>'applicationId' = $1::text) AS receipts
           FROM application a JOIN application_submission s ON s.application_id = a.id WHERE a.id = $1::uuid`,
        [id],
      );
      expect(row).toMatchObject({ number, snap: number, sub: number, same: true, answer: number, audit: number, receipts: 1 });
      expect(row.mails).toHaveLength(1);
      expect(row.mails[0]).toContain(`Dossier ${number} déposé`);
      expect(row.mails[0]).not.toContain('AAP-NUMERO-');
    }
    expect((await verifyAuditChain(ctx.t.db)).breaks).toEqual([]);
  });
});
