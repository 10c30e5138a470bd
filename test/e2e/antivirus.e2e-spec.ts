import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { type Applicant, createApplicant, createDraft, createOpenCall, createStaff, pdfBytes, uploadDocument } from '../support/factories/application.factory';
import { EICAR, type TestClamd, useClamd } from '../support/clamd';
import { truncateAll, useTestApp } from '../support/test-app';

/** A PDF that passes the type check and carries the EICAR test string, as an infected attachment would. */
const infectedPdf = (): Buffer => Buffer.concat([pdfBytes('Statuts'), Buffer.from(`% ${EICAR}\n`)]);

/** Files stored under FILES_DIR/uploads (the temporary folder aside). */
function storedUploads(filesDir: string): string[] {
  const root = join(filesDir, 'uploads');
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => n !== '.tmp').flatMap((d) => readdirSync(join(root, d)));
}

describe('antivirus: uploads scanned by clamd (e2e)', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'essaim-av-files-'));
  const env: Record<string, string> = { FILES_DIR: filesDir };
  let clamd: TestClamd;
  beforeAll(async () => {
    clamd = await useClamd();
    env.CLAMD_SOCKET = clamd.socket;
  }, 90_000);
  const ctx = useTestApp({ env });
  let applicant: Applicant;
  let dossier: string;

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    dossier = (await createDraft(ctx.t, applicant, callId)).id;
  });
  afterAll(async () => {
    await clamd?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('refuses an infected file with a French problem: never stored, never listed, never downloadable', async () => {
    const res = await uploadDocument(ctx.t, applicant, dossier, 'STATUTS', infectedPdf(), 'statuts.pdf');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('FILE_INFECTED');
    expect(res.body.detail).toMatch(/virus/);
    expect(res.body.errors[0].path).toBe('file');
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1`, [dossier]);
    expect(n).toBe(0);
    expect(storedUploads(filesDir)).toEqual([]);
    expect(readdirSync(join(filesDir, 'uploads', '.tmp'))).toEqual([]);
    const list = await ctx.t.http().get(`/api/v1/applications/${dossier}`).set(applicant.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('statuts.pdf');
  });

  it('keeps a clean file, marked CLEAN', async () => {
    const res = await uploadDocument(ctx.t, applicant, dossier, 'STATUTS', pdfBytes('Statuts sains'), 'statuts.pdf');
    expect(res.status).toBe(201);
    expect(res.body.scanStatus).toBe('CLEAN');
    expect(storedUploads(filesDir)).toHaveLength(1);
  });

  it('the html form tells the applicant in French', async () => {
    const res = await uploadDocument(ctx.t, applicant, dossier, 'RIB', infectedPdf(), 'rib.pdf').set('Accept', 'application/problem+json');
    expect(res.body.title).toBe('Fichier refusé par l’antivirus');
  });
});

describe('antivirus: clamd configured but away (e2e)', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'essaim-av-away-'));
  const ctx = useTestApp({ env: { FILES_DIR: filesDir, CLAMD_SOCKET: join(filesDir, 'no-clamd.sock'), CLAMD_TIMEOUT_MS: '1000' } });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  it('answers 503 with Retry-After and keeps nothing: an unscanned file is never let through silently', async () => {
    await truncateAll(ctx.owner);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, applicant, callId);
    const res = await uploadDocument(ctx.t, applicant, id, 'STATUTS', pdfBytes(), 'statuts.pdf');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('ANTIVIRUS_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('60');
    expect(storedUploads(filesDir)).toEqual([]);
    const [{ n }] = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1`, [id]);
    expect(n).toBe(0);
  });
});

describe('antivirus: none configured, the embedded default (e2e)', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'essaim-av-none-'));
  const ctx = useTestApp({ env: { FILES_DIR: filesDir, CLAMD_SOCKET: '', CLAMD_HOST: '' } });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  it('keeps files marked NOT_SCANNED, and the instructor sees "Non analysé" next to each', async () => {
    await truncateAll(ctx.owner);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const id = await submittedDossier(ctx.t, ctx.owner, applicant, callId);
    const docs: { scanStatus: string }[] = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(applicant.auth).expect(200)).body.documents;
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.scanStatus === 'NOT_SCANNED')).toBe(true);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const page = await ctx.t.http().get(`/instruction/dossiers/${id}`).set('Cookie', instructor.session.cookie).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<th scope="col">Antivirus</th>');
    expect(page.text.match(/Non analysé/g)?.length).toBe(docs.length);
  });
});
