import { INestApplicationContext } from '@nestjs/common';
import { nextCutOff } from '../../src/modules/reports/domain/annex-vii';
import { parisDate } from '../../src/modules/applications/domain/application-number';
import { parseString } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ReportExportHandler } from '../../src/modules/reports/report-export.handler';
import { createOpenCall, createOrganisation, createStaff } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { pdfText } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at } from '../support/checked';

/** Parses CSV back with a real parser (fast-csv, which exceljs uses), BOM already removed. */
function parse(text: string, opts: { delimiter: string }): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { delimiter: opts.delimiter })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('reports for the managing authority (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  let ma: Awaited<ReturnType<typeof createStaff>>;
  let callA: { id: string; reference: string };
  let callB: { id: string; reference: string };
  // Filled in beforeAll, read by every test.
  const numbers = {} as Record<'first' | 'reduced' | 'refused' | 'other', string>;

  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
    ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    callA = await createOpenCall(ctx.owner);
    callB = await createOpenCall(ctx.owner);
    const evil = await createOrganisation(ctx.owner, { legalName: '=HYPERLINK("http://evil.example","clic")' });
    numbers.first = (
      await createProgrammedDossier(ctx.owner, {
        callId: callA.id,
        organisationId: evil.id,
        number: 'AAP-2026-000001',
        departement: '69',
        plan: { totalEligibleCents: 11_200_000, euCents: 10_640_000, otherResourcesCents: 560_000 },
        decision: { outcome: 'FAVORABLE', euCents: 10_640_000 },
      })
    ).number;
    // Reduced twice: the retained plan is version 2, and the committee granted less than it.
    numbers.reduced = (
      await createProgrammedDossier(ctx.owner, {
        callId: callA.id,
        number: 'AAP-2026-000002',
        status: 'CONVENTION_ISSUED',
        departement: '974',
        plan: { totalEligibleCents: 20_000_000, euCents: 19_000_000, otherResourcesCents: 1_000_000 },
        laterPlans: [{ totalEligibleCents: 18_000_000, euCents: 17_100_000, otherResourcesCents: 900_000 }],
        decision: { outcome: 'FAVORABLE', euCents: 17_000_000 },
      })
    ).number;
    numbers.refused = (
      await createProgrammedDossier(ctx.owner, {
        callId: callA.id,
        number: 'AAP-2026-000003',
        status: 'REFUSED',
        departement: '13',
        plan: { totalEligibleCents: 3_000_000, euCents: 2_850_000, otherResourcesCents: 150_000 },
        decision: { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY' },
      })
    ).number;
    await createProgrammedDossier(ctx.owner, {
      callId: callA.id,
      number: 'AAP-2026-000004',
      status: 'UNDER_INSTRUCTION',
      plan: { totalEligibleCents: 1_000_000, euCents: 950_000, otherResourcesCents: 50_000 },
    });
    numbers.other = (
      await createProgrammedDossier(ctx.owner, {
        callId: callB.id,
        number: 'AAP-2026-000005',
        departement: '75',
        title: '-1+2 ateliers',
        summary: '@SUM(A1:A9)',
        plan: { totalEligibleCents: 5_000_000, euCents: 4_750_000, otherResourcesCents: 250_000 },
      })
    ).number;
  });
  afterAll(() => worker?.close());

  async function requestReady(body: Record<string, unknown>): Promise<{ id: string; fileName: string; rowCount: number; sha256: string; sizeBytes: number }> {
    const res = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send(body);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('PENDING');
    return waitFor(async () => {
      const r = await ctx.t.http().get(`/api/v1/reports/${res.body.id}`).set(ma.auth).expect(200);
      if (r.body.status === 'FAILED') throw new Error(`report failed: ${r.body.failureReason}`);
      return r.body.status === 'READY' ? r.body : null;
    }, 30_000);
  }

  async function download(id: string, mediaType: string): Promise<Buffer> {
    const res = await ctx.t.http().get(`/api/v1/reports/${id}/content`).set(ma.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(mediaType);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''/);
    return res.body as Buffer;
  }

  it('exports the list of operations of one call as CSV for French Excel, formula-escaped', async () => {
    const report = await requestReady({ type: 'OPERATIONS', format: 'CSV', callId: callA.id });
    expect(report.rowCount).toBe(2);
    expect(report.fileName).toBe(`liste-operations_${callA.reference}_${new Date().toISOString().slice(0, 10)}.csv`);
    const bytes = await download(report.id, 'text/csv; charset=utf-8');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);
    expect(bytes.length).toBe(report.sizeBytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = await parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    // Two operations and the closing total line of the execution figures (docs/domain/payments.md).
    expect(rows).toHaveLength(4);
    expect(at(rows, 0, 'row')[0]).toBe('Code unique de l’opération');
    expect(rows[1]).toEqual([
      numbers.first,
      '\'=HYPERLINK("http://evil.example","clic")',
      'Ateliers partagés de réemploi',
      'Insertion par le réemploi et la réparation.',
      '2026-03-01',
      '2027-02-28',
      '112000,00',
      'FSE+',
      'ESO4.8',
      '95,00',
      '69003',
      '69',
      '138',
      'FR',
      '',
      '0',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      '0,00',
      '0,00',
      '0,00',
      '0,00',
    ]);
    expect(at(rows, 3, 'row')[0]).toBe('Total');
    // Retained plan = version 2 (CTE 180 000 €), EU = the committee's reduced 170 000 €: 94,44 % floored.
    expect(rows[2]).toEqual(expect.arrayContaining([numbers.reduced, '180000,00', '94,44', '974']));
  });

  it('exports the programming table with decisions and envelope consumption', async () => {
    const report = await requestReady({ type: 'PROGRAMMING_TABLE', format: 'CSV', callId: callA.id });
    expect(report.rowCount).toBe(3);
    const rows: string[][] = await parse((await download(report.id, 'text/csv; charset=utf-8')).subarray(3).toString('utf8'), { delimiter: ';' });
    const byNumber = new Map(rows.slice(1, -1).map((r) => [r[1], r]));
    expect([...byNumber.keys()]).toEqual([numbers.first, numbers.reduced, numbers.refused]);
    // Columns: … CTE, EU, rate, other, decision, date, status, envelope, cumulated, remaining.
    expect(byNumber.get(numbers.first)!.slice(7, 17)).toEqual([
      '112000,00',
      '106400,00',
      '95,00',
      '5600,00',
      'Favorable',
      '2026-02-15',
      'Programmé',
      '5000000,00',
      '106400,00',
      '4893600,00',
    ]);
    expect(byNumber.get(numbers.reduced)!.slice(7, 17)).toEqual([
      '180000,00',
      '170000,00',
      '94,44',
      '9000,00',
      'Favorable',
      '2026-02-15',
      'Convention émise',
      '5000000,00',
      '276400,00',
      '4723600,00',
    ]);
    expect(byNumber.get(numbers.refused)!.slice(11, 14)).toEqual(['Défavorable', '2026-02-15', 'Refusé']);
    expect(byNumber.get(numbers.refused)![16]).toBe('4723600,00');
  });

  it('exports the operations of every priority 6 call as XLSX with numeric euro cells', async () => {
    const report = await requestReady({ type: 'OPERATIONS', format: 'XLSX' });
    expect(report.rowCount).toBe(3);
    const bytes = await download(report.id, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Opérations')!;
    expect(sheet.rowCount).toBe(5); // three operations and the total line
    expect(sheet.getRow(1).getCell(1).value).toBe('Code unique de l’opération');
    expect(sheet.getRow(1).getCell(7).value).toBe('Coût total (€)');
    const rowOf = (n: string) => [2, 3, 4].map((i) => sheet.getRow(i)).find((r) => r.getCell(1).value === n)!;
    const first = rowOf(numbers.first);
    expect(first.getCell(1).value).toBe(numbers.first);
    expect(first.getCell(2).value).toBe('\'=HYPERLINK("http://evil.example","clic")');
    expect(first.getCell(7).value).toBe(112_000);
    expect(first.getCell(7).numFmt).toContain('€');
    expect(first.getCell(10).value).toBe(0.95);
    expect(first.getCell(5).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    // CPR art. 49(3): country, expected and actual achievements, date of last update.
    expect(sheet.getRow(1).getCell(14).value).toBe('Pays');
    expect(first.getCell(14).value).toBe('FR');
    expect(sheet.getRow(1).getCell(17).value).toBe('Date de dernière mise à jour');
    expect(first.getCell(17).value).toBeInstanceOf(Date);
    const other = rowOf(numbers.other);
    expect(other.getCell(1).value).toBe(numbers.other);
    expect(other.getCell(3).value).toBe("'-1+2 ateliers");
    expect(other.getCell(4).value).toBe("'@SUM(A1:A9)");
  });

  it('exports the Annex VII financial data by category of region as XLSX', async () => {
    const report = await requestReady({ type: 'FINANCIAL_DATA', format: 'XLSX' });
    expect(report.rowCount).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(report.id, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Données financières')!;
    const values = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    // Every Annex I dimension and the transmission the data feed (CPR art. 42(1)).
    const cutOff = new Date(`${nextCutOff(parisDate(new Date()))}T00:00:00Z`);
    expect(values).toEqual([
      [6, 'ESO4.8', 'Région plus développée', '138', '01', '33', '09', '02', cutOff, 2, 162_000, 153_900, 0, 0, 0, 0],
      [6, 'ESO4.8', 'Région moins développée', '138', '01', '33', '09', '02', cutOff, 1, 180_000, 170_000, 0, 0, 0, 0],
    ]);
  });

  it('renders the funding report of priority 6 as a PDF with totals, tables and the EU emblem', async () => {
    const report = await requestReady({ type: 'FUNDING_REPORT', format: 'PDF' });
    expect(report.rowCount).toBe(3);
    const bytes = await download(report.id, 'application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(tmpdir(), `${report.id}.pdf`);
    await writeFile(path, bytes);
    const { text, pages } = await pdfText(path);
    expect(pages).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('Rapport de financement');
    expect(text).toContain('Tous les appels de la priorité 6');
    expect(flat).toContain('10000000,00€'); // two envelopes of 5 000 000 €
    expect(flat).toContain('323900,00€'); // 106 400 + 170 000 + 47 500
    expect(flat).toContain('9676100,00€');
    expect(flat).toContain('3,23%');
    expect(text).toContain('Par domaine d’intervention');
    expect(text).toContain('Par département');
    expect(flat).toContain('974');
    expect(text).toContain('Cofinancé par l’Union européenne');
  });

  it('validates requests with field paths', async () => {
    const wrongFormat = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'FUNDING_REPORT', format: 'CSV' });
    expect(wrongFormat.status).toBe(400);
    expect(wrongFormat.body.code).toBe('VALIDATION_FAILED');
    expect(wrongFormat.body.errors.map((e: { path: string }) => e.path)).toEqual(['format']);
    const unknownCall = await ctx.t
      .http()
      .post('/api/v1/reports')
      .set(ma.auth)
      .send({ type: 'OPERATIONS', format: 'CSV', callId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownCall.status).toBe(400);
    expect(unknownCall.body.errors.map((e: { path: string }) => e.path)).toEqual(['callId']);
    const junk = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send({ type: 'EVERYTHING', format: 'ZIP', extra: 1 });
    expect(junk.status).toBe(400);
    expect(junk.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'format', 'type']);
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM report_export WHERE status = 'PENDING'`);
    expect(count).toBe(0);
  });

  it('refuses applicants, instructors and evaluators; programme managers read only the reports of calls', async () => {
    for (const role of ['INSTRUCTOR', 'EVALUATOR'] as const) {
      const s = await createStaff(ctx.t, ctx.owner, role);
      expect((await ctx.t.http().post('/api/v1/reports').set(s.auth).send({ type: 'OPERATIONS', format: 'CSV' })).status).toBe(403);
      expect((await ctx.t.http().get('/api/v1/reports').set(s.auth)).status).toBe(403);
    }
    const applicant = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await ctx.owner.query(`UPDATE app_user SET roles = '{APPLICANT}' WHERE id = $1`, [applicant.user.id]);
    expect((await ctx.t.http().get('/api/v1/reports').set(applicant.auth)).status).toBe(403);
    expect((await ctx.t.http().get('/api/v1/reports')).status).toBe(401);

    const pm = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    expect((await ctx.t.http().post('/api/v1/reports').set(pm.auth).send({ type: 'OPERATIONS', format: 'CSV', callId: callA.id })).status).toBe(403);
    const all = (await ctx.t.http().get('/api/v1/reports').set(ma.auth).expect(200)).body.items as { id: string; callId: string | null; requestedAt: string }[];
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.map((r) => r.requestedAt)).toEqual([...all.map((r) => r.requestedAt)].sort().reverse());
    const seen = (await ctx.t.http().get('/api/v1/reports').set(pm.auth).expect(200)).body.items as { id: string; callId: string | null }[];
    expect(seen.map((r) => r.id)).toEqual(all.filter((r) => r.callId !== null).map((r) => r.id));
    const wide = all.find((r) => r.callId === null)!;
    expect((await ctx.t.http().get(`/api/v1/reports/${wide.id}`).set(pm.auth)).status).toBe(404);
    expect((await ctx.t.http().get(`/api/v1/reports/${wide.id}/content`).set(pm.auth)).status).toBe(404);
    const ofCall = all.find((r) => r.callId !== null)!;
    expect((await ctx.t.http().get(`/api/v1/reports/${ofCall.id}/content`).set(pm.auth)).status).toBe(200);
  });

  it('answers 409 while a report is being prepared', async () => {
    const [{ id }] = await ctx.owner.query(`INSERT INTO report_export (type, format, requested_by) VALUES ('OPERATIONS', 'CSV', $1) RETURNING id`, [
      ma.user.id,
    ]);
    const res = await ctx.t.http().get(`/api/v1/reports/${id}/content`).set(ma.auth);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REPORT_NOT_READY');
    await ctx.owner.query(`DELETE FROM report_export WHERE id = $1`, [id]);
  });

  it('yields one file when the same job is delivered twice, or a second job comes for a ready report', async () => {
    const [{ id }] = await ctx.owner.query(
      `INSERT INTO report_export (type, format, call_id, requested_by) VALUES ('OPERATIONS', 'XLSX', $1, $2) RETURNING id`,
      [callA.id, ma.user.id],
    );
    const handler = worker.get(ReportExportHandler);
    const job = (jobId: string) => ({ id: jobId, name: 'generate-report-export', data: { reportId: id }, attemptsMade: 0, opts: { attempts: 5 } }) as never;
    await Promise.all([handler.handle(job(`dup-${id}`)), handler.handle(job(`dup-${id}`))]);
    const [first] = await ctx.owner.query(`SELECT status, sha256, storage_key, row_count FROM report_export WHERE id = $1`, [id]);
    expect(first.status).toBe('READY');
    expect(first.row_count).toBe(2);
    await handler.handle(job(`other-${id}`));
    const [second] = await ctx.owner.query(`SELECT sha256 FROM report_export WHERE id = $1`, [id]);
    expect(second.sha256).toBe(first.sha256);
    const files = (await readdir(join(ctx.t.config.files.dir, 'reports'))).filter((f) => f.includes(id));
    expect(files).toEqual([`${id}.xlsx`]);
    const bytes = await readFile(join(ctx.t.config.files.dir, first.storage_key));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'report.generated' AND subject_id = $1`, [id]);
    expect(count).toBe(1);
  });
  it('marks the request FAILED with its reason once the last attempt fails, and keeps no file', async () => {
    const broken = await createOpenCall(ctx.owner);
    // An amount beyond Number.MAX_SAFE_INTEGER cents cannot be exported exactly: the generator refuses it. (A dossier
    // without plan versions falls back to the amounts on the application row.)
    const bad = await createProgrammedDossier(ctx.owner, { callId: broken.id, plan: { totalEligibleCents: 1, euCents: 1, otherResourcesCents: 0 } });
    await ctx.owner.query(`DELETE FROM financing_plan_version WHERE application_id = $1`, [bad.id]);
    await ctx.owner.query(`UPDATE application SET total_eligible_cents = $2 WHERE id = $1`, [bad.id, (2n ** 60n).toString()]);
    const [{ id }] = await ctx.owner.query(
      `INSERT INTO report_export (type, format, call_id, requested_by) VALUES ('OPERATIONS', 'CSV', $1, $2) RETURNING id`,
      [broken.id, ma.user.id],
    );
    const handler = worker.get(ReportExportHandler);
    const attempt = (n: number) =>
      ({ id: `fail-${id}`, name: 'generate-report-export', data: { reportId: id }, attemptsMade: n, opts: { attempts: 5 } }) as never;
    await expect(handler.handle(attempt(0))).rejects.toThrow('not a safe integer');
    expect((await ctx.t.http().get(`/api/v1/reports/${id}`).set(ma.auth).expect(200)).body.status).toBe('PENDING');
    await expect(handler.handle(attempt(4))).rejects.toThrow('not a safe integer');
    const res = await ctx.t.http().get(`/api/v1/reports/${id}`).set(ma.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'FAILED', contentUrl: null, sha256: null });
    expect(res.body.failureReason).toContain('not a safe integer');
    const files = (await readdir(join(ctx.t.config.files.dir, 'reports'))).filter((f) => f.includes(id));
    expect(files).toEqual([]);
  });
});
