/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/modules/auth/second-factor/domain/totp';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { createUser } from '../support/factories/user.factory';

const LEA = { name: 'Léa Porteuse', email: 'lea.comptes@ruches.example', password: 'quatre abeilles dansent sur la lavande' };
const NEW_PASSWORD = 'le miel coule doucement vers la vallée';

/** axe-core on the page as rendered (WCAG 2.1 A and AA rules): the list of violations, each with its first target. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

/** Accounts in Chromium (docs/security.md): sign-up confirmed by mail, password reset, staff second factor enrolment. */
describe('accounts in Chromium: sign-up with e-mail verification, password reset, TOTP enrolment', () => {
  const ctx = useBrowserApp();
  const cspErrors: string[] = [];
  const violations: Record<string, string[]> = {};

  async function newPage(): Promise<Page> {
    const page = await (await ctx.browser.newContext()).newPage();
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));
    return page;
  }
  const audit = async (page: Page, name: string) => {
    violations[name] = await axeViolations(page);
    await screenshot(page, `accounts-${name}`);
  };
  /** Opens the latest mail to `email` in the development mailbox and follows its link matching `href`. */
  async function followMailLink(page: Page, email: string, subject: string, href: string, landing: RegExp): Promise<void> {
    await page.goto(`${ctx.base}/dev/mails`);
    await Promise.all([page.waitForLoadState('load'), page.click(`tr:has-text("${email}") a:has-text("${subject}") >> nth=0`)]);
    await Promise.all([page.waitForURL(landing), page.click(`main a[href*="${href}"]`)]);
  }

  it('signs an applicant up, confirms the address from the mail, and signs in', async () => {
    const page = await newPage();
    await page.goto(`${ctx.base}/inscription`);
    await audit(page, 'sign-up');
    await page.fill('#displayName', LEA.name);
    await page.fill('#email', LEA.email);
    await page.fill('#password', LEA.password);
    await Promise.all([page.waitForURL(/\/inscription\/envoyee$/), page.click('form[action="/inscription"] button[type=submit]')]);
    await audit(page, 'sign-up-sent');

    // Before the link is followed, the password alone opens nothing.
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', LEA.email);
    await page.fill('#password', LEA.password);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/connexion"] button[type=submit]')]);
    await expect(page.locator('.fr-alert--error').innerText()).resolves.toContain('Confirmez d');

    await followMailLink(page, LEA.email, 'Confirmez votre adresse', '/compte/confirmer/', /\/connexion\?inscription=ok/);
    await expect(page.locator('main').innerText()).resolves.toContain('Votre adresse est confirmée');
    await audit(page, 'login-confirmed');
    await signIn(ctx, page, LEA);
    await expect(page.locator('#page-title').innerText()).resolves.toBe(`Bonjour ${LEA.name}`);
    await Promise.all([page.waitForURL(`${ctx.base}/compte`), page.click('header a[href="/compte"]')]);
    await audit(page, 'profile-applicant');
    await Promise.all([page.waitForURL(`${ctx.base}/compte/messages`), page.click('header a[href="/compte/messages"]')]);
    await audit(page, 'inbox');
  });

  it('resets a forgotten password through the mailed link, which then works no more', async () => {
    const page = await newPage();
    await page.goto(`${ctx.base}/connexion`);
    await Promise.all([page.waitForURL(`${ctx.base}/mot-de-passe-oublie`), page.click('a[href="/mot-de-passe-oublie"]')]);
    await audit(page, 'forgot-password');
    await page.fill('#email', LEA.email);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/mot-de-passe-oublie"] button[type=submit]')]);
    await audit(page, 'forgot-password-sent');

    await followMailLink(page, LEA.email, 'Choisir un nouveau mot de passe', '/mot-de-passe/nouveau/', /\/mot-de-passe\/nouveau\//);
    const link = page.url();
    await audit(page, 'new-password');
    await page.fill('#password', NEW_PASSWORD);
    await Promise.all([page.waitForURL(/\/connexion\?motdepasse=ok/), page.click('main button[type=submit]')]);
    await expect(page.locator('main').innerText()).resolves.toContain('Votre mot de passe est changé');
    await signIn(ctx, page, { email: LEA.email, password: NEW_PASSWORD });

    await page.goto(link);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Lien expiré');
  });

  it('makes a new instructor enrol a second factor at the first sign-in, then asks the code', async () => {
    const agent = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Hugo Instruction', secondFactor: false });
    const page = await newPage();
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', agent.email);
    await page.fill('#password', agent.password);
    await Promise.all([page.waitForURL(`${ctx.base}/connexion/activation`), page.click('form[action="/connexion"] button[type=submit]')]);
    await expect(page.locator('#totp-qr').isVisible()).resolves.toBe(true);
    await audit(page, 'totp-enrol');
    const secret = (await page.locator('#totp-secret').innerText()).trim();

    await page.fill('#code', '000000');
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
    await expect(page.locator('.fr-alert--error').innerText()).resolves.toContain('Code incorrect');
    await page.fill('#code', totpCode(secret));
    await Promise.all([page.waitForSelector('#recovery-codes'), page.click('main button[type=submit]')]);
    await expect(page.locator('#recovery-codes li').count()).resolves.toBe(10);
    await audit(page, 'recovery-codes');
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('#continuer')]);

    await page.goto(`${ctx.base}/compte`);
    await expect(page.locator('#double-authentification + p').textContent()).resolves.toBe('Activée');
    await audit(page, 'profile-staff');

    // Signing out and in again: the code page.
    await Promise.all([page.waitForURL(/\/connexion/), page.click('form[action="/deconnexion"] button')]);
    await page.fill('#email', agent.email);
    await page.fill('#password', agent.password);
    await Promise.all([page.waitForURL(`${ctx.base}/connexion/code`), page.click('form[action="/connexion"] button[type=submit]')]);
    await audit(page, 'totp-code');
    await ctx.owner.query(`UPDATE user_totp SET last_used_step = NULL WHERE user_id = $1`, [agent.id]);
    await page.fill('#code', totpCode(secret));
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('main button[type=submit]')]);
  });

  it('has no accessibility violation (axe) on any of these pages, and nothing blocked by the CSP', () => {
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(12);
    expect(Object.fromEntries(Object.entries(violations).filter(([, v]) => v.length))).toEqual({});
    expect(cspErrors).toEqual([]);
  });
});
