/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { addDays } from '../../src/modules/documents/domain/convention-terms';
import { parisToday } from '../../src/modules/operations/domain/dates';
import { createStaff, pdfBytes } from '../support/factories/application.factory';
import { programmedDossier } from '../support/factories/documents.factory';
import { operationDates, participantRows, toCsv } from '../support/factories/execution.factory';
import { TEST_PASSWORD } from '../support/factories/user.factory';
import { cspBlocked, screenshot, useBrowserApp } from '../support/browser';
import { startTestWorker, waitFor } from '../support/test-app';

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

    const page = await ctx.browser.newPage();
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
    await ctx.t.http().post(`/api/v1/operations/${d.applicationId}/countersignature`).set(manager.auth).send({ signerName: 'Claire Gestionnaire', signerTitle: 'Directrice', documentSha256: op.convention.sha256 }).expect(201);

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
    bad[12][3] = 'Z';
    await page.setInputFiles('#fichier-participants', { name: 'participants.csv', mimeType: 'text/csv', buffer: toCsv(bad) });
    await page.click('#import-participants button[type=submit]');
    await expect(page.locator('#erreurs-import').innerText()).resolves.toContain('Ligne 13, colonne « sexe »');
    await expectAccessible(page);
    await page.setInputFiles('#fichier-participants', { name: 'participants.csv', mimeType: 'text/csv', buffer: toCsv(rows) });
    await Promise.all([page.waitForURL(/fait=import/), page.click('#import-participants button[type=submit]')]);
    await expect(page.locator('#indicateurs tbody tr', { hasText: 'EECO01' }).locator('td').nth(2).innerText()).resolves.toBe('40');
    await screenshot(page, 'execution-report-editor');

    await Promise.all([page.waitForURL(/fait=depose/), page.click('form[action$="/deposer"] button[type=submit]')]);
    await expect(page.locator('#statut-bilan').innerText()).resolves.toMatch(/déposé/i);
    await expectAccessible(page);
    const [report] = await ctx.owner.query(`SELECT status FROM execution_report WHERE application_id = $1 AND seq = 1`, [d.applicationId]);
    expect(report.status).toBe('SUBMITTED');
    expect(await statusOf()).toBe('IN_PROGRESS');
    expect(parisToday() >= dates.start).toBe(true);
    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
    await page.close();
  });
});
