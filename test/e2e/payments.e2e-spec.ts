import { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RankingRepository } from '../../src/modules/evaluation/ranking.repository';
import { MailService } from '../../src/modules/mail/mail.service';
import { RemindersHandler } from '../../src/modules/mail/reminders.handler';
import { readTar } from '../../src/modules/payments/domain/tar';
import { retentionEnd } from '../../src/modules/payments/domain/retention';
import { createOrganisation, createStaff, pdfBytes } from '../support/factories/application.factory';
import { memberOf } from '../support/factories/execution.factory';
import { finalisedVerification, startedOperation } from '../support/factories/payments.factory';
import { linesOf, submittedReport } from '../support/factories/verification.factory';
import { computeAmountDue } from '../../src/modules/payments/domain/amount-due';
import { pdfText } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at, header, present } from '../support/checked';

const IBAN = 'FR7630006000011234567890189';
const NEW_IBAN = 'FR1420041010050500013M02606';
const flat = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * Payments, recovery and closure end to end with the real worker (docs/domain/payments.md): an IBAN validated by a
 * second person, the advance, an interim payment validated by a second user (never the proposer nor the verifier, in
 * the service and in the database), an IBAN change that blocks payments until validated, the 80-day clock, a balance
 * on one operation and a recovery on another, the closures, the envelope released and the archive's manifest.
 */
