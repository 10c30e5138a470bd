import { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApplicant, createStaff } from '../support/factories/application.factory';
import { programmedDossier, submittedDossier } from '../support/factories/documents.factory';
import { pdfText } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';

const NB = ' '; // the narrow no-break spaces of amounts, as normalised by flat()
const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('documents API (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext | undefined;
  beforeAll(() => truncateAll(ctx.owner));
  afterAll(() => worker?.close());

  const status = async (auth: Record<string, string>, id: string) => (await ctx.t.http().get(`/api/v1/documents/${id}`).set(auth).expect(200)).body;

  it('requests a convention (202), answers 409 while it is pending, then serves the PDF once the worker made it', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner, { euCents: 9_000_000, conditions: 'Recruter un second animateur.' });
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const res = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'PENDING' });
    const id = res.body.id;

    const pending = await ctx.t.http().get(`/api/v1/documents/${id}/content`).set(instructor.auth).expect(409);
    expect(pending.body.code).toBe('DOCUMENT_NOT_READY');

    worker = await startTestWorker();
    await waitFor(async () => (await status(instructor.auth, id)).status === 'READY', 30_000);
    const doc = await status(instructor.auth, id);
    expect(doc).toMatchObject({
      id,
      kind: 'CONVENTION',
      subjectType: 'application',
      subjectId: d.applicationId,
      version: 1,
      status: 'READY',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(doc.sizeBytes).toBeGreaterThan(1000);
    expect(doc.readyAt).not.toBeNull();

    // The applicant member of the organisation downloads it.
    const file = await ctx.t
      .http()
      .get(`/api/v1/documents/${id}/content`)
      .set(d.applicant.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="convention-attributive-${d.number}-v1.pdf"; filename*=UTF-8''convention-attributive-${d.number}-v1.pdf`,
    );
    const bytes = file.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);

    const [row] = await ctx.owner.query(`SELECT storage_key FROM document WHERE id = $1`, [id]);
    const { text, pages } = await pdfText(join(ctx.t.config.files.dir, row.storage_key));
    expect(pages).toBeGreaterThanOrEqual(2);
    const t = flat(text);
    expect(t).toContain('Convention attributive');
    expect(t).toContain(d.number);
    expect(t).toContain(d.applicant.organisation.siret);
    expect(t).toContain(`112${NB}000,00${NB}€`); // total eligible cost
    expect(t).toContain(`90${NB}000,00${NB}€`); // the committee's EU amount prevails
    expect(t).toContain(`80,35${NB}%`);
    expect(t).toContain(`27${NB}000,00${NB}€`); // advance: 30 % of 90 000 €
    expect(t).toContain('Recruter un second animateur.');
    expect(t).toContain('affiche de format A3');
    expect(t).toContain('Bilan intermédiaire n° 1'); // 18-month project
    expect(t).toContain('Annexe');
    expect(t).toMatch(/page 1 sur \d/);

    const listed = await ctx.t.http().get(`/api/v1/applications/${d.applicationId}/documents/generated`).set(d.applicant.auth).expect(200);
    expect(listed.body.items.map((x: { kind: string }) => x.kind).sort()).toEqual(['CONVENTION', 'RECEIPT']);

    // The dossier page lists it with a download link that serves the same bytes to the signed-in browser.
    const page = await ctx.t.http().get(`/dossiers/${d.applicationId}`).set('Cookie', d.applicant.session.cookie).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('id="documents-produits"');
    expect(page.text).toContain('Convention attributive');
    expect(page.text).toContain(`href="/documents/${id}/telecharger"`);
    const download = await ctx.t.http().get(`/documents/${id}/telecharger`).set('Cookie', d.applicant.session.cookie).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="convention-attributive-/);

    // Regenerating adds version 2.
    const again = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    await waitFor(async () => (await status(instructor.auth, again.body.id)).status === 'READY', 30_000);
    expect((await status(instructor.auth, again.body.id)).version).toBe(2);
  });

  it('hides documents and subjects from those who may not see them (404), and refuses applicants to request (403)', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const outsider = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');

    const notFound = await ctx.t.http().post('/api/v1/documents').set(outsider.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(404);
    expect(notFound.body.code).toBe('NOT_FOUND');
    await ctx.t.http().post('/api/v1/documents').set(d.applicant.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(403);

    const { body } = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    for (const who of [outsider, evaluator]) {
      await ctx.t.http().get(`/api/v1/documents/${body.id}`).set(who.auth).expect(404);
      await ctx.t.http().get(`/api/v1/documents/${body.id}/content`).set(who.auth).expect(404);
      await ctx.t.http().get(`/documents/${body.id}/telecharger`).set(who.auth).expect(404);
    }
    await ctx.t.http().get(`/api/v1/applications/${d.applicationId}/documents/generated`).set(outsider.auth).expect(404);
    await ctx.t.http().get(`/api/v1/applications/${d.applicationId}/documents/generated`).set(evaluator.auth).expect(404);
    const manager = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    await ctx.t.http().get(`/api/v1/documents/${body.id}`).set(manager.auth).expect(200);
    // Minutes are for staff only, even for the dossier's organisation.
    await ctx.t.http().post('/api/v1/documents').set(d.applicant.auth).send({ kind: 'COMMITTEE_MINUTES', subjectId: d.session.sessionId }).expect(404);
  });

  it('answers 422 when the subject is not in a state that allows the kind, and 400 on a bad body', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const conv = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(422);
    expect(conv.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    const letter = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'DECISION_LETTER', subjectId: d.applicationId }).expect(422);
    expect(letter.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    const bad = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'NOPE', subjectId: 'x' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM document WHERE subject_id = $1 AND kind <> 'RECEIPT'`, [d.applicationId]);
    expect(count).toBe('0');
  });

  it('the receipt lists each upload with the SHA-256 of its bytes, and a receipt request finds the existing one', async () => {
    worker ??= await startTestWorker();
    const d = await submittedDossier(ctx.t, ctx.owner);
    const receipt = await waitFor(async () => {
      const [r] = await ctx.owner.query(`SELECT id, status, storage_key FROM document WHERE subject_id = $1 AND kind = 'RECEIPT'`, [d.applicationId]);
      return r?.status === 'READY' ? r : null;
    }, 30_000);
    const uploads: { storage_key: string; sha256: string }[] = await ctx.owner.query(
      `SELECT storage_key, sha256 FROM application_document WHERE application_id = $1 AND deleted_at IS NULL`,
      [d.applicationId],
    );
    const { text } = await pdfText(join(ctx.t.config.files.dir, receipt.storage_key));
    for (const u of uploads) {
      const bytes = await readFile(join(ctx.t.config.files.dir, u.storage_key));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(u.sha256);
      expect(text.replace(/\s+/g, '')).toContain(u.sha256);
    }
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const res = await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'RECEIPT', subjectId: d.applicationId }).expect(202);
    expect(res.body).toEqual({ id: receipt.id, status: 'READY' });
  });
});
