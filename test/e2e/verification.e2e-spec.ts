import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { addDays } from '../../src/modules/documents/domain/convention-terms';
import { MailService } from '../../src/modules/mail/mail.service';
import { RemindersHandler } from '../../src/modules/mail/reminders.handler';
import { parisToday } from '../../src/modules/operations/domain/dates';
import { createApplicant, createStaff, exeBytes, pdfBytes } from '../support/factories/application.factory';
import { memberOf } from '../support/factories/execution.factory';
import { linesOf, submittedReport } from '../support/factories/verification.factory';
import { pdfText } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { header } from '../support/checked';

const QUEUE_PREFIX = `essaim-test-verif-${randomBytes(4).toString('hex')}`;
const flat = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * Management verification of a submitted intermediate report of 400 lines, end to end with the real worker: the
 * queue and its 80-day clock, the seeded sample (redone from the seed by the simulate endpoint), line decisions with
 * reasons, the checklist, the contradictory step with the beneficiary's answer and file, finalisation (retained
 * amount with extrapolation and the flat rate recomputed), the PDF report; and who may do what.
 */
describe('verification of an execution report (e2e)', () => {
  const ctx = useTestApp({ env: { QUEUE_PREFIX } });
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker({ QUEUE_PREFIX });
  });
  afterAll(() => worker.close());
  const http = () => ctx.t.http();

  it('samples with a stored seed, goes through the contradictory step, finalises and produces the report', async () => {
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const otherInstructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    const lines = [
      ...linesOf('STAFF', 3, 600_000),
      ...linesOf('STAFF', 200, 40_000),
      ...linesOf('OTHER_DIRECT', 150, 10_000),
      ...linesOf('EXTERNAL_SERVICES', 47, 20_000),
    ];
    const op = await submittedReport(ctx.owner, { lines, instructorId: instructor.user.id, submittedDaysAgo: 10 });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);

    // Queue: the assigned instructor sees the report with its clock; another instructor does not.
    const queue = (await http().get('/api/v1/verification-queue').set(instructor.auth).expect(200)).body;
    expect(queue.find((q: { reportId: string }) => q.reportId === op.reportId)).toMatchObject({
      verificationId: null,
      clock: { elapsedDays: 10, daysLeft: 70, paused: false },
    });
    expect(
      (await http().get('/api/v1/verification-queue').set(otherInstructor.auth).expect(200)).body.map((q: { reportId: string }) => q.reportId),
    ).not.toContain(op.reportId);
    await http().get('/api/v1/verification-queue').set(evaluator.auth).expect(403);

    // Opening: only the assigned instructor (or a manager); twice finds the same verification.
    await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(otherInstructor.auth).expect(404);
    await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(evaluator.auth).expect(403);
    await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(stranger.auth).expect(403);
    const opened = (await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(instructor.auth).expect(201)).body;
    expect((await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(instructor.auth).expect(200)).body).toEqual({
      id: opened.id,
      created: false,
    });
    const id = opened.id as string;

    const read = (auth: Record<string, string>) => http().get(`/api/v1/verifications/${id}`).set(auth);
    const first = await read(instructor.auth).expect(200);
    const v = first.body;
    expect(v.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(v.settings).toMatchObject({ exhaustiveThresholdCents: 500_000, sampleRateBp: 1000, minSampleSize: 30, contradictoryDays: 15 });
    expect(v.counts).toEqual({ lines: 400, exhaustive: 3, sampled: 90 });
    // Declared: direct 12 240 000 + 15 % of staff 9 800 000 = 1 470 000 (flat rate by the co-financing code).
    expect(v.declaredCents).toBe(13_710_000);

    // The sample is the rule, redone from the stored seed by anyone.
    const stored: { line_id: string; selection: string }[] = await ctx.owner.query(
      `SELECT line_id, selection FROM verification_line WHERE verification_id = $1`,
      [id],
    );
    const amounts: { id: string; category: string; amount: string }[] = await ctx.owner.query(
      `SELECT id, category, eligible_cents AS amount FROM expenditure_line WHERE report_id = $1`,
      [op.reportId],
    );
    const redo = (
      await http()
        .post('/api/v1/verification/sample/simulate')
        .set(instructor.auth)
        .send({
          seed: v.seed,
          exhaustiveThresholdCents: 500_000,
          sampleRateBp: 1000,
          minSampleSize: 30,
          lines: amounts.map((l) => ({ id: l.id, category: l.category, amountCents: Number(l.amount) })),
        })
        .expect(200)
    ).body;
    const pick = (s: string) =>
      stored
        .filter((l) => l.selection === s)
        .map((l) => l.line_id)
        .sort();
    expect(redo).toEqual({ exhaustive: pick('EXHAUSTIVE'), sampled: pick('SAMPLED') });

    // Access while in progress: the beneficiary, another applicant and an evaluator see nothing.
    await read(lea.auth).expect(404);
    await read(stranger.auth).expect(404);
    await read(evaluator.auth).expect(404);

    // Decisions: three sampled staff lines rejected, one reduced; every error at once; If-Match required.
    const staffSampled = v.lines
      .filter((l: { category: string; selection: string }) => l.category === 'STAFF' && l.selection === 'SAMPLED')
      .map((l: { lineId: string }) => l.lineId);
    const unsampled = stored.find((l) => l.selection === 'UNSAMPLED')!.line_id;
    const decide = (etag: string, decisions: unknown[]) =>
      http().post(`/api/v1/verifications/${id}/decisions`).set(instructor.auth).set('If-Match', etag).send({ decisions });
    await http()
      .post(`/api/v1/verifications/${id}/decisions`)
      .set(instructor.auth)
      .send({ decisions: [{ lineId: staffSampled[0], decision: 'RETAINED' }] })
      .expect(428);
    const bad = await decide(header(first, 'ETag'), [
      { lineId: unsampled, decision: 'REJECTED', reasonCode: 'NOT_PAID' },
      { lineId: staffSampled[0], decision: 'REJECTED', reasonCode: 'OTHER' },
      { lineId: staffSampled[1], decision: 'REDUCED', retainedCents: 50_000, reasonCode: 'NOT_PAID' },
      { lineId: staffSampled[2], decision: 'REJECTED' },
    ]).expect(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'decisions[0].lineId:LINE_NOT_CHECKED',
      'decisions[1].reasonText:REQUIRED',
      'decisions[2].retainedCents:OUT_OF_RANGE',
      'decisions[3].reasonCode:REQUIRED',
    ]);
    const rejected = staffSampled.slice(0, 3);
    const decisions = v.lines.map((l: { lineId: string }) =>
      rejected.includes(l.lineId)
        ? { lineId: l.lineId, decision: 'REJECTED', reasonCode: 'INSUFFICIENT_PROOF', comment: 'Bulletin de paie absent.' }
        : l.lineId === staffSampled[3]
          ? { lineId: l.lineId, decision: 'REDUCED', retainedCents: 10_000, reasonCode: 'OTHER', reasonText: 'Temps affecté surévalué' }
          : { lineId: l.lineId, decision: 'RETAINED' },
    );
    const decided = await decide(header(first, 'ETag'), decisions).expect(200);
    await decide(header(first, 'ETag'), decisions.slice(0, 1)).expect(412);
    let etag = decided.headers.etag as string;

    // Staff: sampled 1 200 000, rejected in it 150 000, unsampled 6 800 000 → extrapolated floor(150 000 × 68 / 12) = 850 000.
    const proposed = (await read(instructor.auth).expect(200)).body;
    const staff = proposed.outcome.categories.find((c: { category: string }) => c.category === 'STAFF');
    expect(staff).toMatchObject({
      declaredCents: 9_800_000,
      sampledCents: 1_200_000,
      rejectedInSampleCents: 150_000,
      unsampledCents: 6_800_000,
      extrapolatedCents: 850_000,
      finalRetainedCents: 8_800_000,
    });
    expect(proposed.outcome).toMatchObject({ flatRateRetainedCents: 1_320_000, retainedCents: 12_560_000, undecided: 0 });

    // Corrections need the checklist first, then the contradictory step before finalisation.
    const incomplete = await http().post(`/api/v1/verifications/${id}/contradictory`).set(instructor.auth).set('If-Match', etag).expect(422);
    expect(incomplete.body.code).toBe('VERIFICATION_INCOMPLETE');
    const items = Object.fromEntries(
      ['physicalAchievement', 'participantsData', 'indicators', 'publicity'].map((i) => [
        i,
        { result: 'CONFORM', comment: i === 'physicalAchievement' ? 'Visite sur place le 12.' : null },
      ]),
    );
    etag = header(await http().put(`/api/v1/verifications/${id}/checklist`).set(instructor.auth).set('If-Match', etag).send({ items }).expect(200), 'ETag');
    const early = await http().post(`/api/v1/verifications/${id}/finalise`).set(instructor.auth).set('If-Match', etag).expect(409);
    expect(early.body.code).toBe('VERIFICATION_STATE');
    const sent = await http().post(`/api/v1/verifications/${id}/contradictory`).set(instructor.auth).set('If-Match', etag).expect(200);
    expect(sent.body.dueDate).toBe(addDays(parisToday(), 15));
    etag = header(sent, 'ETag');
    const [mail] = await ctx.owner.query(`SELECT subject, body_text FROM mail_message WHERE template = 'verification-corrections' AND recipient_user_id = $1`, [
      lea.user.id,
    ]);
    expect(mail.subject).toContain(op.number);
    expect(mail.body_text).toContain(`/verifications/${id}`);
    // Three days before the answer is due, the scheduled reminders remind the members once.
    const reminders = new RemindersHandler(ctx.t.db, ctx.t.app.get(MailService));
    await ctx.owner.query(`UPDATE verification SET contradictory_due_date = $2 WHERE id = $1`, [id, addDays(parisToday(), 2)]);
    expect(await reminders.run()).toBeGreaterThan(0);
    expect(await reminders.run()).toBe(0);
    const [reminder] = await ctx.owner.query(`SELECT subject FROM mail_message WHERE template = 'contradictory-reminder' AND recipient_user_id = $1`, [
      lea.user.id,
    ]);
    expect(reminder.subject).toContain(op.number);
    await ctx.owner.query(`UPDATE verification SET contradictory_due_date = $2 WHERE id = $1`, [id, sent.body.dueDate]);
    await decide(etag, decisions.slice(0, 1)).expect(409);

    // The beneficiary answers with a file; the clock stops while it has the corrections.
    const forLea = await read(lea.auth).expect(200);
    expect(forLea.body).toMatchObject({ status: 'CONTRADICTORY', clock: { paused: true }, can: { answer: true, decide: false } });
    await read(stranger.auth).expect(404);
    await http().post(`/api/v1/verifications/${id}/answer/files`).set(lea.auth).attach('file', exeBytes(), 'justif.pdf').expect(415);
    const file = (
      await http().post(`/api/v1/verifications/${id}/answer/files`).set(lea.auth).attach('file', pdfBytes('Bulletin de paie'), 'bulletin.pdf').expect(201)
    ).body;
    await http().post(`/api/v1/verifications/${id}/answer/files`).set(stranger.auth).attach('file', pdfBytes('x'), 'x.pdf').expect(404);
    const leaEtag = header(await read(lea.auth).expect(200), 'ETag');
    await http()
      .post(`/api/v1/verifications/${id}/answer`)
      .set(lea.auth)
      .set('If-Match', leaEtag)
      .send({ comment: 'Le bulletin de la ligne 1 est joint.' })
      .expect(200);
    await http()
      .post(`/api/v1/verifications/${id}/answer`)
      .set(lea.auth)
      .set('If-Match', `"${Number(JSON.parse(leaEtag)) + 1}"`)
      .send({ comment: 'Encore' })
      .expect(409);
    await http().get(`/api/v1/verifications/${id}/answer/files/${file.id}`).set(instructor.auth).expect(200);

    // After the answer the instructor retains the justified line and finalises.
    const answered = await read(instructor.auth).expect(200);
    expect(answered.body.contradictory).toMatchObject({ comment: 'Le bulletin de la ligne 1 est joint.', files: [{ id: file.id, sha256: file.sha256 }] });
    etag = header(
      await decide(header(answered, 'ETag'), [{ lineId: rejected[0], decision: 'RETAINED', comment: 'Justifié en contradictoire.' }]).expect(200),
      'ETag',
    );
    await http().post(`/api/v1/verifications/${id}/finalise`).set(otherInstructor.auth).set('If-Match', etag).expect(404);
    const fin = (await http().post(`/api/v1/verifications/${id}/finalise`).set(instructor.auth).set('If-Match', etag).expect(200)).body;
    // Staff: rejected 110 000 in the sample → extrapolated floor(110 000 × 68 / 12) = 623 333; retained 9 066 667;
    // flat rate floor(9 066 667 × 15 %) = 1 360 000; total 9 066 667 + 1 500 000 + 940 000 + 1 360 000.
    expect(fin.retainedCents).toBe(12_866_667);
    const [row] = await ctx.owner.query(
      `SELECT status, retained_cents::int AS retained, finalised_by, declared_cents::int AS declared FROM verification WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'FINALISED', retained: 12_866_667, finalised_by: instructor.user.id, declared: 13_710_000 });
    await http().post(`/api/v1/verifications/${id}/finalise`).set(instructor.auth).set('If-Match', `"${fin.version}"`).expect(409);
    const actions: { action: string }[] = await ctx.owner.query(
      `SELECT action FROM audit_log WHERE subject_type = 'verification' AND subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect([...new Set(actions.map((a) => a.action))]).toEqual([
      'verification.opened',
      'verification.lines_decided',
      'verification.checklist_saved',
      'verification.contradictory_sent',
      'verification.answer_file_uploaded',
      'verification.contradictory_answered',
      'verification.finalised',
    ]);

    // The worker renders the report: reasons, seed, extrapolation, retained by category, the EU amount due.
    const doc = await waitFor(async () => {
      const [d] = await ctx.owner.query(`SELECT id, status, storage_key, kind FROM document WHERE request_key = $1`, [`verification-report-${id}`]);
      return d?.status === 'READY' ? d : null;
    }, 30_000);
    expect(doc.kind).toBe('VERIFICATION_REPORT');
    const text = flat((await pdfText(join(ctx.t.config.files.dir, doc.storage_key))).text);
    expect(text).toContain('Rapport de contrôle de service fait');
    expect(text).toContain(`${ctx.t.config.issuer.address} — SIRET ${ctx.t.config.issuer.siret}`); // the issuing body's header
    expect(text).toContain(v.seed);
    expect(text.replace(/\s/g, '')).toContain(staffSampled[5]); // every checked line is listed with its id (wrapped in its cell)
    expect(text).toContain('Pièce justificative absente ou insuffisante');
    expect(text).toContain('Temps affecté surévalué');
    expect(text).toContain('6 233,33 €'); // extrapolated staff
    expect(text).toContain('128 666,67 €'); // retained total
    expect(text).toContain('77 200,00 €'); // EU due: floor(12 866 667 × 60 %)
    const forLeaDone = (await read(lea.auth).expect(200)).body;
    expect(forLeaDone).toMatchObject({
      status: 'FINALISED',
      retainedCents: 12_866_667,
      document: { id: doc.id, status: 'READY' },
      amountDue: { euDueCents: 7_720_000 },
    });
  });

  it('finalises without a contradictory step when nothing is corrected; managers verify any dossier; pages follow the same rules', async () => {
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const assigned = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const op = await submittedReport(ctx.owner, { lines: linesOf('STAFF', 12, 100_000), instructorId: assigned.user.id });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(instructor.auth).expect(404);
    const { id } = (await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(manager.auth).expect(201)).body;
    const v = await http().get(`/api/v1/verifications/${id}`).set(manager.auth).expect(200);
    // Fewer lines than the minimum sample: every line is drawn.
    expect(v.body.counts).toEqual({ lines: 12, exhaustive: 0, sampled: 12 });
    let etag = header(
      await http()
        .post(`/api/v1/verifications/${id}/decisions`)
        .set(manager.auth)
        .set('If-Match', header(v, 'ETag'))
        .send({ decisions: v.body.lines.map((l: { lineId: string }) => ({ lineId: l.lineId, decision: 'RETAINED' })) })
        .expect(200),
      'ETag',
    );
    const items = Object.fromEntries(['physicalAchievement', 'participantsData', 'indicators', 'publicity'].map((i) => [i, { result: 'CONFORM' }]));
    etag = header(await http().put(`/api/v1/verifications/${id}/checklist`).set(manager.auth).set('If-Match', etag).send({ items }).expect(200), 'ETag');
    // Pages: the workspace for staff who verify, nothing for the beneficiary while in progress.
    const page = await http().get(`/verifications/${id}`).set(manager.auth).expect(200);
    expect(page.text).toContain('Finaliser la vérification');
    await http().get(`/verifications/${id}`).set(lea.auth).expect(404);
    await http().get('/verifications').set(lea.auth).expect(403);
    const fin = (await http().post(`/api/v1/verifications/${id}/finalise`).set(manager.auth).set('If-Match', etag).expect(200)).body;
    // 1 200 000 direct + 15 % flat rate on staff.
    expect(fin.retainedCents).toBe(1_380_000);
    const [row] = await ctx.owner.query(`SELECT status, contradictory_sent_at FROM verification WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'FINALISED', contradictory_sent_at: null });
    expect((await http().get(`/verifications/${id}`).set(lea.auth).expect(200)).text).toContain('Aucune correction proposée');
  });
});
