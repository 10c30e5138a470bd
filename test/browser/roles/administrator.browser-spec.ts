import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../../support/factories/user.factory';
import { join } from 'node:path';
import { axeViolations, cspBlocked, journeyStep, SCREENSHOTS, signIn, useBrowserApp } from '../../support/browser';

const ROLE = 'administrator';

/**
 * The administrator's job (issue 14), through the pages only after login: the home page and its menu, accounts
 * (create a staff account, deactivate, reactivate, reset its access), the service status, the failed jobs; the
 * header menu on a phone. axe on every page, screenshots at 1280 and 375 px.
 */
describe('administrator journey', () => {
  const ctx = useBrowserApp();
  let admin: TestUser;

  beforeAll(async () => {
    admin = await createUser(ctx.owner, { roles: ['ADMINISTRATOR'], displayName: 'Alix Admin' });
    // A job the worker gave up on (a document that could not be rendered), as the outbox keeps it.
    await ctx.owner.query(
      `INSERT INTO outbox (queue, job_name, payload, created_at, published_at, failed_at, failure_reason, retry_count)
       VALUES ('documents', 'generate-document', '{"documentId":"00000000-0000-4000-8000-000000000001"}', now() - interval '2 hours', now() - interval '2 hours', now() - interval '1 hour', 'Modèle introuvable', 3)`,
    );
  });

  const click = async (page: Page, selector: string, url?: RegExp): Promise<void> => {
    await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState('load'), page.click(selector)]);
  };

  it('manages staff accounts, then checks the service and its failed jobs', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, admin);
    await expect(page.locator('#espace-administrator .essaim-task').count()).resolves.toBe(4);
    expect(await journeyStep(page, ROLE, '01-home')).toEqual([]);

    // On a phone the menu folds behind « Menu »: it opens as a dialog with every section and the account links.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.click('#bouton-menu');
    await page.locator('#menu-principal .fr-nav__link[href="/administration/taches"]').waitFor({ state: 'visible' });
    await page.locator('#menu-principal a[href="/compte"]').waitFor({ state: 'visible' });
    expect((await axeViolations(page)).map((v) => `02-phone-menu: ${v}`)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, ROLE, '02-phone-menu-375.png') });
    await page.click('#menu-principal .fr-btn--close');
    await page.setViewportSize({ width: 1280, height: 900 });

    await click(page, 'header .fr-nav__link[href="/administration/comptes"]', /\/administration\/comptes$/);
    await expect(page.locator('.fr-nav__link[aria-current="page"]').innerText()).resolves.toBe('Comptes');
    expect(await journeyStep(page, ROLE, '03-accounts')).toEqual([]);

    await click(page, 'main a[href="/administration/comptes/nouveau"]', /\/nouveau$/);
    expect(await journeyStep(page, ROLE, '04-new-account')).toEqual([]);
    await page.fill('#displayName', 'Ilan Instructeur');
    await page.fill('#email', 'ilan.instructeur@oi.example');
    await page.click('label[for="roles-INSTRUCTOR"]');
    await click(page, 'main form[action="/administration/comptes/nouveau"] button[type=submit]');
    await expect(page.locator('main').innerText()).resolves.toContain('Ilan Instructeur');
    expect(await journeyStep(page, ROLE, '05-account-created')).toEqual([]);

    await click(page, 'main a.fr-btn[href^="/administration/comptes/"]:not([href$="/comptes"])', /\/administration\/comptes\/[0-9a-f-]{36}$/);
    expect(await journeyStep(page, ROLE, '06-account')).toEqual([]);

    await click(page, 'main form[action$="/desactivation"] button[type=submit]');
    await page.locator('main form[action$="/reactivation"]').waitFor();
    expect(await journeyStep(page, ROLE, '07-deactivated')).toEqual([]);

    await click(page, 'main form[action$="/reactivation"] button[type=submit]');
    await page.locator('main form[action$="/desactivation"]').waitFor();
    expect(await journeyStep(page, ROLE, '08-reactivated')).toEqual([]);

    await click(page, 'main form[action$="/reinitialisation"] button[type=submit]');
    await expect(page.locator('main').innerText()).resolves.toMatch(/provisoire/i);
    expect(await journeyStep(page, ROLE, '09-access-reset')).toEqual([]);

    await click(page, 'header .fr-nav__link[href="/administration/etat-du-service"]', /\/etat-du-service$/);
    expect(await journeyStep(page, ROLE, '10-service-status')).toEqual([]);

    await click(page, 'header .fr-nav__link[href="/administration/taches"]', /\/administration\/taches$/);
    await expect(page.locator('main').innerText()).resolves.toContain('Modèle introuvable');
    expect(await journeyStep(page, ROLE, '11-failed-jobs')).toEqual([]);

    // The user menu leads to the profile page.
    await click(page, 'header a.essaim-user[href="/compte"]', /\/compte$/);
    expect(await journeyStep(page, ROLE, '12-profile')).toEqual([]);
    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
  });
});
