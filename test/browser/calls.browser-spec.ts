/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { Page } from 'playwright-core';
import { daysLeft } from '../../src/modules/calls/domain/call-window';
import { parisCalendarDate, parseParisDateTime, toParisInputValue } from '../../src/modules/calls/domain/paris-time';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { createUser, TestUser } from '../support/factories/user.factory';

const DAY = 86_400_000;

describe('calls in Chromium: a programme manager drafts, publishes, and the call is open to all', () => {
  const ctx = useBrowserApp();
  let manager: TestUser;

  beforeAll(async () => {
    manager = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'], displayName: 'Camille Gestion' });
  });

  /** Submits and waits for the page that answers (a redirect or a re-rendered form). */
  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  it('goes from the login page to a published call listed on /appels', async () => {
    const page = await ctx.browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));

    await signIn(ctx, page, manager);
    await Promise.all([page.waitForURL(`${ctx.base}/gestion/appels`), page.click('a[href="/gestion/appels"] >> nth=0')]);
    await Promise.all([page.waitForURL(`${ctx.base}/gestion/appels/nouveau`), page.click('text=Nouvel appel à projets')]);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Nouvel appel à projets');

    const closesAt = `${parisCalendarDate(new Date(Date.now() + 12 * DAY))}T12:00`;
    await page.fill('#reference', 'AAP-P6-NAVIGATEUR');
    await page.fill('#title', 'Innovation sociale en territoires ruraux');
    await page.fill('#description', "Soutenir l'essaimage de dispositifs innovants dans les territoires ruraux.");
    await page.fill('#envelopeCents', 'deux millions');
    await page.fill('#maxEuCents', '250 000');
    await page.fill('#minEuCents', '20 000,00');
    await page.fill('#opensAt', toParisInputValue(new Date(Date.now() - DAY)));
    await page.fill('#closesAt', closesAt);
    await page.fill('#minDurationMonths', '12');
    await page.fill('#maxDurationMonths', '24');
    await page.click('label[for="costOption-INDIRECT_15_STAFF"]');
    await page.fill('#costOptionRate_INDIRECT_15_STAFF', '15');
    await page.click('label[for="costOption-OTHER_COSTS_40_STAFF"]');
    // Chosen from lists by their French labels (issue 14), never typed as codes.
    for (const id of [
      'requiredDocumentTypes-STATUTS',
      'requiredDocumentTypes-RIB',
      'requiredDocumentTypes-BUDGET_PREVISIONNEL',
      'targetPublics-JEUNES_NEET',
      'targetPublics-HABITANTS_QPV',
      'allowedOperationTypes-ESSAIMAGE',
    ]) {
      await page.check(`#${id}`, { force: true });
    }

    // A typo in an amount: the page comes back with the message next to the field and everything else kept.
    await submit(page, 'form[action="/gestion/appels/nouveau"] button[type=submit]');
    await expect(page.locator('#envelopeCents-message-error').innerText()).resolves.toContain('Montant illisible');
    await expect(page.locator('#resume-erreurs').isVisible()).resolves.toBe(true);
    await expect(page.inputValue('#title')).resolves.toBe('Innovation sociale en territoires ruraux');
    await expect(page.isChecked('#costOption-INDIRECT_15_STAFF')).resolves.toBe(true);
    expect(existsSync(await screenshot(page, 'calls-form-errors'))).toBe(true);

    await page.fill('#envelopeCents', '2 000 000,00');
    await submit(page, 'form[action="/gestion/appels/nouveau"] button[type=submit]');
    expect(page.url()).toMatch(/\/gestion\/appels\/[0-9a-f-]{36}\/modifier\?statut=cree$/);
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('Brouillon créé');
    await expect(page.inputValue('#closesAt')).resolves.toBe(closesAt);
    await screenshot(page, 'calls-form-draft');

    // The grid is composed criterion by criterion on its own page; publication needs it.
    await Promise.all([page.waitForURL(/\/grille$/), page.click("text=Composer la grille d'évaluation")]);
    await page.fill('#code_0', 'C1');
    await page.fill('#label_0', 'Réponse à un besoin social');
    await page.fill('#weight_0', '3');
    await page.fill('#scaleMin_0', '0');
    await page.fill('#scaleMax_0', '5');
    await page.fill('#threshold_0', '2');
    await page.fill('#code_1', 'C2');
    await page.fill('#label_1', 'Capacité à essaimer');
    await page.fill('#weight_1', '2');
    await page.fill('#scaleMin_1', '0');
    await page.fill('#scaleMax_1', '5');
    await submit(page, '#enregistrer-grille');
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('Grille enregistrée');
    // Reordered without JavaScript: « Monter » re-renders the rows swapped; then saved.
    await submit(page, '#monter-1');
    await expect(page.inputValue('#code_0')).resolves.toBe('C2');
    await submit(page, '#ajouter-critere');
    await expect(page.locator('#code_4').count()).resolves.toBe(1);
    await screenshot(page, 'calls-grid-editor');
    await submit(page, '#enregistrer-grille');
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('Grille enregistrée');
    await expect(page.inputValue('#code_0')).resolves.toBe('C2');
    await Promise.all([page.waitForURL(/\/modifier$/), page.click("text=Revenir à l'appel")]);

    await Promise.all([page.waitForURL(/\/publier$/), page.click('text=Publier…')]);
    await expect(page.locator('#confirmation-texte').innerText()).resolves.toContain('figées en version 1');
    await screenshot(page, 'calls-publish-confirm');
    await Promise.all([page.waitForURL(`${ctx.base}/gestion/appels?statut=publie`), page.click('button:has-text("Publier l\'appel")')]);
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('publié');
    await expect(page.locator('tbody tr').first().innerText()).resolves.toMatch(/publié v1/i); // DSFR badges are upper-cased by CSS
    await screenshot(page, 'calls-manage');

    // Anyone, signed in or not, now finds it among the open calls.
    const visitor = await ctx.browser.newPage();
    await visitor.goto(`${ctx.base}/appels`);
    const card = visitor.locator('.fr-card', { hasText: 'Innovation sociale en territoires ruraux' });
    await expect(card.count()).resolves.toBe(1);
    const cardText = await card.innerText();
    expect(cardText).toContain('2\u202f000\u202f000,00\u202f€');
    expect(cardText).toContain(`J-${daysLeft(parseParisDateTime(closesAt)!, new Date())}`);
    expect(cardText).toMatch(/Clôture le \d{1,2}(er)? \p{L}+ \d{4} à 12h00/u);
    await screenshot(visitor, 'calls-public-list');

    await Promise.all([visitor.waitForURL(/\/appels\/[0-9a-f-]{36}$/), card.locator('a').click()]);
    const detail = await visitor.locator('main').innerText();
    for (const text of [
      '95\u202f%',
      'Coûts indirects forfaitaires sur les frais de personnel',
      'Statuts de la structure',
      'Réponse à un besoin social',
      'de 12 à 24 mois',
    ]) {
      expect(detail).toContain(text);
    }
    await screenshot(visitor, 'calls-public-detail');

    expect(cspErrors).toEqual([]);
    await visitor.close();
    await page.close();
  });
});