describe('payments, recovery and closure (e2e)', () => {
  const ctx = useTestApp({ env: { QUEUE_PREFIX: 'essaim-test-payments' } });
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker({ QUEUE_PREFIX: 'essaim-test-payments' });
  });
  afterAll(() => worker.close());

  const http = () => ctx.t.http();
  const statusOf = async (id: string): Promise<string> => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status;
  const docReady = (requestKey: string) =>
    waitFor(async () => {
      const [d] = await ctx.owner.query(`SELECT id, status, storage_key FROM document WHERE request_key = $1`, [requestKey]);
      return d?.status === 'READY' ? d : null;
    }, 30_000);
  const textOf = async (storageKey: string) => flat((await pdfText(join(ctx.t.config.files.dir, storageKey))).text);
  const submitIban = (auth: Record<string, string>, organisationId: string, iban: string, name = 'rib.pdf') =>
    http()
      .post(`/api/v1/organisations/${organisationId}/bank-accounts`)
      .set(auth)
      .field('iban', iban)
      .field('holder', 'Association Ruches')
      .attach('file', pdfBytes('RIB'), name);
  let journey: { id: string; callId: string; number: string; finalReportId: string };
  const validate = (auth: Record<string, string>, paymentId: string, version: number) =>
    http().post(`/api/v1/payments/${paymentId}/validation`).set(auth).set('If-Match', `"${version}"`);

  it('pays the advance, an interim payment and the balance with separated functions, then closes and archives the operation', async () => {
    const op = await startedOperation(ctx.owner, { euCents: 10_000_000, totalEligibleCents: 12_500_000, submittedDaysAgo: [70, 85] });
    journey = op;
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    const proposer = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const verifier = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const validator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const admin = await createStaff(ctx.t, ctx.owner, 'ADMINISTRATOR');
    const stranger = await memberOf(ctx.t, ctx.owner, (await createOrganisation(ctx.owner)).id);

    // Bank account: a bad IBAN is refused with its field; the good one waits for a second person.
    const bad = await submitIban(lea.auth, op.organisationId, 'FR7630006000011234567890188').expect(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'iban', code: 'INVALID_IBAN' });
    await submitIban(stranger.auth, op.organisationId, IBAN).expect(404);
    const account = (await submitIban(lea.auth, op.organisationId, IBAN).expect(201)).body;
    expect(account).toMatchObject({ status: 'PENDING', ibanMasked: 'FR76 •••• •••• •••• •••• •••0 189' });
    expect(JSON.stringify(account)).not.toContain(IBAN);

    // The advance (30 %) once the start is attested; a validation is refused while no IBAN is validated.
    const first = await http().post(`/api/v1/operations/${op.id}/advance`).set(proposer.auth).set('Idempotency-Key', 'advance-key-1').expect(201);
    const advance = first.body;
    expect(advance).toMatchObject({ kind: 'ADVANCE', amountCents: 3_000_000, status: 'PROPOSED' });
    // A retry under the same key gets the first answer again; without a key, the second advance is refused.
    const replay = await http().post(`/api/v1/operations/${op.id}/advance`).set(proposer.auth).set('Idempotency-Key', 'advance-key-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    await http().post(`/api/v1/operations/${op.id}/advance`).set(proposer.auth).expect(409);
    const pending = await validate(validator.auth, advance.id, advance.version).expect(422);
    expect(pending.body).toMatchObject({ code: 'BUSINESS_RULE_VIOLATED', rule: 'BANK_ACCOUNT_PENDING' });
    await http().post(`/api/v1/bank-accounts/${account.id}/decision`).set(lea.auth).set('If-Match', '"1"').send({ accept: true }).expect(403);
    await http().post(`/api/v1/bank-accounts/${account.id}/decision`).set(proposer.auth).set('If-Match', '"1"').send({ accept: true }).expect(200);
    await validate(proposer.auth, advance.id, advance.version).expect(403);
    const paidAdvance = (await validate(validator.auth, advance.id, advance.version).expect(200)).body;
    expect(paidAdvance).toMatchObject({ status: 'VALIDATED', validatedByName: expect.any(String) });
    // The beneficiary's members are told, in the same transaction, with the IBAN masked.
    const [paidMail] = await ctx.owner.query(`SELECT subject, body_text FROM mail_message WHERE template = 'payment-made' AND dedupe_key LIKE $1`, [
      `payment.validated:${advance.id}:%`,
    ]);
    expect(paidMail.subject).toContain('paiement FSE+');
    expect(paidMail.body_text).toContain(advance.reference);
    expect(paidMail.body_text).not.toMatch(/FR\d{2}(\s?\d{4}){5}/);
    const certificate = await docReady(`payment-${advance.id}`);
    const certText = await textOf(certificate.storage_key);
    expect(certText).toContain(`${ctx.t.config.issuer.address} — SIRET ${ctx.t.config.issuer.siret}`); // the issuing body's header
    expect(certText).toContain('Certificat de paiement');
    expect(certText).toContain('30 000,00');
    expect(certText).not.toContain(IBAN);

    // The 80-day clock: the intermediate report submitted 70 days ago is soon late, the final one 85 days ago is late.
    const clock = (await http().get('/api/v1/payments/clock').set(proposer.auth).expect(200)).body.filter(
      (l: { applicationId: string }) => l.applicationId === op.id,
    );
    expect(clock.map((l: { reportKind: string; state: string; daysLeft: number }) => [l.reportKind, l.state, l.daysLeft])).toEqual([
      ['FINAL', 'LATE', -5],
      ['INTERMEDIATE', 'SOON_LATE', 10],
    ]);
    await http().get('/api/v1/payments/clock').set(lea.auth).expect(403);
    // The scheduled reminders tell staff once per claim and state: one soon-late, one late mail, none on a second run.
    const reminders = new RemindersHandler(ctx.t.db, ctx.t.app.get(MailService));
    await reminders.run();
    expect(await reminders.run()).toBe(0);
    const clockMails: { subject: string }[] = await ctx.owner.query(
      `SELECT subject FROM mail_message WHERE template = 'payment-clock-reminder' AND body_text LIKE '%' || $1 || '%' ORDER BY subject`,
      [op.number],
    );
    expect(clockMails.length).toBeGreaterThanOrEqual(2);
    expect(clockMails.some((m) => m.subject.startsWith('Délai de paiement dépassé'))).toBe(true);
    expect(clockMails.some((m) => m.subject.startsWith('Délai de paiement proche'))).toBe(true);

    // Interim: verified by `verifier`, proposed by `proposer`; neither may validate, in the service and in the database.
    const v1 = await finalisedVerification(ctx.owner, {
      reportId: op.intermediateReportId,
      applicationId: op.id,
      retainedCents: 5_000_000,
      finalisedBy: verifier.user.id,
      pauseDays: 12,
    });
    const interim = (await http().post(`/api/v1/verifications/${v1}/payment-proposal`).set(proposer.auth).expect(201)).body;
    expect(interim).toMatchObject({
      outcome: 'PAYMENT_PROPOSED',
      payment: { kind: 'INTERIM', amountCents: 1_000_000, euDueCents: 4_000_000, paidBeforeCents: 3_000_000 },
    });
    const p1 = interim.payment;
    const refused = await validate(verifier.auth, p1.id, p1.version).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_FUNCTIONS' });
    await expect(
      ctx.owner.query(`UPDATE payment SET status = 'VALIDATED', validated_by = verified_by, validated_at = now(), bank_account_id = $2 WHERE id = $1`, [
        p1.id,
        account.id,
      ]),
    ).rejects.toThrow(/payment_separation_check/);
    await expect(
      ctx.owner.query(`UPDATE payment SET status = 'VALIDATED', validated_by = proposed_by, validated_at = now(), bank_account_id = $2 WHERE id = $1`, [
        p1.id,
        account.id,
      ]),
    ).rejects.toThrow(/payment_separation_check/);
    // The pause of the contradictory step (12 days) counts on the clock: the intermediate report is back to on time.
    const clockAfter = (await http().get('/api/v1/payments/clock?scope=all').set(proposer.auth).expect(200)).body.find(
      (l: { reportId: string }) => l.reportId === op.intermediateReportId,
    );
    expect(clockAfter).toMatchObject({ elapsedDays: 58, state: 'ON_TIME' });

    // IBAN change (swap fraud): pending → the interim cannot be validated; the staff member who entered it cannot validate it.
    const change = (await submitIban(proposer.auth, op.organisationId, NEW_IBAN, 'rib2.pdf').expect(201)).body;
    expect((await validate(validator.auth, p1.id, p1.version).expect(422)).body.rule).toBe('BANK_ACCOUNT_PENDING');
    const fourEyes = await http()
      .post(`/api/v1/bank-accounts/${change.id}/decision`)
      .set(proposer.auth)
      .set('If-Match', '"1"')
      .send({ accept: true })
      .expect(403);
    expect(fourEyes.body.rule).toBe('FOUR_EYES');
    await http().post(`/api/v1/bank-accounts/${change.id}/decision`).set(admin.auth).set('If-Match', '"1"').send({ accept: true }).expect(200);
    const accounts = (await http().get(`/api/v1/organisations/${op.organisationId}/bank-accounts`).set(lea.auth).expect(200)).body;
    expect(accounts.map((a: { status: string }) => a.status)).toEqual(['VALIDATED', 'REPLACED']);
    const paidInterim = (await validate(validator.auth, p1.id, p1.version).expect(200)).body;
    expect(paidInterim.status).toBe('VALIDATED');
    const [{ bank_account_id: usedAccount }] = await ctx.owner.query(`SELECT bank_account_id FROM payment WHERE id = $1`, [p1.id]);
    expect(usedAccount).toBe(change.id);

    // Final: cumulative retained 11 000 000 → due 8 800 000 (80 %), balance 4 800 000, released 1 200 000.
    const closureBefore = (await http().get(`/api/v1/operations/${op.id}/closure`).set(proposer.auth).expect(200)).body;
    expect(closureBefore.blocker).toMatch(/bilan final/);
    await http().post(`/api/v1/operations/${op.id}/closure`).set(proposer.auth).expect(422);
    const v2 = await finalisedVerification(ctx.owner, {
      reportId: op.finalReportId,
      applicationId: op.id,
      retainedCents: 6_000_000,
      finalisedBy: verifier.user.id,
    });
    const balance = (await http().post(`/api/v1/verifications/${v2}/payment-proposal`).set(admin.auth).expect(201)).body;
    expect(balance).toMatchObject({ outcome: 'PAYMENT_PROPOSED', payment: { kind: 'BALANCE', amountCents: 4_800_000, euDueCents: 8_800_000 } });
    await validate(admin.auth, balance.payment.id, balance.payment.version).expect(403);
    await validate(validator.auth, balance.payment.id, balance.payment.version).expect(200);

    // Closure: CLOSED through the lifecycle, the released amount returns to the envelope, retention from the last payment.
    const [{ session_id: sessionId }] = await ctx.owner.query(`SELECT session_id FROM committee_decision WHERE application_id = $1`, [op.id]);
    const consumed = async () => (await http().get(`/api/v1/committee-sessions/${sessionId}`).set(validator.auth).expect(200)).body.envelope.consumedCents;
    expect(await consumed()).toBe(10_000_000);
    const closed = (await http().post(`/api/v1/operations/${op.id}/closure`).set(proposer.auth).expect(200)).body;
    const today = new Date().toISOString().slice(0, 10);
    expect(closed).toMatchObject({
      closed: true,
      euDueCents: 8_800_000,
      paidCents: 8_800_000,
      recoveredCents: 0,
      releasedCents: 1_200_000,
      retentionEnd: retentionEnd(today),
    });
    expect(await statusOf(op.id)).toBe('CLOSED');
    expect(await consumed()).toBe(8_800_000);
    expect((await ctx.t.app.get(RankingRepository).call(op.callId))!.grantedCents).toBe(8_800_000);
    const [history] = await ctx.owner.query(
      `SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [op.id],
    );
    expect(history).toEqual({ from_status: 'IN_PROGRESS', to_status: 'CLOSED' });

    // A legal hold suspends the retention end.
    const held = (await http().put(`/api/v1/operations/${op.id}/legal-hold`).set(proposer.auth).send({ reason: 'Contentieux en cours' }).expect(200)).body;
    expect(held).toMatchObject({ retentionEnd: null, legalHold: { reason: 'Contentieux en cours' } });
    expect((await http().delete(`/api/v1/operations/${op.id}/legal-hold`).set(proposer.auth).expect(200)).body.retentionEnd).toBe(retentionEnd(today));

    // The archive: every entry of the manifest matches the stored file it copies, and the tar holds them all.
    const archive = await waitFor(async () => {
      const [a] = await ctx.owner.query(`SELECT id, status, storage_key, sha256, manifest FROM operation_archive WHERE application_id = $1`, [op.id]);
      return a?.status === 'READY' ? a : null;
    }, 30_000);
    const bytes = (
      await http()
        .get(`/api/v1/operation-archives/${archive.id}/content`)
        .set(proposer.auth)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(archive.sha256);
    const entries = readTar(bytes);
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.content.toString('utf8'));
    expect(manifest).toEqual(archive.manifest);
    expect(entries.map((e) => e.name).sort()).toEqual([...manifest.files.map((f: { path: string }) => f.path), 'manifest.json'].sort());
    for (const f of manifest.files as { path: string; sha256: string; storageKey?: string }[]) {
      const entry = entries.find((e) => e.name === f.path)!;
      expect(createHash('sha256').update(entry.content).digest('hex')).toBe(f.sha256);
      if (f.storageKey)
        expect(
          createHash('sha256')
            .update(readFileSync(join(ctx.t.config.files.dir, f.storageKey)))
            .digest('hex'),
        ).toBe(f.sha256);
    }
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths.filter((p: string) => p.startsWith('documents/payment_certificate'))).toHaveLength(3);
    expect(paths.filter((p: string) => p.startsWith('rib/'))).toHaveLength(2);
    expect(paths).toEqual(expect.arrayContaining(['donnees/paiements.json', 'donnees/verifications.json', 'donnees/cloture.json']));
    const stored = await ctx.owner.query(`SELECT sha256 FROM document WHERE subject_id = $1 AND status = 'READY'`, [op.id]);
    expect(
      manifest.files
        .filter((f: { origin: string }) => f.origin === 'document')
        .map((f: { sha256: string }) => f.sha256)
        .sort(),
    ).toEqual(stored.map((d: { sha256: string }) => d.sha256).sort());

    // Audit: every state change has its row.
    const actions = (
      await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = ANY($1) ORDER BY seq`, [[op.id, op.organisationId, advance.id, p1.id]])
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'bank_account.submitted',
        'bank_account.validated',
        'payment.proposed',
        'payment.validated',
        'operation.closed',
        'operation.legal_hold_set',
      ]),
    );
  });

  it('issues a recovery order when the final amount due is below what was paid, records irregularities, and closes once settled', async () => {
    const op = await startedOperation(ctx.owner, { euCents: 10_000_000, totalEligibleCents: 12_500_000 });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    const proposer = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const validator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const account = (await submitIban(lea.auth, op.organisationId, IBAN).expect(201)).body;
    await http().post(`/api/v1/bank-accounts/${account.id}/decision`).set(proposer.auth).set('If-Match', '"1"').send({ accept: true }).expect(200);
    const advance = (await http().post(`/api/v1/operations/${op.id}/advance`).set(proposer.auth).expect(201)).body;
    await validate(validator.auth, advance.id, advance.version).expect(200);

    // Final verification retains 2 000 000: due 1 600 000, paid 3 000 000 → recovery of 1 400 000 with its PDF.
    const v = await finalisedVerification(ctx.owner, {
      reportId: op.finalReportId,
      applicationId: op.id,
      retainedCents: 2_000_000,
      finalisedBy: validator.user.id,
    });
    const r = (await http().post(`/api/v1/verifications/${v}/payment-proposal`).set(proposer.auth).expect(201)).body;
    expect(r).toMatchObject({ outcome: 'RECOVERY_ISSUED', amountCents: 1_400_000 });
    await http().post(`/api/v1/verifications/${v}/payment-proposal`).set(proposer.auth).expect(409);
    const order = await docReady(`recovery-${r.recoveryOrderId}`);
    const [recoveryMail] = await ctx.owner.query(`SELECT subject FROM mail_message WHERE template = 'recovery-order' AND dedupe_key LIKE $1`, [
      `recovery_order.issued:${r.recoveryOrderId}:%`,
    ]);
    expect(recoveryMail.subject).toContain('ordre de reversement');
    const orderText = await textOf(order.storage_key);
    expect(orderText).toContain('Ordre de recouvrement');
    expect(orderText).toContain('14 000,00');

    // Irregularity recorded with its follow-up; bad input names the field.
    const badIrr = await http()
      .post(`/api/v1/operations/${op.id}/irregularities`)
      .set(proposer.auth)
      .send({ type: 'NOPE', amountCents: -1, detectedOn: 'hier', description: '' })
      .expect(400);
    expect(badIrr.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountCents', 'description', 'detectedOn', 'type']);
    const irr = (
      await http()
        .post(`/api/v1/operations/${op.id}/irregularities`)
        .set(proposer.auth)
        .send({ type: 'INELIGIBLE_EXPENDITURE', amountCents: 1_750_000, detectedOn: '2026-11-02', description: 'Dépenses hors période' })
        .expect(201)
    ).body;
    await http()
      .post(`/api/v1/operations/${op.id}/irregularities`)
      .set(lea.auth)
      .send({ type: 'OTHER', amountCents: 1, detectedOn: '2026-11-02', description: 'x' })
      .expect(403);
    const followed = (
      await http()
        .post(`/api/v1/irregularities/${irr.id}/follow-up`)
        .set(proposer.auth)
        .set('If-Match', `"${irr.version}"`)
        .send({ followUp: 'RECOVERY', note: 'Ordre de recouvrement émis' })
        .expect(200)
    ).body;
    expect(followed).toMatchObject({ followUp: 'RECOVERY', followUpNote: 'Ordre de recouvrement émis' });

    // Not closable before the settlement; then closed, the released amount is ceiling − due.
    expect((await http().post(`/api/v1/operations/${op.id}/closure`).set(proposer.auth).expect(422)).body.detail ?? '').toBeDefined();
    const ro = await http().get(`/api/v1/recovery-orders/${r.recoveryOrderId}`).set(proposer.auth).expect(200);
    await http()
      .post(`/api/v1/recovery-orders/${r.recoveryOrderId}/settlement`)
      .set(proposer.auth)
      .set('If-Match', ro.headers.etag as string)
      .send({ settledOn: '2099-01-01' })
      .expect(400);
    await http()
      .post(`/api/v1/recovery-orders/${r.recoveryOrderId}/settlement`)
      .set(proposer.auth)
      .set('If-Match', ro.headers.etag as string)
      .send({ settledOn: new Date().toISOString().slice(0, 10) })
      .expect(200);
    const closed = (await http().post(`/api/v1/operations/${op.id}/closure`).set(proposer.auth).expect(200)).body;
    expect(closed).toMatchObject({ closed: true, euDueCents: 1_600_000, paidCents: 3_000_000, recoveredCents: 1_400_000, releasedCents: 8_400_000 });
    expect(await statusOf(op.id)).toBe('CLOSED');
    const view = (await http().get(`/api/v1/operations/${op.id}/payments`).set(lea.auth).expect(200)).body;
    expect(view).toMatchObject({
      recoveryOrders: [{ status: 'SETTLED', amountCents: 1_400_000 }],
      irregularities: [{ type: 'INELIGIBLE_EXPENDITURE', followUp: 'RECOVERY' }],
      closure: { closed: true },
    });
  });

  it('carries declared, verified and paid figures, payments, indicators and the forecast into the managing authority reports', async () => {
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    // A second operation of the same call, started, nothing paid yet: the forecast has its reports.
    const other = await startedOperation(ctx.owner, { callId: journey.callId, euCents: 5_000_000, totalEligibleCents: 6_250_000 });
    await ctx.owner.query(`UPDATE application SET title = '=HYPERLINK("http://x")' WHERE id = $1`, [journey.id]);
    await ctx.owner.query(
      `INSERT INTO expenditure_line (report_id, category, label, supplier, document_ref, document_date, incurred_on, amount_ht_cents, amount_ttc_cents, vat_recovered, share_bp, eligible_cents, created_by)
                           SELECT $1, 'OTHER_DIRECT', 'Achat', 'Fournisseur', 'F1', '2026-04-01', '2026-04-01', 12000000, 12000000, true, 10000, 12000000, created_by FROM application WHERE id = $2`,
      [journey.finalReportId, journey.id],
    );
    const generate = async (type: string, format: string): Promise<Buffer> => {
      const { id } = (
        await http()
          .post('/api/v1/reports')
          .set(ma.auth)
          .send({ type, format, callId: journey.callId })
          .expect((r) => expect([200, 202]).toContain(r.status))
      ).body;
      const row = await waitFor(async () => {
        const [r] = await ctx.owner.query(`SELECT status, storage_key, failure_reason FROM report_export WHERE id = $1`, [id]);
        if (r?.status === 'FAILED') throw new Error(r.failure_reason);
        return r?.status === 'READY' ? r : null;
      }, 30_000);
      return readFileSync(join(ctx.t.config.files.dir, row.storage_key));
    };
    const csv = async (type: string) =>
      (await generate(type, 'CSV'))
        .toString('utf8')
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(';'));

    const payments = await csv('PAYMENTS');
    expect(payments[0]).toEqual([
      'Référence du paiement',
      'Date de validation',
      'Type',
      'Bénéficiaire',
      'SIRET',
      'IBAN',
      'BIC',
      'Montant (€)',
      'Opération',
      'Intitulé de l’opération',
      'Appel à projets',
    ]);
    const rows = payments.slice(1, -1).filter((r) => r[8] === journey.number);
    expect(rows.map((r) => [r[2], r[5], r[7]])).toEqual([
      ['Avance', IBAN, '30000,00'],
      ['Acompte', NEW_IBAN, '10000,00'],
      ['Solde', NEW_IBAN, '48000,00'],
    ]);
    expect(at(rows, 0, 'row')[9]).toBe(`"'=HYPERLINK(""http://x"")"`);
    const totalLine = present(payments.at(-1), 'total line');
    expect(totalLine.slice(0, 1).concat(at(totalLine, 7, 'cell'))).toEqual(['Total', '88000,00']);
    expect((await generate('PAYMENTS', 'XLSX')).subarray(0, 2).toString()).toBe('PK');

    const operations = await csv('OPERATIONS');
    const columns = at(operations, 0, 'header line');
    const line = operations.find((r) => r[0] === journey.number)!;
    const col = (name: string) => line[columns.indexOf(name)];
    expect([col('Dépenses déclarées (€)'), col('Dépenses vérifiées (€)'), col('FSE+ payé (€)'), col('Irrégularités (€)')]).toEqual([
      '120000,00',
      '110000,00',
      '88000,00',
      '0,00',
    ]);
    expect(operations.at(-1)![0]).toBe('Total');
    const programming = await csv('PROGRAMMING_TABLE');
    expect(programming.find((r) => r[1] === journey.number)).toBeDefined();
    const annex = await csv('FINANCIAL_DATA');
    expect(at(annex, 0, 'annex').slice(-4)).toEqual(['Dépenses déclarées (€)', 'Dépenses vérifiées (€)', 'FSE+ payé (€)', 'Irrégularités (€)']);
    expect(annex.at(-1)!.slice(-4)).toEqual(['120000,00', '110000,00', '88000,00', '0,00']);

    const indicators = await csv('INDICATORS');
    expect(at(indicators, 0, 'indicator').slice(0, 4)).toEqual(['Opération', 'Indicateur', 'Libellé', 'Cible totale']);
    expect(indicators.filter((r) => r[0] === journey.number).map((r) => r[1])).toEqual(['EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04']);
    expect(indicators.filter((r) => r[0] === 'Total').length).toBe(5);

    const forecast = await csv('PAYMENT_FORECAST');
    expect(forecast[0]).toEqual(['Trimestre', 'Opérations concernées', 'Paiements prévus (€)']);
    // The other operation: nothing paid, ceiling 50 000 €: everything is forecast over its two reports.
    expect(forecast.at(-1)).toEqual(['Total', '', '50000,00']);
    expect(other.id).toBeDefined();

    const fundingPath = join(ctx.t.config.files.dir, 'reports', 'funding-check.pdf');
    writeFileSync(fundingPath, await generate('FUNDING_REPORT', 'PDF'));
    const funding = flat((await pdfText(fundingPath)).text);
    expect(funding).toContain('Montant FSE+ payé');
    expect(funding).toContain('88 000,00');
  });

  it('pays an interim claim from a verification done through the verification API (sample, contradictory, finalisation)', async () => {
    const verifier = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const proposer = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const validator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const op = await submittedReport(ctx.owner, {
      lines: [...linesOf('STAFF', 2, 600_000), ...linesOf('OTHER_DIRECT', 40, 10_000)],
      instructorId: verifier.user.id,
      submittedDaysAgo: 20,
    });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    const id = (await http().post(`/api/v1/execution-reports/${op.reportId}/verification`).set(verifier.auth).expect(201)).body.id as string;
    const read = (auth: Record<string, string>) => http().get(`/api/v1/verifications/${id}`).set(auth);
    const v = await read(verifier.auth).expect(200);
    const checked = v.body.lines.filter((l: { selection: string }) => l.selection !== 'UNSAMPLED').map((l: { lineId: string }) => l.lineId);
    const decisions = checked.map((lineId: string, i: number) =>
      i === 0 ? { lineId, decision: 'REJECTED', reasonCode: 'INSUFFICIENT_PROOF' } : { lineId, decision: 'RETAINED' },
    );
    let etag = (
      await http().post(`/api/v1/verifications/${id}/decisions`).set(verifier.auth).set('If-Match', header(v, 'ETag')).send({ decisions }).expect(200)
    ).headers.etag as string;
    const items = Object.fromEntries(['physicalAchievement', 'participantsData', 'indicators', 'publicity'].map((i) => [i, { result: 'CONFORM' }]));
    etag = header(await http().put(`/api/v1/verifications/${id}/checklist`).set(verifier.auth).set('If-Match', etag).send({ items }).expect(200), 'ETag');
    await http().post(`/api/v1/verifications/${id}/contradictory`).set(verifier.auth).set('If-Match', etag).expect(200);
    // Not finalised yet: no payment can be proposed, and the clock is paused.
    await http().post(`/api/v1/verifications/${id}/payment-proposal`).set(proposer.auth).expect(404);
    const paused = (await http().get('/api/v1/payments/clock?scope=all').set(proposer.auth).expect(200)).body.find(
      (l: { reportId: string }) => l.reportId === op.reportId,
    );
    expect(paused).toMatchObject({ verificationStatus: 'CONTRADICTORY', elapsedDays: 20 });
    const leaEtag = header(await read(lea.auth).expect(200), 'ETag');
    await http()
      .post(`/api/v1/verifications/${id}/answer`)
      .set(lea.auth)
      .set('If-Match', leaEtag)
      .send({ comment: 'Pas de pièce supplémentaire.' })
      .expect(200);
    const fin = (
      await http()
        .post(`/api/v1/verifications/${id}/finalise`)
        .set(verifier.auth)
        .set('If-Match', header(await read(verifier.auth).expect(200), 'ETag'))
        .expect(200)
    ).body;

    // The proposal follows the amount due on the cumulative figures; the verifier may never validate it.
    const account = (await submitIban(lea.auth, op.organisationId, IBAN).expect(201)).body;
    await http().post(`/api/v1/bank-accounts/${account.id}/decision`).set(validator.auth).set('If-Match', '"1"').send({ accept: true }).expect(200);
    const { ledger } = (await http().get(`/api/v1/operations/${op.applicationId}/payments`).set(proposer.auth).expect(200)).body;
    expect(ledger.retainedEligibleCents).toBe(fin.retainedCents);
    const expected = computeAmountDue({ ...ledger, kind: 'INTERIM' }).payableCents;
    const proposal = (await http().post(`/api/v1/verifications/${id}/payment-proposal`).set(proposer.auth).expect(201)).body;
    expect(proposal).toMatchObject({ outcome: 'PAYMENT_PROPOSED', payment: { kind: 'INTERIM', amountCents: expected, verificationId: id } });
    expect(expected).toBeGreaterThan(0);
    const p = proposal.payment;
    // The instructor who verified lacks the validation right anyway; a programme manager recorded as the verifier is
    // refused too (the rule is about the person, whatever the role).
    const verifierAsValidator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    await ctx.owner.query(`UPDATE verification SET finalised_by = $2 WHERE id = $1`, [id, verifierAsValidator.user.id]);
    await ctx.owner.query(`UPDATE payment SET verified_by = $2 WHERE id = $1`, [p.id, verifierAsValidator.user.id]);
    expect((await validate(verifierAsValidator.auth, p.id, p.version).expect(403)).body.rule).toBe('SEPARATION_OF_FUNCTIONS');
    await validate(validator.auth, p.id, p.version).expect(200);
    expect(
      (await http().get('/api/v1/payments/clock?scope=all').set(proposer.auth).expect(200)).body.map((l: { reportId: string }) => l.reportId),
    ).not.toContain(op.reportId);
  });

  it('an accepted amendment that lowers the EU amount lowers the payment ceiling; it never raises it', async () => {
    const op = await startedOperation(ctx.owner, { euCents: 10_000_000, totalEligibleCents: 12_500_000 });
    const staff = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const ceiling = async () => (await http().get(`/api/v1/operations/${op.id}/payments`).set(staff.auth).expect(200)).body.ledger.euCeilingCents;
    expect(await ceiling()).toBe(10_000_000);
    const amend = (euCents: number) =>
      ctx.owner.query(
        `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                             total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
         SELECT application_id, version_no + 1, 'AMENDMENT', cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                total_eligible_cents, greatest(max_eu_cents, $2), $2, total_eligible_cents - $2, rate_bp
           FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no DESC LIMIT 1`,
        [op.id, euCents],
      );
    await amend(8_740_000);
    expect(await ceiling()).toBe(8_740_000);
    await amend(11_000_000);
    expect(await ceiling()).toBe(10_000_000);
  });

  it('pages: the queue lists payments to validate and the 80-day clock; the operation page shows the figures', async () => {
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const queue = await http().get('/paiements').set(manager.auth).expect(200);
    expect(queue.text).toContain('Paiements à valider');
    expect(queue.text).toContain('Délai de paiement de 80 jours');
    const [{ id }] = await ctx.owner.query(`SELECT id FROM application WHERE status = 'CLOSED' LIMIT 1`);
    const page = await http().get(`/operations/${id}/paiements`).set(manager.auth).expect(200);
    expect(page.text).toContain('Opération clôturée');
    expect(page.text).toContain('Fin de la conservation des pièces');
    const applicant = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    await http().get('/paiements').set(applicant.auth).expect(403);

    // Staff forms: an irregularity (bad amount refused on the page), a legal hold and its lifting.
    const bad = await http()
      .post(`/operations/${id}/paiements/irregularites`)
      .set(manager.auth)
      .type('form')
      .send({ type: 'MISSING_PROOF', amountEuros: 'douze', detectedOn: '2026-11-02', description: 'Factures absentes' })
      .expect(422);
    expect(bad.text).toContain('Indiquez le montant en euros');
    await http()
      .post(`/operations/${id}/paiements/irregularites`)
      .set(manager.auth)
      .type('form')
      .send({ type: 'MISSING_PROOF', amountEuros: '1 250,50', detectedOn: '2026-11-02', description: 'Factures absentes' })
      .expect(303);
    const [irr] = await ctx.owner.query(`SELECT amount_cents::int AS amount, type FROM irregularity WHERE application_id = $1 AND type = 'MISSING_PROOF'`, [
      id,
    ]);
    expect(irr).toEqual({ amount: 125_050, type: 'MISSING_PROOF' });
    await http().post(`/operations/${id}/paiements/conservation`).set(manager.auth).type('form').send({ reason: 'Enquête OLAF' }).expect(303);
    expect((await http().get(`/operations/${id}/paiements`).set(manager.auth).expect(200)).text).toContain('Suspendue : Enquête OLAF');
    await http().post(`/operations/${id}/paiements/conservation`).set(manager.auth).type('form').send({ lever: 'oui' }).expect(303);
  });
});
