import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { S3ObjectStorage } from '../../src/modules/files/storage/s3-object-storage';
import { type Applicant, createApplicant, createDraft, createOpenCall, createStaff, pdfBytes, uploadDocument } from '../support/factories/application.factory';
import { type LocalS3, startLocalS3 } from '../support/s3-server';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Uploads and exports kept in an S3-compatible store (s3rver on loopback), downloads still through the api. */
describe('files on S3-compatible object storage (e2e)', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'essaim-s3-files-'));
  const env: Record<string, string> = { FILES_DIR: filesDir, QUEUE_PREFIX: `essaim-s3-${randomBytes(4).toString('hex')}`, CLAMD_SOCKET: '' };
  let s3: LocalS3;
  let objects: S3ObjectStorage;
  beforeAll(async () => {
    s3 = await startLocalS3();
    Object.assign(env, s3.env);
    objects = new S3ObjectStorage(s3.options);
  });
  const ctx = useTestApp({ env });
  let worker: INestApplicationContext;
  let applicant: Applicant;
  let dossier: string;

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    dossier = (await createDraft(ctx.t, applicant, callId)).id;
  });
  afterAll(async () => {
    await worker?.close();
    objects?.destroy();
    await s3?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('stores an upload in the bucket, not on disk, and serves it back byte for byte to an authorised reader only', async () => {
    const bytes = pdfBytes('Statuts sur S3');
    const res = await uploadDocument(ctx.t, applicant, dossier, 'STATUTS', bytes, 'statuts.pdf');
    expect(res.status).toBe(201);
    const [{ storage_key: key }] = await ctx.owner.query(`SELECT storage_key FROM application_document WHERE id = $1`, [res.body.id]);
    expect(await objects.size(key)).toBe(bytes.length);
    expect(existsSync(join(filesDir, key))).toBe(false);
    expect(readdirSync(join(filesDir, 'uploads', '.tmp'))).toEqual([]); // the temporary file went to the bucket

    const got = await ctx.t.http().get(`/api/v1/applications/${dossier}/documents/${res.body.id}/content`).set(applicant.auth).buffer(true).parse(binary);
    expect(got.status).toBe(200);
    expect((got.body as Buffer).equals(bytes)).toBe(true);

    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    expect((await ctx.t.http().get(`/api/v1/applications/${dossier}/documents/${res.body.id}/content`).set(stranger.auth)).status).toBe(404);
  });

  it('a file gone from the bucket is a 503 problem, never a 500 or a truncated answer', async () => {
    const res = await uploadDocument(ctx.t, applicant, dossier, 'RIB', pdfBytes('RIB'), 'rib.pdf');
    const [{ storage_key: key }] = await ctx.owner.query(`SELECT storage_key FROM application_document WHERE id = $1`, [res.body.id]);
    await objects.delete(key);
    const got = await ctx.t.http().get(`/api/v1/applications/${dossier}/documents/${res.body.id}/content`).set(applicant.auth);
    expect(got.status).toBe(503);
    expect(got.body.code).toBe('STORAGE_UNAVAILABLE');
  });

  it('writes an export produced by the worker to the bucket and streams it to the managing authority', async () => {
    worker = await startTestWorker(env);
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    const created = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'OPERATIONS', format: 'CSV' });
    expect(created.status).toBe(202);
    const report = await waitFor(async () => {
      const r = await ctx.t.http().get(`/api/v1/reports/${created.body.id}`).set(ma.auth).expect(200);
      if (r.body.status === 'FAILED') throw new Error(`report failed: ${r.body.failureReason}`);
      return r.body.status === 'READY' ? r.body : null;
    }, 30_000);
    expect(await objects.size(`reports/${created.body.id}.csv`)).toBe(report.sizeBytes);
    expect(existsSync(join(filesDir, 'reports', `${created.body.id}.csv`))).toBe(false);
    const got = await ctx.t.http().get(`/api/v1/reports/${created.body.id}/content`).set(ma.auth).buffer(true).parse(binary);
    expect(got.status).toBe(200);
    expect((got.body as Buffer).length).toBe(report.sizeBytes);
    expect((got.body as Buffer).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true); // the BOM of the French-Excel CSV
  });
});
