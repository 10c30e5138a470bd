/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { Page } from 'playwright-core';
import { cspBlocked, screenshot, useBrowserApp } from '../support/browser';

const LEA = { name: 'Léa Porteuse', email: 'lea.porteuse@ruches.example', password: 'deux abeilles butinent au petit jour' };
const CAMILLE = { name: 'Camille Collègue', email: 'camille.collegue@ruches.example', password: 'trois ruches sous le tilleul' };

describe('organisations in Chromium: sign up, register a structure, invite a colleague', () => {
  const ctx = useBrowserApp();
  const cspErrors: string[] = [];

  async function newPage(): Promise<Page> {
    const page = await (await ctx.browser.newContext()).newPage();
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));
    return page;
  }

  async function signUp(page: Page, who: typeof LEA): Promise<void> {
    await page.fill('#displayName', who.name);
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await Promise.all([page.waitForURL(/\/inscription\/envoyee$/), page.click('form[action="/inscription"] button[type=submit]')]);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Vérifiez votre messagerie');
    // The person opens the mail: without SMTP, Essaim's development mailbox shows it.
    await page.goto(`${ctx.base}/dev/mails`);
    await Promise.all([page.waitForLoadState('load'), page.click(`tr:has-text("${who.email}") a:has-text("Confirmez votre adresse") >> nth=0`)]);
    await Promise.all([page.waitForURL(/\/connexion\?inscription=ok/), page.click('main a[href*="/compte/confirmer/"]')]);
    await expect(page.locator('main').innerText()).resolves.toContain('Votre adresse est confirmée');
  }

  async function signIn(page: Page, who: typeof LEA, landing: RegExp): Promise<void> {
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await Promise.all([page.waitForURL(landing), page.click('form[action="/connexion"] button[type=submit]')]);
  }

  let invitationPath = '';

  it('lets an applicant sign up, sign in, register a structure and invite a colleague', async () => {
    const page = await newPage();
    await page.goto(`${ctx.base}/connexion`);
    await Promise.all([page.waitForURL(`${ctx.base}/inscription`), page.click('a[href="/inscription"]')]);

    // A weak password is explained next to the field.
    await page.fill('#displayName', LEA.name);
    await page.fill('#email', LEA.email);
    await page.fill('#password', 'azertyuiop123');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/inscription"] button[type=submit]')]);
    await expect(page.locator('#password-message-error').innerText()).resolves.toContain('trop facile à deviner');
    expect(existsSync(await screenshot(page, 'organisations-signup-weak-password'))).toBe(true);

    await signUp(page, LEA);
    await screenshot(page, 'organisations-signup-done-login');
    await signIn(page, LEA, /\/accueil$/);
    await Promise.all([page.waitForURL(`${ctx.base}/structures`), page.click('a[href="/structures"] >> nth=-1')]);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Mes structures');
    await screenshot(page, 'organisations-list-empty');

    await Promise.all([page.waitForURL(`${ctx.base}/structures/nouvelle`), page.click('text=Enregistrer une structure')]);
    await page.fill('#siret', '512 345 679 00018'); // wrong key
    await page.fill('#legalName', 'Association Les Ruches Solidaires');
    await page.selectOption('#legalForm', 'ASSOCIATION_1901');
    await page.check('#essStatus-oui', { force: true });
    await page.check('#vatRecovery-non', { force: true });
    await page.selectOption('#advanceCategory', 'OTHER');
    await page.fill('#addressLine', '12 rue des Abeilles');
    await page.fill('#postalCode', '69003');
    await page.fill('#city', 'Lyon');
    await page.fill('#departement', '69');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Enregistrer la structure")')]);
    await expect(page.locator('#siret-message-error').innerText()).resolves.toBe('La clé de contrôle du SIRET est invalide.');
    await expect(page.inputValue('#legalName')).resolves.toBe('Association Les Ruches Solidaires');
    await expect(page.isChecked('#essStatus-oui')).resolves.toBe(true);
    await screenshot(page, 'organisations-form-siret-error');

    await page.fill('#siret', '512 345 679 00017');
    await Promise.all([page.waitForURL(/\/structures\/[0-9a-f-]{36}$/), page.click('button:has-text("Enregistrer la structure")')]);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Association Les Ruches Solidaires');
    await expect(page.locator('main').innerText()).resolves.toContain('51234567900017');
    await screenshot(page, 'organisations-details');

    await page.fill('#email', CAMILLE.email);
    await Promise.all([page.waitForURL(/#invitation-creee$/), page.click('button:has-text("Créer l\'invitation")')]);
    const link = await page.inputValue('#lien-invitation');
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    invitationPath = new URL(link).pathname;
    await expect(page.locator('table:has(caption:has-text("Invitations en attente"))').innerText()).resolves.toContain(CAMILLE.email);
    await screenshot(page, 'organisations-invitation-link');

    await page.reload();
    await expect(page.locator('#lien-invitation').count()).resolves.toBe(0); // shown once
    await page.close();
  });

  it('lets the colleague open the link, create an account and join the structure', async () => {
    const page = await newPage();
    await page.goto(`${ctx.base}${invitationPath}`);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Invitation à rejoindre Association Les Ruches Solidaires');
    await screenshot(page, 'organisations-invitation-anonymous');

    await Promise.all([page.waitForURL(/\/inscription\?suite=/), page.click('main a:has-text("Créer un compte")')]);
    await signUp(page, CAMILLE);
    await signIn(page, CAMILLE, new RegExp(`${invitationPath}$`));
    await screenshot(page, 'organisations-invitation-accept');
    await Promise.all([page.waitForURL(/\/structures\/[0-9a-f-]{36}$/), page.click('button:has-text("Rejoindre la structure")')]);
    const members = await page.locator('table:has(caption:has-text("Membres de la structure"))').innerText();
    expect(members).toContain(LEA.name);
    expect(members).toContain(CAMILLE.name);
    await expect(page.locator('main').innerText()).resolves.not.toContain('Inviter une personne');
    await screenshot(page, 'organisations-joined');
    expect(cspErrors).toEqual([]);
    await page.close();
  });
});
