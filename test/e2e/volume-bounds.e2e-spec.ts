import { randomUUID } from 'node:crypto';
import { MAX_AMOUNT_CENTS } from '../../src/common/money/amount-bounds';
import { MAX_DOCUMENTS_PER_APPLICATION } from '../../src/modules/files/domain/upload-bounds';
import { createApplicant, createDraft, createOpenCall, createStaff, pdfBytes, uploadDocument, VALID_PLAN } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

/**
 * Money and volume bounds (issue 18, point 8; docs/api.md, docs/security.md): documented amount ceiling, files per
 * dossier, file-name length, identical pending report requests deduplicated, the reports list paginated.
 */
describe('money and volume bounds (e2e)', () => {
  // No worker: report requests stay PENDING, which is the window the deduplication covers.
  const ctx = useTestApp();

  beforeAll(async () => truncateAll(ctx.owner));

  it('refuses an amount above the documented ceiling with a 400 naming the field, and accepts the ceiling itself', async () => {
    const { t, owner } = ctx;
    const a = await createApplicant(t, owner);
    const call = await createOpenCall(owner);
    const draft = await createDraft(t, a, call.id);
    const huge = { ...VALID_PLAN, lines: [{ ...VALID_PLAN.lines[0], amountCents: 1e15 }, VALID_PLAN.lines[1]] };
    const res = await t.http().put(`/api/v1/applications/${draft.id}/financing-plan`).set(a.auth).set('If-Match', draft.etag).send(huge);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('lines[0].amountCents');
    const atCeiling = { ...VALID_PLAN, lines: [{ ...VALID_PLAN.lines[0], amountCents: MAX_AMOUNT_CENTS }, VALID_PLAN.lines[1]] };
    expect((await t.http().put(`/api/v1/applications/${draft.id}/financing-plan`).set(a.auth).set('If-Match', draft.etag).send(atCeiling)).status).toBe(200);
    const sim = await t
      .http()
      .post('/api/v1/cofinancing/simulate')
      .send({ costOption: 'REAL_COSTS', rateBp: 9500, lines: [{ category: 'STAFF', amountCents: MAX_AMOUNT_CENTS + 1 }], resources: [] });
    expect(sim.status).toBe(400);
  });

  it('refuses a file name over 255 characters and the 51st piece of a dossier', async () => {
    const { t, owner } = ctx;
    const a = await createApplicant(t, owner);
    const call = await createOpenCall(owner);
    const draft = await createDraft(t, a, call.id);
    const long = await uploadDocument(t, a, draft.id, 'STATUTS', pdfBytes(), `${'n'.repeat(5000)}.pdf`);
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toMatchObject({ path: 'file', code: 'FILE_NAME_TOO_LONG' });
    await uploadDocument(t, a, draft.id, 'STATUTS', pdfBytes(), `${'n'.repeat(251)}.pdf`).expect(201);
    // Fill the dossier up to the bound (rows as the upload writes them), then one more through the API.
    await owner.query(
      `INSERT INTO application_document (application_id, document_type, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by)
       SELECT $1, 'OTHER', 'piece-' || g || '.pdf', 'missing-' || g || '-' || $3, 'application/pdf', 10, repeat('0', 64), $2 FROM generate_series(2, $4::int) g`,
      [draft.id, a.user.id, randomUUID(), MAX_DOCUMENTS_PER_APPLICATION],
    );
    const extra = await uploadDocument(t, a, draft.id, 'RIB', pdfBytes('RIB'), 'rib.pdf');
    expect(extra.status).toBe(409);
    expect(extra.body.code).toBe('FILE_LIMIT_REACHED');
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1 AND deleted_at IS NULL`, [draft.id]);
    expect(n).toBe(MAX_DOCUMENTS_PER_APPLICATION);
  });

  it('answers identical report requests made while one is pending with that one, generated once', async () => {
    const { t, owner } = ctx;
    const ma = await createStaff(t, owner, 'MANAGING_AUTHORITY');
    const body = { type: 'FUNDING_REPORT', format: 'PDF' };
    const answers = await Promise.all(Array.from({ length: 15 }, () => t.http().post('/api/v1/reports').set(ma.auth).send(body)));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(14).fill(200), 202]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    const id = at(answers, 0, 'answer').body.id;
    expect(answers.every((r) => r.headers.location === `/api/v1/reports/${id}`)).toBe(true);
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM report_export WHERE type = 'FUNDING_REPORT'`);
    expect(n).toBe(1);
    const [{ jobs }] = await owner.query(`SELECT count(*)::int AS jobs FROM outbox WHERE payload->>'reportId' = $1`, [id]);
    expect(jobs).toBe(1);
    // Another format or scope is another request; once the first is no longer pending, a new one is queued.
    expect((await t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'OPERATIONS', format: 'CSV' })).status).toBe(202);
    await owner.query(`UPDATE report_export SET status = 'FAILED', failure_reason = 'test' WHERE id = $1`, [id]);
    const again = await t.http().post('/api/v1/reports').set(ma.auth).send(body);
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(id);
  });

  it('paginates GET /api/v1/reports with limit and an opaque cursor', async () => {
    const { t, owner } = ctx;
    const ma = await createStaff(t, owner, 'MANAGING_AUTHORITY');
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM report_export`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/v1/reports?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ma.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((r) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect((await t.http().get('/api/v1/reports?limit=1000').set(ma.auth)).status).toBe(400);
    const bad = await t.http().get('/api/v1/reports?cursor=nonsense').set(ma.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'cursor' });
  });
});
