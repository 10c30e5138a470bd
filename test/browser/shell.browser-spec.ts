/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/modules/demo/demo-data';
import { seedDemo } from '../../src/modules/demo/demo-seeder';
import { axeViolations, cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { at, first } from '../support/checked';

describe('web shell in Chromium', () => {
  const ctx = useBrowserApp();

  beforeAll(async () => {
    await seedDemo(ctx.t.db, ctx.t.config);
  });

  it('shows the DSFR login page with styles and scripts loaded under the CSP', async () => {
    const page = await ctx.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    const res = await page.goto(`${ctx.base}/connexion`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toMatch(/Connexion/);
    // DSFR's stylesheet applied: the header has the Marianne logo block and a non-default font.
    const font = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toMatch(/Marianne/);
    await expect(page.locator('.fr-header .fr-logo').first().isVisible()).resolves.toBe(true);
    expect(existsSync(await screenshot(page, 'login'))).toBe(true);
    expect(violations.filter((v) => cspBlocked(v))).toEqual([]);
    await page.close();
  });

  it.each(DEMO_USERS.map((u) => [at(u.roles, 0, 'role'), u.email]))('signs in as %s and sees that home page', async (role, email) => {
    const page = await ctx.browser.newPage();
    await signIn(ctx, page, { email, password: DEMO_PASSWORD });
    await expect(page.locator('#page-title').innerText()).resolves.toMatch(/^Bonjour /);
    expect(existsSync(await screenshot(page, `home-${role.toLowerCase()}-${first(email.split('@'), 'local part')}`))).toBe(true);

    await Promise.all([page.waitForURL(/\/connexion/), page.click('form[action="/deconnexion"] button')]);
    await page.goto(`${ctx.base}/accueil`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.close();
  });

  it('explains a wrong password without losing the e-mail typed', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', 'porteur@demo.essaim.fr');
    await page.fill('#password', 'pas le bon');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    await expect(page.locator('.fr-alert--error').innerText()).resolves.toContain('mot de passe incorrect');
    await expect(page.inputValue('#email')).resolves.toBe('porteur@demo.essaim.fr');
    await screenshot(page, 'login-error');
    await page.close();
  });

  it('shows the API reference as an accessible DSFR page, not Swagger UI', async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const res = await page.goto(`${ctx.base}/api/docs`);
      expect(res?.status()).toBe(200);
      await expect(page.locator('h1').innerText()).resolves.toBe("Référence de l'API");
      await expect(page.locator('#schemas').isVisible()).resolves.toBe(true);
      await screenshot(page, `api-docs-${width}`);
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
    // A long page (every operation and schema): axe and the full-page screenshots take tens of seconds on 2 cores.
  }, 300_000);
});
