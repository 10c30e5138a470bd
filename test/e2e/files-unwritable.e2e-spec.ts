import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Applicant, createApplicant, createDraft, createOpenCall, pdfBytes, uploadDocument } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const filesDir = mkdtempSync(join(tmpdir(), 'essaim-files-'));

/** Sends a multipart upload in two halves, running `between` after the first (the server is then streaming it). */
function slowUpload(
  port: number,
  a: Applicant,
  id: string,
  between: () => void,
): Promise<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }> {
  const boundary = 'essaimboundary';
  const bytes = Buffer.concat([pdfBytes('Statuts'), Buffer.alloc(256 * 1024, 0x20)]);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\nSTATUTS\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="statuts.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const half = bytes.length / 2;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: `/api/v1/applications/${id}/documents`,
        headers: { ...a.auth, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes.length + tail.length },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(Buffer.concat([head, bytes.subarray(0, half)]));
    setTimeout(() => {
      between();
      req.end(Buffer.concat([bytes.subarray(half), tail]));
    }, 400);
  });
}

describe('files directory unusable during uploads (e2e)', () => {
  const ctx = useTestApp({ env: { FILES_DIR: filesDir } });
  let applicant: Applicant;
  let dossier: string;
  let port: number;
  const uploads = join(filesDir, 'uploads');

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    dossier = (await createDraft(ctx.t, applicant, callId)).id;
    const server = ctx.t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  const expectUnavailable = async (res: { status: number; headers: Record<string, unknown>; body: Record<string, unknown> }): Promise<void> => {
    expect(res.status).toBe(503);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body.code).toBe('STORAGE_UNAVAILABLE');
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1`, [dossier]);
    expect(n).toBe(0);
    await ctx.t.http().get('/health/live').expect(200); // the process is still there
  };
  const restore = (): void => {
    rmSync(uploads, { recursive: true, force: true });
    mkdirSync(uploads, { recursive: true });
  };

  it('before the upload (the uploads directory cannot be created): 503, nothing stored', async () => {
    rmSync(uploads, { recursive: true, force: true });
    writeFileSync(uploads, 'not a directory');
    const res = await uploadDocument(ctx.t, applicant, dossier, 'STATUTS', pdfBytes(), 'statuts.pdf');
    await expectUnavailable(res);
    restore();
  });

  it('during the upload (its temporary directory disappears): 503, nothing stored', async () => {
    restore();
    mkdirSync(join(uploads, '.tmp'), { recursive: true });
    const res = await slowUpload(port, applicant, dossier, () => renameSync(join(uploads, '.tmp'), join(filesDir, 'moved-tmp')));
    await expectUnavailable(res);
    restore();
  });

  it('at the end of the upload (its destination is unwritable): 503, nothing stored, and the next upload works', async () => {
    restore();
    const res = await slowUpload(port, applicant, dossier, () => {
      renameSync(uploads, join(filesDir, 'moved-uploads'));
      writeFileSync(uploads, 'not a directory');
    });
    await expectUnavailable(res);
    restore();
    await uploadDocument(ctx.t, applicant, dossier, 'STATUTS', pdfBytes(), 'statuts.pdf').expect(201);
  });
});
