/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/modules/demo/demo-data';
import { seedDemo } from '../../src/modules/demo/demo-seeder';
import { launchBrowser, screenshot } from '../support/browser';
import { createTestApp, ownerDataSource, TestApp, truncateAll } from '../support/test-app';

describe('web shell in Chromium', () => {
  let t: TestApp;
  let owner: DataSource;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource();
    await truncateAll(owner);
    await seedDemo(t.db, t.config);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await owner.destroy();
  });

  it('shows the DSFR login page with styles and scripts loaded under the CSP', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    const res = await page.goto(`${base}/connexion`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toMatch(/Connexion/);
    // DSFR's stylesheet applied: the header has the Marianne logo block and a non-default font.
    const font = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toMatch(/Marianne/);
    await expect(page.locator('.fr-header .fr-logo').first().isVisible()).resolves.toBe(true);
    expect(existsSync(await screenshot(page, 'login'))).toBe(true);
    expect(violations.filter((v) => /Content Security Policy|Refused/.test(v))).toEqual([]);
    await page.close();
  });

  it.each(DEMO_USERS.map((u) => [u.roles[0], u.email]))('signs in as %s and sees that home page', async (role, email) => {
    const page = await browser.newPage();
    await page.goto(`${base}/connexion`);
    await page.fill('#email', email);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/accueil`), page.click('button[type=submit]')]);
    await expect(page.locator('#page-title').innerText()).resolves.toMatch(/^Bonjour /);
    expect(existsSync(await screenshot(page, `home-${role.toLowerCase()}-${email.split('@')[0]}`))).toBe(true);

    await Promise.all([page.waitForURL(/\/connexion/), page.click('form[action="/deconnexion"] button')]);
    await page.goto(`${base}/accueil`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.close();
  });

  it('explains a wrong password without losing the e-mail typed', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/connexion`);
    await page.fill('#email', 'porteur@demo.essaim.fr');
    await page.fill('#password', 'pas le bon');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    await expect(page.locator('.fr-alert--error').innerText()).resolves.toContain('mot de passe incorrect');
    await expect(page.inputValue('#email')).resolves.toBe('porteur@demo.essaim.fr');
    await screenshot(page, 'login-error');
    await page.close();
  });
});
