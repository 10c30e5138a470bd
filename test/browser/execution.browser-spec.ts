/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { addDays } from '../../src/modules/documents/domain/convention-terms';
import { parisToday } from '../../src/modules/operations/domain/dates';
import { createApplicant, createDraft, createOpenCall, createStaff, pdfBytes } from '../support/factories/application.factory';
import { programmedDossier } from '../support/factories/documents.factory';
import { operationDates, participantRows, toCsv } from '../support/factories/execution.factory';
import { TEST_PASSWORD } from '../support/factories/user.factory';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { startTestWorker, waitFor } from '../support/test-app';
import { at } from '../support/checked';

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('a beneficiary signs, starts and reports in Chromium', () => {
  const ctx = useBrowserApp();
  let worker: INestApplicationContext;
  beforeAll(async () => (worker = await startTestWorker()));
  afterAll(() => worker.close());

  it('walks signature, start, a report with an import, and its submission', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const dates = operationDates(18);
    await ctx.owner.query(`UPDATE application SET start_date = $2, end_date = $3 WHERE id = $1`, [d.applicationId, dates.start, dates.end]);
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    await ctx.t.http().post('/api/v1/documents').set(manager.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    const statusOf = async () => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [d.applicationId]))[0].status;
    await waitFor(async () => (await statusOf()) === 'CONVENTION_ISSUED', 30_000);

    const context = await ctx.browser.newContext(); // axe-core's builder needs a page of an explicit context
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', d.applicant.user.email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('button[type=submit]')]);

    // Signature of the convention version shown (its SHA-256 travels with the form).
    await page.goto(`${ctx.base}/operations/${d.applicationId}`);
    await expectAccessible(page);
    await page.fill('#signerName', 'Léa Porteuse');
    await page.fill('#signerTitle', 'Présidente');
    await Promise.all([page.waitForURL(/fait=signee/), page.click('form[action$="/signer"] button[type=submit]')]);
    await screenshot(page, 'execution-signed');
    const op = (await ctx.t.http().get(`/api/v1/operations/${d.applicationId}`).set(manager.auth).expect(200)).body;
    await ctx.t
      .http()
      .post(`/api/v1/operations/${d.applicationId}/countersignature`)
      .set(manager.auth)
      .send({ signerName: 'Claire Gestionnaire', signerTitle: 'Directrice', documentSha256: op.convention.sha256 })
      .expect(201);

    // Attestation de démarrage.
    await page.goto(`${ctx.base}/operations/${d.applicationId}`);
    await page.fill('#actualStartDate', addDays(dates.start, 2));
    await page.fill('#firstExpensesDate', addDays(dates.start, 4));
    await page.fill('#firstExpensesEuros', '1 250,00');
    await Promise.all([page.waitForURL(/fait=demarree/), page.click('form[action$="/demarrer"] button[type=submit]')]);
    await expect(page.locator('#statut-operation').innerText()).resolves.toMatch(/en cours d'exécution/i);
    await expectAccessible(page);

    // The first report: achievements, one expense with its file, participants imported from a CSV file.
    await page.click('section[aria-labelledby="bilans"] a >> nth=0');
    await page.waitForURL(/\/bilans\//);
    await expectAccessible(page);
    await page.fill('#done', 'Trois ateliers ouverts, quarante jeunes accompagnés.');
    await page.fill('#results', 'Dix sorties en emploi.');
    await Promise.all([page.waitForURL(/fait=contenu/), page.click('form[action$="/contenu"] button[type=submit]')]);
    await page.selectOption('#category', 'OTHER_DIRECT');
    await page.fill('#label', 'Location de salle');
    await page.fill('#supplier', 'Maison des associations');
    await page.fill('#documentRef', 'F-2026-014');
    await page.fill('#documentDate', addDays(dates.start, 10));
    await page.fill('#incurredOn', addDays(dates.start, 10));
    await page.fill('#paidOn', addDays(dates.start, 20));
    await page.fill('#amountHtEuros', '1 000,00');
    await page.fill('#amountTtcEuros', '1 200,00');
    await page.fill('#sharePercent', '50');
    await Promise.all([page.waitForURL(/fait=ligne/), page.click('#nouvelle-ligne button[type=submit]')]);
    await page.setInputFiles('input[id^="piece-"]', { name: 'facture.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Facture') });
    await Promise.all([page.waitForURL(/fait=piece/), page.click('form[action*="/pieces"] button[type=submit]')]);

    const rows = participantRows(40, addDays(dates.start, 1));
    const bad = rows.map((r) => [...r]);
    at(bad, 12, 'bad line')[3] = 'Z';
    await page.setInputFiles('#fichier-participants', { name: 'participants.csv', mimeType: 'text/csv', buffer: toCsv(bad) });
    await page.click('#import-participants button[type=submit]');
    await expect(page.locator('#erreurs-import').innerText()).resolves.toContain('Ligne 13, colonne « sexe »');
    await expectAccessible(page);
    await page.setInputFiles('#fichier-participants', { name: 'participants.csv', mimeType: 'text/csv', buffer: toCsv(rows) });
    await Promise.all([page.waitForURL(/fait=import/), page.click('#import-participants button[type=submit]')]);
    await expect(page.locator('#indicateurs tbody tr', { hasText: 'EECO01' }).locator('td').nth(2).innerText()).resolves.toBe('40');
    await screenshot(page, 'execution-report-editor');

    // One participant entered by hand (an error first: the exit situations exclude each other), then corrected.
    await page.fill('#lastName', 'Saisie');
    await page.fill('#firstName', 'Manuelle');
    await page.fill('#birthDate', '1998-03-14');
    await page.selectOption('#sex', 'F');
    await page.fill('#entryDate', addDays(dates.start, 3));
    await page.selectOption('#employmentStatus', 'UNEMPLOYED');
    await page.selectOption('#educationLevel', 'ISCED_3_4');
    await page.selectOption('#disability', 'REFUSED');
    await page.fill('#exitDate', addDays(dates.start, 40));
    // DSFR draws the box on the label, which takes the click.
    await page.click('label[for="exitJobSearch"]');
    await page.click('label[for="exitEmployed"]');
    await page.click('#ajout-participant button[type=submit]');
    await expect(page.locator('#exitEmployed-messages').innerText()).resolves.toContain('s’excluent');
    await expectAccessible(page);
    await page.click('label[for="exitJobSearch"]');
    expect(await page.isChecked('#exitJobSearch')).toBe(false);
    await Promise.all([page.waitForURL(/fait=participant/), page.click('#ajout-participant button[type=submit]')]);
    await expect(page.locator('#indicateurs tbody tr', { hasText: 'EECO01' }).locator('td').nth(2).innerText()).resolves.toBe('41');
    await page.click('#liste-participants tr:has-text("Manuelle") a');
    await page.waitForURL(/\/participants\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.selectOption('#sex', 'M');
    await Promise.all([page.waitForURL(/fait=participant/), page.click('#modifier-participant button[type=submit]')]);
    const [edited] = await ctx.owner.query(`SELECT sex, exit_employed FROM participant WHERE application_id = $1 AND first_name = 'Manuelle'`, [
      d.applicationId,
    ]);
    expect(edited).toEqual({ sex: 'M', exit_employed: true });

    // A postponement asked by the beneficiary, granted by the programme manager on the same page.
    const [{ id: reportId, due }] = await ctx.owner.query(`SELECT id, due_date::text AS due FROM execution_report WHERE application_id = $1 AND seq = 1`, [
      d.applicationId,
    ]);
    await page.click('#demande-report button[type=submit]');
    await expect(page.locator('#postponementDueDate-messages').innerText()).resolves.toContain('Indiquez la nouvelle échéance');
    await expect(page.locator('#postponementReason-messages').innerText()).resolves.toContain('Motivez');
    await expectAccessible(page);
    await page.fill('#postponementDueDate', addDays(due, -1));
    await page.fill('#postponementReason', 'Les attestations de sortie arrivent en retard.');
    await page.click('#demande-report button[type=submit]');
    await expect(page.locator('#postponementDueDate-messages').innerText()).resolves.toContain('après le');
    await page.fill('#postponementDueDate', addDays(due, 30));
    await page.fill('#postponementReason', 'Les attestations de sortie arrivent en retard.');
    await Promise.all([page.waitForURL(/fait=report-demande/), page.click('#demande-report button[type=submit]')]);
    await expectAccessible(page);
    const staffContext = await ctx.browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(ctx, staff, manager.user); // staff sign in with their second factor
    await staff.goto(`${ctx.base}/bilans/${reportId}`);
    await expectAccessible(staff);
    await Promise.all([staff.waitForURL(/fait=report-accorde/), staff.click('#decision-report button[type=submit]')]);
    await expect(staff.locator('#etat-report').innerText()).resolves.toContain('accordé');
    expect((await ctx.owner.query(`SELECT postponement_status FROM execution_report WHERE id = $1`, [reportId]))[0].postponement_status).toBe('GRANTED');

    await Promise.all([page.waitForURL(/fait=depose/), page.click('form[action$="/deposer"] button[type=submit]')]);
    await expect(page.locator('#statut-bilan').innerText()).resolves.toMatch(/déposé/i);
    await expectAccessible(page);
    const [report] = await ctx.owner.query(`SELECT status FROM execution_report WHERE application_id = $1 AND seq = 1`, [d.applicationId]);
    expect(report.status).toBe('SUBMITTED');
    expect(await statusOf()).toBe('IN_PROGRESS');
    expect(parisToday() >= dates.start).toBe(true);

    // An amendment: the beneficiary asks for an extension, the programme manager accepts it.
    await page.goto(`${ctx.base}/operations/${d.applicationId}`);
    await Promise.all([page.waitForURL(/\/avenant$/), page.click('a[href$="/avenant"]')]);
    await expectAccessible(page);
    await page.click('#demande-avenant button[type=submit]');
    await expect(page.locator('#reason-messages').innerText()).resolves.toContain('Motivez');
    await expectAccessible(page);
    await page.fill('#newEndDate', addDays(dates.end, 90));
    await page.fill('#reason', 'Recrutement plus lent que prévu.');
    await Promise.all([page.waitForURL(/fait=avenant-demande/), page.click('#demande-avenant button[type=submit]')]);
    const [{ id: amendmentId }] = await ctx.owner.query(`SELECT id FROM amendment WHERE application_id = $1`, [d.applicationId]);
    await staff.goto(`${ctx.base}/avenants/${amendmentId}`);
    await expectAccessible(staff);
    await staff.fill('#decisionReason', 'Prolongation justifiée par le calendrier de recrutement.');
    await Promise.all([staff.waitForURL(/fait=decision/), staff.click('#decision-avenant button[type=submit]')]);
    await expect(staff.locator('#statut-avenant').innerText()).resolves.toMatch(/acceptée — avenant n° 1/i);
    await expectAccessible(staff);
    expect((await ctx.owner.query(`SELECT end_date::text AS e FROM operation WHERE application_id = $1`, [d.applicationId]))[0].e).toBe(addDays(dates.end, 90));
    await page.goto(`${ctx.base}/avenants/${amendmentId}`);
    await expect(page.locator('#motif-decision').innerText()).resolves.toContain('Prolongation justifiée');
    await expect(page.locator('#decision-avenant').count()).resolves.toBe(0);

    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
    await staffContext.close();
    await context.close();
  }, 240_000); // the whole journey: two browser sessions, the worker's PDFs, a dozen axe runs on a shared machine

  it('lets an applicant declare the indicator targets of a draft, EECO01 with its breakdown by sex', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', a.user.email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('button[type=submit]')]);
    await page.goto(`${ctx.base}/dossiers/${id}/cibles`);
    await expectAccessible(page);
    await page.fill('#EECO01_total', '40');
    await page.fill('#EECO01_women', '20');
    await page.fill('#EECO01_men', '10');
    await page.fill('#EECO01_nonBinary', '1');
    await page.fill('#EECO02_total', 'vingt');
    await page.click('#form-cibles button[type=submit]');
    await expect(page.locator('#resume-erreurs').innerText()).resolves.toContain('EECO02');
    await expectAccessible(page);
    await page.fill('#EECO02_total', '20');
    await page.click('#form-cibles button[type=submit]');
    await expect(page.locator('#EECO01_total-messages').innerText()).resolves.toContain('égaler le total');
    await expectAccessible(page);
    await page.fill('#EECO01_men', '19');
    for (const code of ['EECO05', 'EECO12', 'EECR01', 'EECR04']) await page.fill(`#${code}_total`, '5');
    await Promise.all([page.waitForURL(/enregistre=1/), page.click('#form-cibles button[type=submit]')]);
    await expectAccessible(page);
    const targets = await ctx.owner.query(`SELECT code, total, women, men, non_binary FROM indicator_target WHERE application_id = $1 ORDER BY code`, [id]);
    expect(targets[0]).toEqual({ code: 'EECO01', total: 40, women: 20, men: 19, non_binary: 1 });
    expect(targets.map((t: { code: string }) => t.code)).toEqual(['EECO01', 'EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04']);
    await screenshot(page, 'dossier-targets');
    await context.close();
  });
});
