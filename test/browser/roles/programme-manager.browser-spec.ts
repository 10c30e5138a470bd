/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { toParisInputValue } from '../../../src/modules/calls/domain/paris-time';
import { cspBlocked, journeyStep, openConfirmation, signIn, useBrowserApp } from '../../support/browser';
import { closeCall, giveRealPlan } from '../../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier, insertConsensus } from '../../support/factories/evaluation.factory';
import { createUser, type TestUser } from '../../support/factories/user.factory';
import { startTestWorker } from '../../support/test-app';

const ROLE = 'programme-manager';
const DAY = 86_400_000;
const M = 10_000; // 100,00 € in cents

/**
 * The programme manager's job (issue 14), through the pages only after login: create a call with its grid and
 * publish it; on a call whose dossiers were instructed and scored (made by the factories: other roles' work), set up
 * the evaluation panel, read the ranking, create a committee session, freeze its agenda, record presence, open it,
 * record the decisions, close it and find its minutes. axe on every page, screenshots at 1280 and 375 px.
 */
describe('programme manager journey', () => {
  const ctx = useBrowserApp();
  let worker: INestApplicationContext;
  let manager: TestUser;
  let member: TestUser;
  let evaluator: TestUser;
  let call: { id: string; reference: string };
  let dossiers: { id: string; number: string }[];

  beforeAll(async () => {
    worker = await startTestWorker();
    manager = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'], displayName: 'Camille Gestion' });
    member = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Sacha Membre' });
    evaluator = await createUser(ctx.owner, { roles: ['EVALUATOR'], displayName: 'Éva Luatrice' });
    call = await createEvaluationCall(ctx.owner, { envelopeCents: 3000 * M });
    dossiers = [];
    for (const [title, eu] of [
      ['Ruches partagées', 1500 * M],
      ['Garage solidaire', 1000 * M],
    ] as const) {
      const d = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: eu, title });
      await giveRealPlan(ctx.owner, d.id, eu);
      await insertConsensus(ctx.owner, d.id, { C1: 4, C2: 4 }, evaluator.id);
      dossiers.push(d);
    }
    // The call has closed (the clock's work): its ranking, and so the committee's agenda, can be established.
    await closeCall(ctx.owner, call.id);
  });
  afterAll(() => worker?.close());

  /** Clicks and waits for the page that answers (the given address, or any navigation for a form's submit button). */
  const click = async (page: Page, selector: string, url?: RegExp): Promise<void> => {
    await Promise.all([url ? page.waitForURL(url) : page.waitForNavigation(), page.click(selector)]);
  };

  it('creates and publishes a call, sets up its panel, then runs a committee session to its minutes', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, manager);
    expect(await journeyStep(page, ROLE, '01-home')).toEqual([]);

    await click(page, 'header .fr-nav__link[href="/gestion/appels"]', /\/gestion\/appels$/);
    expect(await journeyStep(page, ROLE, '02-calls')).toEqual([]);
    await click(page, 'main a[href="/gestion/appels/nouveau"]', /\/nouveau$/);
    expect(await journeyStep(page, ROLE, '03-new-call')).toEqual([]);
    await page.fill('#reference', 'AAP-P6-PARCOURS');
    await page.fill('#title', 'Essaimage en territoires ruraux');
    await page.fill('#description', "Soutenir l'essaimage de dispositifs innovants dans les territoires ruraux.");
    await page.fill('#envelopeCents', '2 000 000');
    await page.fill('#maxEuCents', '250 000');
    await page.fill('#minEuCents', '20 000');
    await page.fill('#opensAt', toParisInputValue(new Date(Date.now() - DAY)));
    await page.fill('#closesAt', toParisInputValue(new Date(Date.now() + 30 * DAY)));
    await page.fill('#minDurationMonths', '12');
    await page.fill('#maxDurationMonths', '24');
    await page.click('label[for="costOption-INDIRECT_15_STAFF"]');
    await page.fill('#costOptionRate_INDIRECT_15_STAFF', '15');
    // Chosen from lists by their French labels.
    for (const id of ['requiredDocumentTypes-STATUTS', 'requiredDocumentTypes-RIB', 'targetPublics-JEUNES_NEET', 'allowedOperationTypes-ESSAIMAGE'])
      await page.check(`#${id}`, { force: true });
    await click(page, 'form[action="/gestion/appels/nouveau"] button[type=submit]', /\/modifier\?statut=cree$/);
    expect(await journeyStep(page, ROLE, '04-draft-call')).toEqual([]);

    await click(page, "text=Composer la grille d'évaluation", /\/grille$/);
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
    await click(page, '#enregistrer-grille');
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('Grille enregistrée');
    expect(await journeyStep(page, ROLE, '05-grid')).toEqual([]);
    await click(page, "text=Revenir à l'appel", /\/modifier$/);
    await click(page, 'text=Publier…', /\/publier$/);
    expect(await journeyStep(page, ROLE, '06-publish')).toEqual([]);
    await click(page, 'button:has-text("Publier l\'appel")', /\/gestion\/appels\?statut=publie$/);
    expect(await journeyStep(page, ROLE, '07-published')).toEqual([]);

    // The call instructed meanwhile: its evaluation panel, then its ranking.
    await click(page, `main a[href="/gestion/evaluation/appels/${call.id}/comite"]`, /\/comite$/);
    await page.selectOption('#membre-userId', evaluator.id);
    await page.selectOption('#membre-role', 'MEMBER');
    await click(page, 'button:has-text("Ajouter au comité")');
    await expect(page.locator('#table-membres').innerText()).resolves.toContain('Éva Luatrice');
    expect(await journeyStep(page, ROLE, '08-panel')).toEqual([]);
    await click(page, 'header .fr-nav__link[href="/gestion/appels"]', /\/gestion\/appels$/);
    await click(page, `main a[href="/gestion/evaluation/appels/${call.id}/classement"]`, /\/classement$/);
    expect(await journeyStep(page, ROLE, '09-ranking')).toEqual([]);

    // The programming committee: a session with its members, the agenda frozen from the ranking, presence, decisions.
    await click(page, 'header .fr-nav__link[href="/comite"]', /\/comite$/);
    expect(await journeyStep(page, ROLE, '10-committees')).toEqual([]);
    await click(page, `main a[href="/comite/appels/${call.id}/nouvelle-seance"]`, /\/nouvelle-seance$/);
    await page.fill('#title', 'Comité de programmation de mars');
    await page.fill('#scheduledAt', toParisInputValue(new Date(Date.now() + DAY)));
    await page.fill('#quorum', '2');
    for (const u of [manager, member]) await page.click(`label[for="member-${u.id}"]`);
    await page.click(`label[for="chair-${manager.id}"]`);
    expect(await journeyStep(page, ROLE, '11-new-session')).toEqual([]);
    await click(page, 'button:has-text("Créer la séance")', /\/comite\/seances\/[0-9a-f-]{36}\?statut=creee$/);
    expect(await journeyStep(page, ROLE, '12-session')).toEqual([]);

    await click(page, 'button:has-text("Arrêter l\'ordre du jour")');
    for (const u of [manager, member]) await click(page, `form[action$="/presences/${u.id}"] button`);
    await click(page, 'button:has-text("Ouvrir la séance")');
    await expect(page.locator('#statut-seance').textContent()).resolves.toMatch(/En cours/);
    expect(await journeyStep(page, ROLE, '13-session-open')).toEqual([]);

    for (const d of dossiers) {
      await page.click(`label[for="decision-FAVORABLE-${d.id}"]`);
      await Promise.all([page.waitForNavigation(), (await openConfirmation(page, `form[action$="/dossiers/${d.id}/decision"]`)).click()]);
    }
    expect(await journeyStep(page, ROLE, '14-decisions')).toEqual([]);

    await Promise.all([page.waitForNavigation(), (await openConfirmation(page, '#form-clore')).click()]);
    await expect(page.locator('#statut-seance').textContent()).resolves.toMatch(/Close/);
    // The minutes, rendered by the worker, replace « en cours de production » on the session page without reloading it
    // (live-status.js), the change announced in the aria-live region.
    const pendingAtLoad = (await page.locator('#proces-verbal-en-cours').count()) > 0;
    await page.waitForSelector('#proces-verbal-lien a.fr-link--download', { timeout: 90_000 });
    await expect(page.locator('#proces-verbal-en-cours').count()).resolves.toBe(0);
    if (pendingAtLoad) await expect(page.locator('#proces-verbal-etat').textContent()).resolves.toContain('Le procès-verbal est prêt');
    await expect(page.locator('#proces-verbal-lien a').getAttribute('href')).resolves.toMatch(/^\/documents\/[0-9a-f-]{36}\/telecharger$/);
    expect(await journeyStep(page, ROLE, '15-minutes')).toEqual([]);
    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
  }, 300_000);
});
