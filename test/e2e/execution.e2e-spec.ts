import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addDays, addMonths } from '../../src/modules/documents/domain/convention-terms';
import { parisToday } from '../../src/modules/operations/domain/dates';
import { completeDraft, createApplicant, createDraft, createOpenCall, createStaff, pdfBytes } from '../support/factories/application.factory';
import { committeeScenario, openSession, postDecision } from '../support/factories/committee.factory';
import { memberOf, operationDates, participantRows, toCsv } from '../support/factories/execution.factory';
import { pdfText } from '../support/pdf-text';
import { indicatorLabel } from '../../src/modules/participants/domain/indicators';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at } from '../support/checked';

const M = 10_000; // 100,00 € in cents
const flat = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * Execution of an operation, end to end with the real worker: signature and countersignature of the convention, start,
 * an accepted amendment (new plan version, new convention version « Avenant n° 1 », new schedule), an intermediate and a
 * final report with expenditure lines, supporting files and 200 participants imported from files, their PDFs; a
 * renunciation that frees the envelope so that the reserve offer shows the next dossier.
 */
describe('execution of an operation (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
  });
  afterAll(() => worker.close());

  const http = () => ctx.t.http();
  const statusOf = async (id: string): Promise<string> => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status;
  const docReady = (requestKey: string) =>
    waitFor(async () => {
      const [d] = await ctx.owner.query(`SELECT id, status, version, storage_key, kind FROM document WHERE request_key = $1`, [requestKey]);
      return d?.status === 'READY' ? d : null;
    }, 30_000);
  const textOf = async (storageKey: string) => flat((await pdfText(join(ctx.t.config.files.dir, storageKey))).text);

  it('refuses a submission without the targets, keeps the declared ones in the snapshot', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    await ctx.owner.query(`DELETE FROM indicator_target WHERE application_id = $1`, [id]);
    const codes = (await http().get(`/api/v1/applications/${id}/indicator-targets`).set(a.auth).expect(200)).body.codes.map((c: { code: string }) => c.code);
    expect(codes).toEqual(['EECO01', 'EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04']);
    const bad = await http()
      .put(`/api/v1/applications/${id}/indicator-targets`)
      .set(a.auth)
      .send({
        targets: [
          { code: 'EECO01', total: 40, women: 10, men: 10 },
          { code: 'EECO13', total: 3 },
        ],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { code: string }) => e.code)).toEqual(['SEX_BREAKDOWN_MISMATCH', 'NOT_ALLOWED_VALUE']);
    const submit = () => http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });
    // Nothing declared: every indicator of the call is named; then EECO01 without its breakdown by sex.
    const none = await submit().expect(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('APPLICATION_INCOMPLETE');
    expect(none.body.errors.filter((e: { path: string }) => e.path.startsWith('indicatorTargets.'))).toEqual(
      ['EECO01', 'EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04'].map((code) => ({
        path: `indicatorTargets.${code}`,
        code: 'TARGET_REQUIRED',
        message: `« ${indicatorLabel(code)} » (${code}) : déclarez la valeur cible avant le dépôt.`,
      })),
    );
    const view = (await http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200)).body;
    expect(view.checklist.sections.find((s: { key: string }) => s.key === 'indicatorTargets')).toMatchObject({
      label: 'Cibles des indicateurs',
      complete: false,
    });
    const others = [
      { code: 'EECO02', total: 20 },
      { code: 'EECO05', total: 5 },
      { code: 'EECO12', total: 4 },
      { code: 'EECR01', total: 10 },
    ];
    await http()
      .put(`/api/v1/applications/${id}/indicator-targets`)
      .set(a.auth)
      .send({ targets: [{ code: 'EECO01', total: 40 }, ...others, { code: 'EECR04', total: 12 }] })
      .expect(204);
    const noBreakdown = await submit().expect(422);
    expect(noBreakdown.body.errors).toEqual([expect.objectContaining({ path: 'indicatorTargets.EECO01.women', code: 'SEX_BREAKDOWN_REQUIRED' })]);
    await http()
      .put(`/api/v1/applications/${id}/indicator-targets`)
      .set(a.auth)
      .send({ targets: [{ code: 'EECO01', total: 40, women: 22, men: 17, nonBinary: 1 }, ...others, { code: 'EECR04', total: 12 }] })
      .expect(204);
    await submit().expect(200);
    const [{ submitted_snapshot: snapshot }] = await ctx.owner.query(`SELECT submitted_snapshot FROM application WHERE id = $1`, [id]);
    expect(snapshot.indicatorTargets).toEqual([
      { code: 'EECO01', total: 40, women: 22, men: 17, nonBinary: 1 },
      ...others.map((o) => ({ ...o, women: null, men: null, nonBinary: null })),
      { code: 'EECR04', total: 12, women: null, men: null, nonBinary: null },
    ]);
    await http()
      .put(`/api/v1/applications/${id}/indicator-targets`)
      .set(a.auth)
      .send({ targets: [{ code: 'EECO01', total: 1 }] })
      .expect(409);
  });

  it('signs, starts, amends, reports with participants, and a renunciation frees the envelope for the reserve', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 2600 * M,
      dossiers: [
        { key: 'A', euCents: 1000 * M, scores: { C1: 5, C2: 5 } },
        { key: 'D', euCents: 1500 * M, scores: { C1: 4, C2: 4 } },
        { key: 'B', euCents: 1200 * M, scores: { C1: 3, C2: 3 } },
      ],
    });
    const sessionId = await openSession(ctx.t, s);
    const { A, B, D } = s.dossiers;
    const dates = operationDates(18);
    await ctx.owner.query(`UPDATE application SET start_date = $2, end_date = $3 WHERE id = ANY($1)`, [[A.id, B.id, D.id], dates.start, dates.end]);
    const instructor = at(s.members, 0, 'member');
    await ctx.owner.query(`UPDATE application SET instructor_id = $2 WHERE id = $1`, [A.id, instructor.user.id]);
    const decide = (applicationId: string) => postDecision(ctx.t, ctx.owner, sessionId, applicationId, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    await decide(A.id);
    await decide(D.id);
    const offer = async () => (await http().get(`/api/v1/committee-sessions/${sessionId}/reserve-offer`).set(s.manager.auth).expect(200)).body;
    expect((await offer()).offers).toEqual([]);
    await waitFor(async () => (await statusOf(A.id)) === 'CONVENTION_ISSUED' && (await statusOf(D.id)) === 'CONVENTION_ISSUED', 30_000);

    // Signature: the beneficiary accepts the exact version it read (its SHA-256), the body countersigns.
    const lea = await memberOf(ctx.t, ctx.owner, A.organisationId);
    const op = (await http().get(`/api/v1/operations/${A.id}`).set(lea.auth).expect(200)).body;
    expect(op).toMatchObject({ status: 'CONVENTION_ISSUED', signatureDueDate: addDays(parisToday(), 30), convention: { version: 1 } });
    const sign = { signerName: 'Léa Porteuse', signerTitle: 'Présidente', documentSha256: op.convention.sha256 };
    const wrong = await http()
      .post(`/api/v1/operations/${A.id}/signature`)
      .set(lea.auth)
      .send({ ...sign, documentSha256: 'f'.repeat(64) })
      .expect(409);
    expect(wrong.body.code).toBe('CONVENTION_VERSION_MISMATCH');
    await http()
      .post(`/api/v1/operations/${A.id}/countersignature`)
      .set(s.manager.auth)
      .send({ ...sign, signerName: 'Claire Gestionnaire', signerTitle: 'Directrice' })
      .expect(422);
    await http().post(`/api/v1/operations/${A.id}/signature`).set(lea.auth).send(sign).expect(201);
    const stranger = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    await http().post(`/api/v1/operations/${A.id}/countersignature`).set(stranger.auth).send(sign).expect(403);
    const counter = await http()
      .post(`/api/v1/operations/${A.id}/countersignature`)
      .set(s.manager.auth)
      .send({ ...sign, signerName: 'Claire Gestionnaire', signerTitle: 'Directrice' })
      .expect(201);
    expect(counter.body).toEqual({ notifiedOn: parisToday(), reports: 2 });
    expect(await statusOf(A.id)).toBe('CONVENTION_SIGNED');
    const signatures = await ctx.owner.query(`SELECT party, document_sha256 FROM convention_signature WHERE application_id = $1 ORDER BY party`, [A.id]);
    expect(signatures).toEqual([
      { party: 'BENEFICIARY', document_sha256: op.convention.sha256 },
      { party: 'BODY', document_sha256: op.convention.sha256 },
    ]);

    // Start: the attestation de démarrage moves the operation to IN_PROGRESS.
    const future = await http()
      .post(`/api/v1/operations/${A.id}/start`)
      .set(lea.auth)
      .send({ actualStartDate: addDays(parisToday(), 2) })
      .expect(400);
    expect(future.body.errors[0]).toMatchObject({ path: 'actualStartDate', code: 'FUTURE_DATE' });
    await http()
      .post(`/api/v1/operations/${A.id}/start`)
      .set(lea.auth)
      .send({ actualStartDate: addDays(dates.start, 3), firstExpensesDate: addDays(dates.start, 5), firstExpensesCents: 250_000 })
      .expect(200);
    expect(await statusOf(A.id)).toBe('IN_PROGRESS');

    // Amendment: extension to 30 months, a new plan (EU reduced), new targets; accepted by the instructor.
    const newEnd = addDays(addMonths(dates.start, 30), -1);
    const plan = {
      costOption: 'INDIRECT_15_STAFF',
      lines: [{ category: 'STAFF', label: 'Équipe projet', amountCents: 8_000_000 }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 8_740_000 },
        { type: 'SELF', amountCents: 460_000 },
      ],
    };
    const targets = [
      { code: 'EECO01', total: 200, women: 100, men: 80, nonBinary: 20 },
      { code: 'EECO02', total: 100 },
    ];
    const tooMuch = await http()
      .post(`/api/v1/operations/${A.id}/amendments`)
      .set(lea.auth)
      .send({ newEndDate: addDays(addMonths(dates.start, 40), -1), reason: 'Trop long' })
      .expect(422);
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'newEndDate', code: 'DURATION_TOO_LONG' });
    const amendment = (
      await http()
        .post(`/api/v1/operations/${A.id}/amendments`)
        .set(lea.auth)
        .send({ newEndDate: newEnd, plan, targets, reason: 'Recrutement retardé, public plus nombreux' })
        .expect(201)
    ).body;
    await http().post(`/api/v1/operations/${A.id}/amendments`).set(lea.auth).send({ newEndDate: newEnd, reason: 'Encore' }).expect(409);
    const accepted = (
      await http()
        .post(`/api/v1/amendments/${amendment.id}/decision`)
        .set(instructor.auth)
        .send({ accept: true, reason: 'Justifié par le calendrier de recrutement.' })
        .expect(200)
    ).body;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', number: 1 });
    const [planVersion] = await ctx.owner.query(
      `SELECT source, eu_cents::int AS eu, total_eligible_cents::int AS cte FROM financing_plan_version WHERE application_id = $1 AND version_no = $2`,
      [A.id, accepted.planVersionNo],
    );
    expect(planVersion).toEqual({ source: 'AMENDMENT', eu: 8_740_000, cte: 9_200_000 });
    // The EU amount went down from 100 000 € to 87 400 €: the difference returns to the call's envelope.
    expect((await offer()).envelope.consumedCents).toBe(1000 * M + 1500 * M - 1_260_000);
    const avenant = await docReady(`amendment-${amendment.id}`);
    expect(avenant).toMatchObject({ kind: 'CONVENTION', version: 2 });
    const avenantText = await textOf(avenant.storage_key);
    expect(avenantText).toContain('Avenant n° 1');
    expect(avenantText).toContain('87 400,00 €');
    const afterAmendment = (await http().get(`/api/v1/operations/${A.id}`).set(lea.auth).expect(200)).body;
    expect(afterAmendment.endDate).toBe(newEnd);
    expect(afterAmendment.reports.map((r: { kind: string }) => r.kind)).toEqual(['INTERMEDIATE', 'INTERMEDIATE', 'FINAL']);
    expect(afterAmendment.indicatorTargets.find((t: { code: string }) => t.code === 'EECO01')).toMatchObject({ total: 200, women: 100, versionNo: 1 });

    // Intermediate report: achievements, an expenditure line with its supporting file, 200 participants from a CSV file.
    const [r1, , final] = afterAmendment.reports;
    const report = async (id: string) => http().get(`/api/v1/execution-reports/${id}`).set(lea.auth).expect(200);
    const etag = (await report(r1.id)).headers.etag as string;
    await http()
      .put(`/api/v1/execution-reports/${r1.id}`)
      .set(lea.auth)
      .set('If-Match', etag)
      .send({
        achievements: { done: 'Trois ruchers ouverts, 200 jeunes accueillis.', results: 'Premières embauches.', difficulties: 'Recrutement tardif.' },
        resources: [{ type: 'PUBLIC', funderName: 'Ville de Lyon', amountCents: 300_000 }],
      })
      .expect(200);
    const line = (
      await http()
        .post(`/api/v1/execution-reports/${r1.id}/expenditure-lines`)
        .set(lea.auth)
        .send({
          category: 'OTHER_DIRECT',
          label: 'Location de salle',
          supplier: 'Maison des associations',
          documentRef: 'F-014',
          documentDate: addDays(dates.start, 10),
          incurredOn: addDays(dates.start, 10),
          paidOn: addDays(dates.start, 20),
          amountHtCents: 100_000,
          amountTtcCents: 120_000,
          shareBp: 5_000,
        })
        .expect(201)
    ).body;
    expect(line.eligibleCents).toBe(60_000); // the association does not recover VAT: TTC × 50 %
    const file = pdfBytes('Facture F-014');
    const uploaded = (
      await http().post(`/api/v1/execution-reports/${r1.id}/expenditure-lines/${line.id}/files`).set(lea.auth).attach('file', file, 'facture.pdf').expect(201)
    ).body;

    // One bad row refuses the whole file, naming the row and the column.
    const rows = participantRows(200, addDays(dates.start, 1));
    const bad = rows.map((r) => [...r]);
    at(bad, 57, 'bad line')[TEMPLATE_INDEX.date_entree] = '2026-02-30';
    const refused = await http()
      .post(`/api/v1/execution-reports/${r1.id}/participants/import`)
      .set(lea.auth)
      .attach('file', toCsv(bad), 'participants.csv')
      .expect(422);
    expect(refused.body.code).toBe('IMPORT_REJECTED');
    expect(refused.body.errors).toEqual([expect.objectContaining({ row: 58, field: 'entryDate', column: 'date_entree', code: 'INVALID_DATE' })]);
    expect((await ctx.owner.query(`SELECT count(*)::int AS n FROM participant WHERE application_id = $1`, [A.id]))[0].n).toBe(0);
    const imported = await http()
      .post(`/api/v1/execution-reports/${r1.id}/participants/import`)
      .set(lea.auth)
      .attach('file', toCsv(rows), 'participants.csv')
      .expect(201);
    expect(imported.body).toEqual({ imported: 200 });
    // One participant corrected in place: same id and pseudonym, new data; staff cannot write participants.
    const [first] = (await http().get(`/api/v1/execution-reports/${r1.id}/participants`).set(lea.auth).expect(200)).body.items;
    const { id: _id, pseudonym: _p, reportId: _r, createdAt: _c, ...fields } = first;
    const corrected = await http()
      .put(`/api/v1/execution-reports/${r1.id}/participants/${first.id}`)
      .set(lea.auth)
      .send({ ...fields, firstName: 'Corrigée' })
      .expect(200);
    expect(corrected.body).toEqual({ id: first.id, pseudonym: first.pseudonym });
    await http().put(`/api/v1/execution-reports/${r1.id}/participants/${first.id}`).set(instructor.auth).send(fields).expect(403);
    const badEdit = await http()
      .put(`/api/v1/execution-reports/${r1.id}/participants/${first.id}`)
      .set(lea.auth)
      .send({ ...fields, sex: 'Z' })
      .expect(400);
    expect(badEdit.body.errors[0]).toMatchObject({ path: 'sex', code: 'NOT_ALLOWED_VALUE' });
    expect((await ctx.owner.query(`SELECT first_name FROM participant WHERE id = $1`, [first.id]))[0].first_name).toBe('Corrigée');

    const r1View = (await report(r1.id)).body;
    const eeco01 = r1View.indicators.find((i: { code: string }) => i.code === 'EECO01');
    expect(eeco01.value.total).toBe(200);
    expect(eeco01.value.women + eeco01.value.men + eeco01.value.nonBinary).toBe(200);
    expect(eeco01.target).toMatchObject({ total: 200 });
    expect(JSON.stringify(r1View)).not.toContain('NomA1');

    // Participants' personal data: members and the dossier's instructor only; the export is pseudonymous.
    expect((await http().get(`/api/v1/execution-reports/${r1.id}/participants`).set(instructor.auth).expect(200)).body.items).toHaveLength(200);
    const authority = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    await http().get(`/api/v1/execution-reports/${r1.id}/participants`).set(authority.auth).expect(404);
    await http()
      .get(`/api/v1/execution-reports/${r1.id}/participants`)
      .set(at(s.members, 2, 'member').auth)
      .expect(404);
    const exported = await http().get(`/api/v1/operations/${A.id}/participants/export`).set(authority.auth).expect(200);
    expect(exported.text.split('\r\n')[1]).toMatch(/^P-[0-9A-F]{16};/);
    expect(exported.text).not.toContain('NomA');
    expect(exported.text).not.toContain('date_naissance');

    // Submission: idempotent, frozen, its PDF made by the worker.
    const key = randomUUID();
    const submitted = await http().post(`/api/v1/execution-reports/${r1.id}/submit`).set(lea.auth).set('Idempotency-Key', key).expect(200);
    const replay = await http().post(`/api/v1/execution-reports/${r1.id}/submit`).set(lea.auth).set('Idempotency-Key', key).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(submitted.text);
    const frozen = await http().delete(`/api/v1/execution-reports/${r1.id}/expenditure-lines/${line.id}`).set(lea.auth).expect(409);
    expect(frozen.body.code).toBe('REPORT_NOT_EDITABLE');
    const r1Pdf = await docReady(`execution-report-${r1.id}`);
    const r1Text = await textOf(r1Pdf.storage_key);
    expect(r1Text).toContain(`${ctx.t.config.issuer.address} — SIRET ${ctx.t.config.issuer.siret}`); // the issuing body's header
    expect(r1Text).toContain("Bilan d'exécution");
    expect(r1Text.replace(/\s/g, '')).toContain(uploaded.sha256); // the 64 hex digits may wrap in their table cell
    expect(r1Text).toContain('EECO01');
    expect(r1Text).not.toContain('NomA1');
    const logs = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%NomA%'`);
    expect(logs[0].n).toBe(0);
    const jobs = await ctx.owner.query(`SELECT count(*)::int AS n FROM outbox WHERE payload::text LIKE '%NomA%'`);
    expect(jobs[0].n).toBe(0);

    // Final report: a staff line (hours × hourly cost), an XLSX import of more participants, submitted.
    const finalEtag = (await report(final.id)).headers.etag as string;
    await http()
      .put(`/api/v1/execution-reports/${final.id}`)
      .set(lea.auth)
      .set('If-Match', finalEtag)
      .send({ achievements: { done: 'Opération menée à terme.', results: '60 sorties en emploi.' }, resources: [] })
      .expect(200);
    const staff = (
      await http()
        .post(`/api/v1/execution-reports/${final.id}/expenditure-lines`)
        .set(lea.auth)
        .send({
          category: 'STAFF',
          label: 'Coordinatrice',
          supplier: 'Salariée n° 3',
          documentRef: 'BP-2026-10',
          documentDate: addDays(dates.start, 30),
          incurredOn: addDays(dates.start, 30),
          paidOn: addDays(dates.start, 31),
          amountHtCents: 0,
          amountTtcCents: 0,
          shareBp: 10_000,
          hoursCenti: 15_050,
          hourlyCostCents: 3_333,
        })
        .expect(201)
    ).body;
    expect(staff.eligibleCents).toBe(501_616);
    await http()
      .post(`/api/v1/execution-reports/${final.id}/expenditure-lines/${staff.id}/files`)
      .set(lea.auth)
      .attach('file', pdfBytes('Bulletin'), 'bulletin.pdf')
      .expect(201);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Participants').addRows(participantRows(5, addDays(dates.start, 2), 'X'));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(
      (await http().post(`/api/v1/execution-reports/${final.id}/participants/import`).set(lea.auth).attach('file', xlsx, 'participants.xlsx').expect(201)).body,
    ).toEqual({ imported: 5 });
    const finalView = (await report(final.id)).body;
    expect(finalView.indicators.find((i: { code: string }) => i.code === 'EECO01').value.total).toBe(205);
    expect(finalView.statement.categories.find((c: { category: string }) => c.category === 'FLAT_RATE')).toMatchObject({ declaredCents: 75_242 });
    await http().post(`/api/v1/execution-reports/${final.id}/submit`).set(lea.auth).set('Idempotency-Key', randomUUID()).expect(200);
    const finalPdf = await docReady(`execution-report-${final.id}`);
    expect(await textOf(finalPdf.storage_key)).toContain('Bilan final');

    // Renunciation of D: its EU amount returns to the envelope and the reserve offer now proposes B.
    const other = await memberOf(ctx.t, ctx.owner, D.organisationId, 'Marc Renonce');
    await http().post(`/api/v1/operations/${D.id}/renunciation`).set(lea.auth).send({ reason: 'x' }).expect(404);
    await http().post(`/api/v1/operations/${D.id}/renunciation`).set(other.auth).send({ reason: 'Le cofinancement régional a été refusé.' }).expect(200);
    expect(await statusOf(D.id)).toBe('RENOUNCED');
    const after = await offer();
    expect(after.envelope.consumedCents).toBe(8_740_000); // A, at its amended EU amount
    expect(after.offers).toEqual([expect.objectContaining({ applicationId: B.id, euCents: 1200 * M })]);
    const [history] = await ctx.owner.query(
      `SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [D.id],
    );
    expect(history).toEqual({ from_status: 'CONVENTION_ISSUED', to_status: 'RENOUNCED' });
  });
});

const TEMPLATE_INDEX = { date_entree: 4 } as const;
