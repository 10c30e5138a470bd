import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  type Applicant,
  completeDraft,
  createApplicant,
  createDraft,
  createOpenCall,
  exeBytes,
  pdfBytes,
  uploadDocument,
} from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const LIMIT = 64 * 1024;

/** A minimal DOCX head: [Content_Types].xml (deflated) naming the main WordprocessingML part. */
function docxBytes(): Buffer {
  const xml = deflateRawSync(
    Buffer.from('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
  );
  const name = Buffer.from('[Content_Types].xml');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(xml.length, 18);
  header.writeUInt32LE(xml.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, xml, randomBytes(64)]);
}

describe('application documents (e2e)', () => {
  const ctx = useTestApp({ env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
  let a: Applicant;
  let id: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    id = (await createDraft(ctx.t, a, (await createOpenCall(ctx.owner)).id)).id;
  });

  it('stores a PDF under a server-generated name with the SHA-256 computed while streaming, and serves it as an attachment', async () => {
    const bytes = pdfBytes('RIB');
    const res = await uploadDocument(ctx.t, a, id, 'RIB', bytes, '../../Relevé d’identité (bancaire).pdf').expect(201);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(res.body).toMatchObject({
      documentType: 'RIB',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256,
      originalName: 'Relevé d’identité (bancaire).pdf',
    });
    expect(res.body.storageKey).toBeUndefined();
    const [row] = await ctx.owner.query(`SELECT sha256, storage_key FROM application_document WHERE id = $1`, [res.body.id]);
    expect(row.sha256).toBe(sha256);
    expect(row.storage_key).toMatch(/^uploads\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(existsSync(join(ctx.t.config.files.dir, row.storage_key))).toBe(true);

    const dl = await ctx.t.http().get(`/api/v1/applications/${id}/documents/${res.body.id}/content`).set(a.auth).buffer(true).expect(200);
    expect(Buffer.compare(dl.body as Buffer, bytes)).toBe(0);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Releve d_identite (bancaire).pdf"; filename*=UTF-8''Relev%C3%A9%20d%E2%80%99identit%C3%A9%20%28bancaire%29.pdf`,
    );
    const view = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    expect(view.body.documents).toEqual([expect.objectContaining({ id: res.body.id, sha256 })]);
    expect(view.headers.etag).toBe('"2"'); // a new document changes the representation
  });

  it('recognises office documents by content', async () => {
    const res = await uploadDocument(ctx.t, a, id, 'STATUTS', docxBytes(), 'statuts.docx').expect(201);
    expect(res.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses an executable renamed .pdf (415) and a file whose extension lies, leaving no row and no file', async () => {
    const uploads = join(ctx.t.config.files.dir, 'uploads');
    const stored = () =>
      existsSync(uploads)
        ? readdirSync(uploads, { recursive: true })
            .map(String)
            .filter((f) => /^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(f))
        : [];
    const before = stored();
    const exe = await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/documents`)
      .set(a.auth)
      .field('documentType', 'RIB')
      .attach('file', exeBytes(), { filename: 'rib.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(exe.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    await uploadDocument(ctx.t, a, id, 'RIB', pdfBytes(), 'rib.png').expect(415);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM application_document`);
    expect(count).toBe('0');
    expect(stored()).toEqual(before);
    expect(existsSync(join(uploads, '.tmp')) ? readdirSync(join(uploads, '.tmp')) : []).toEqual([]);
  });

  it('answers 413 to an oversized upload, announced or streamed without a length, before reading it all', async () => {
    const big = Buffer.concat([pdfBytes(), randomBytes(LIMIT * 4)]);
    const announced = await ctx.t.http().post(`/api/v1/applications/${id}/documents`).set(a.auth).field('documentType', 'RIB').attach('file', big, 'gros.pdf');
    expect(announced.status).toBe(413);
    expect(announced.body.code).toBe('PAYLOAD_TOO_LARGE');

    // Chunked, no Content-Length: the limit is enforced while streaming; the answer comes before the body is finished.
    await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.t.app.getHttpServer().address() as AddressInfo).port;
    const boundary = `----essaim${randomBytes(6).toString('hex')}`;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/applications/${id}/documents`,
          headers: { ...a.auth, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\nRIB\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="flux.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      req.write(pdfBytes());
      let sent = 0;
      // Keep sending well past the limit without ever ending the request: only an early answer resolves the promise.
      const timer = setInterval(() => {
        if (sent > LIMIT * 16) return clearInterval(timer);
        req.write(randomBytes(16 * 1024));
        sent += 16 * 1024;
      }, 5);
      req.on('close', () => clearInterval(timer));
    });
    expect(status).toBe(413);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM application_document`);
    expect(count).toBe('0');
  });

  it('soft-deletes a document of a draft, and refuses uploads and deletions once submitted', async () => {
    const up = await uploadDocument(ctx.t, a, id, 'AUTRE', pdfBytes(), 'annexe.pdf').expect(201);
    await ctx.t.http().delete(`/api/v1/applications/${id}/documents/${up.body.id}`).set(a.auth).expect(204);
    const [row] = await ctx.owner.query(`SELECT deleted_at IS NOT NULL AS deleted, deleted_by FROM application_document WHERE id = $1`, [up.body.id]);
    expect(row).toEqual({ deleted: true, deleted_by: a.user.id });
    await ctx.t.http().get(`/api/v1/applications/${id}/documents/${up.body.id}/content`).set(a.auth).expect(404);
    await uploadDocument(ctx.t, a, id, 'NIMPORTE', pdfBytes(), 'x.pdf').expect(400);

    await completeDraft(ctx.t, a, id);
    await ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(200);
    const late = await uploadDocument(ctx.t, a, id, 'AUTRE', pdfBytes(), 'tard.pdf').expect(409);
    expect(late.body.code).toBe('APPLICATION_NOT_EDITABLE');
    const doc = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200)).body.documents[0];
    await ctx.t.http().delete(`/api/v1/applications/${id}/documents/${doc.id}`).set(a.auth).expect(409);
  });

  it('accepts the upload form of the pages with the CSRF token as the first field, and refuses it without', async () => {
    const page = await ctx.t.http().get(`/dossiers/${id}/pieces`).set('Cookie', a.session.cookie).expect(200);
    const csrf = group(/id="form-piece"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(page.text));
    const ok = await ctx.t
      .http()
      .post(`/dossiers/${id}/pieces`)
      .set('Cookie', a.session.cookie)
      .field('_csrf', csrf)
      .field('documentType', 'STATUTS')
      .attach('file', pdfBytes(), 'statuts.pdf')
      .expect(303);
    expect(ok.headers.location).toBe(`/dossiers/${id}/pieces?ajoute=1`);
    await ctx.t
      .http()
      .post(`/dossiers/${id}/pieces`)
      .set('Cookie', a.session.cookie)
      .field('documentType', 'RIB')
      .attach('file', pdfBytes(), 'rib.pdf')
      .expect(403);
    const list = await ctx.t.http().get(`/dossiers/${id}/pieces`).set('Cookie', a.session.cookie).expect(200);
    // The stored file is listed by its name (applicants see no SHA-256 column: issue 14, point 15).
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1`, [id]);
    expect(n).toBe(1);
    expect(list.text).toContain('statuts.pdf');
    const bad = await ctx.t
      .http()
      .post(`/dossiers/${id}/pieces`)
      .set('Cookie', a.session.cookie)
      .field('_csrf', csrf)
      .field('documentType', 'RIB')
      .attach('file', exeBytes(), 'rib.pdf')
      .expect(422);
    expect(bad.text).toContain('n&#39;est pas d&#39;un type accepté');
  });
});
