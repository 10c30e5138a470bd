import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { totpCode } from '../../src/modules/auth/second-factor/domain/totp';
import { createTestApp, ownerDataSource, TestApp, truncateAll } from './test-app';

export const SCREENSHOTS = join(__dirname, '..', 'browser', 'screenshots');

/** Debian's Chromium, headless, with background networking off (the machine has no network beyond registries). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** axe-core on the page as rendered (WCAG 2.1 A and AA rules): the list of violations, each with its first target. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface BrowserApp {
  t: TestApp;
  owner: DataSource;
  browser: Browser;
  /** http://127.0.0.1:<port> of the app under test. */
  base: string;
}

/** Registers hooks: an emptied database, the real app listening on a free port, and Chromium; all closed at the end. */
export function useBrowserApp(): BrowserApp {
  const ctx = {} as BrowserApp;
  beforeAll(async () => {
    // The port is chosen first so that PUBLIC_URL, and with it the links in mails, point at this very app.
    const port = await freePort();
    ctx.base = `http://127.0.0.1:${port}`;
    ctx.t = await createTestApp({ env: { PUBLIC_URL: ctx.base } });
    ctx.owner = await ownerDataSource();
    await truncateAll(ctx.owner);
    await ctx.t.app.listen({ port, host: '127.0.0.1' });
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.t?.close();
    await ctx.owner?.destroy();
  });
  return ctx;
}

export interface BrowserUser {
  email: string;
  password: string;
  /** Set once the account is enrolled (by the factory, or by signIn at a first staff login). */
  totpSecret?: string;
}

/**
 * Signs in through /connexion as a person would, second factor included (docs/security.md): the code of an enrolled
 * account is computed from its secret; a staff account without one enrols on /connexion/activation, reading the key
 * shown beside the QR code, and keeps it for the next sign-in. Ends on `landing` (default /accueil).
 */
export async function signIn(ctx: BrowserApp, page: Page, user: BrowserUser, landing = '/accueil'): Promise<void> {
  const target = `${ctx.base}${landing}`;
  await page.goto(`${ctx.base}/connexion${landing === '/accueil' ? '' : `?suite=${encodeURIComponent(landing)}`}`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  const stepOrLanding = (url: URL) => url.href === target || url.pathname === '/connexion/code' || url.pathname === '/connexion/activation';
  await Promise.all([page.waitForURL(stepOrLanding), page.click('form[action="/connexion"] button[type=submit]')]);
  const path = new URL(page.url()).pathname;
  if (path === '/connexion/activation') {
    user.totpSecret = (await page.locator('#totp-secret').innerText()).trim();
    await page.fill('#code', totpCode(user.totpSecret));
    await Promise.all([page.waitForSelector('#recovery-codes'), page.click('main button[type=submit]')]);
    await Promise.all([page.waitForURL(target), page.click('#continuer')]);
  } else if (path === '/connexion/code') {
    if (!user.totpSecret) throw new Error(`${user.email} is enrolled but the test does not know its secret`);
    // One code per 30-second step is accepted (replay guard): forget the last step, as a new step would.
    await ctx.owner.query(`UPDATE user_totp SET last_used_step = NULL WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [user.email]);
    await page.fill('#code', totpCode(user.totpSecret));
    await Promise.all([page.waitForURL(target), page.click('main button[type=submit]')]);
  }
}

/**
 * A console error saying the CSP blocked a script, a resource or a frame. DSFR's own script sometimes writes a
 * `style` attribute (collapsible heights), which `style-src 'self'` refuses harmlessly: that one is not counted.
 */
export function cspBlocked(message: string): boolean {
  return /Content Security Policy|Refused/.test(message) && !/Applying inline style/.test(message);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * One step of a role's journey (issue 14): runs axe on the page as it is, then screenshots it at desktop (1280 px)
 * and phone (375 px) widths as `<role>/<nn>-<step>-<width>.png`, and restores the desktop width. Returns the axe
 * violations so that the spec asserts `toEqual([])` with the step named in the failure.
 */
export async function journeyStep(page: Page, role: string, step: string): Promise<string[]> {
  const violations = await axeViolations(page);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 812 });
    await screenshot(page, `${role}/${step}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return violations.map((v) => `${step}: ${v}`);
}

/**
 * An irreversible action behind a confirmation modal (templates/views/macros/confirm.njk): clicks the button that opens
 * the DSFR modal (scoped by `scope`, e.g. a form selector), waits for it, and returns the modal's confirm button.
 */
export async function openConfirmation(page: Page, scope: string): Promise<Locator> {
  const opener = page.locator(`${scope} [data-confirm-opener]`).first();
  await opener.waitFor({ state: 'visible' });
  const modalId = await opener.getAttribute('aria-controls');
  await opener.click();
  const modal = page.locator(`#${modalId}`);
  await modal.locator('[data-confirm-submit]').waitFor({ state: 'visible' });
  return modal.locator('[data-confirm-submit]');
}
