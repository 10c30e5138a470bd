/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { addMember, createOpenCall, createOrganisation, pdfBytes } from '../support/factories/application.factory';
import { createUser, TEST_PASSWORD } from '../support/factories/user.factory';
import { cspBlocked, screenshot, useBrowserApp } from '../support/browser';

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const NNBSP = '\u202f';

describe('an applicant submits a dossier in Chromium', () => {
  const ctx = useBrowserApp();
  let email: string;
  let organisationId: string;

  beforeAll(async () => {
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Léa Porteuse' });
    const organisation = await createOrganisation(ctx.owner, { legalName: 'Association Les Ruches Solidaires' });
    await addMember(ctx.owner, organisation.id, user.id);
    await createOpenCall(ctx.owner);
    email = user.email;
    organisationId = organisation.id;
  });

  async function save(page: Page, url: RegExp): Promise<void> {
    await Promise.all([page.waitForURL(url), page.click('form button[type=submit]:has-text("Enregistrer")')]);
    await page.locator('.fr-alert--success').waitFor();
  }

  it('creates, fills, uploads, submits and sees the number, with every script allowed by the CSP', async () => {
    const page = await ctx.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('button[type=submit]')]);
    await Promise.all([page.waitForURL(`${ctx.base}/dossiers`), page.click('a[href="/dossiers"] >> nth=0')]);
    await screenshot(page, 'applications-list-empty');

    await Promise.all([page.waitForURL(/\/appels\/.+\/deposer$/), page.click('text=Déposer un dossier')]);
    await expect(page.locator('#organisationId option:checked').innerText()).resolves.toContain('Les Ruches Solidaires');
    await page.selectOption('#organisationId', organisationId);
    await page.fill('#title', 'Ruches partagées en pied d’immeuble');
    await screenshot(page, 'applications-new');
    await Promise.all([page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/), page.click('button:has-text("Créer le dossier")')]);
    const dossierUrl = page.url();
    await screenshot(page, 'applications-overview-draft');

    await page.goto(`${dossierUrl}/projet`);
    await page.fill('#summary', 'Des ruchers collectifs animés par des jeunes accompagnés vers l’emploi.');
    await page.fill('#socialNeed', 'Isolement des jeunes du quartier, sans première expérience professionnelle.');
    await page.click('label:has-text("Jeunes ni en emploi")');
    await page.fill('#startDate', day(30));
    await page.fill('#endDate', day(520));
    await page.fill('#place', 'Lyon 8e');
    await page.fill('#departement', '69');
    await page.click('label[for="withParticipants-true"]');
    await page.fill('#plannedParticipants', '40');
    await page.selectOption('#operationType', 'EXPERIMENTATION');
    await page.click('label[for="existingProject-false"]');
    await save(page, /\/projet\?enregistre=1$/);
    await screenshot(page, 'applications-project');

    await page.goto(`${dossierUrl}/article-15`);
    for (const [key, answer] of [
      ['i1', 'true'],
      ['i2', 'false'],
      ['ii', 'true'],
    ]) {
      await page.click(`label[for="${key}_answer-${answer}"]`);
      await page.fill(`#${key}_justification`, `Justification du critère ${key}.`);
    }
    await save(page, /\/article-15\?enregistre=1$/);

    await page.goto(`${dossierUrl}/plan-de-financement`);
    await page.selectOption('#costOption', 'INDIRECT_15_STAFF');
    await page.selectOption('#lines-0-category', 'STAFF');
    await page.fill('#lines-0-label', 'Coordinatrice');
    await page.fill('#lines-0-amount', '80 000');
    await page.selectOption('#lines-1-category', 'PARTICIPANTS');
    await page.fill('#lines-1-amount', '20000,00');
    await page.selectOption('#resources-0-type', 'ESF_PLUS');
    await page.fill('#resources-0-amount', '106 400');
    // The page recomputes with the server's integer rules before anything is saved.
    await expect(page.locator('#calc-cte').innerText()).resolves.toBe(`112${NNBSP}000,00${NNBSP}€`);
    await expect(page.locator('#calc-max-esf').innerText()).resolves.toBe(`106${NNBSP}400,00${NNBSP}€`);
    await expect(page.locator('#calc-balance').innerText()).resolves.toBe(`5${NNBSP}600,00${NNBSP}€`);
    const rowsBefore = await page.locator('#plan-resources tr').count();
    await page.click('button[data-add-row="plan-resources"]');
    await expect(page.locator('#plan-resources tr').count()).resolves.toBe(rowsBefore + 1);
    await page.selectOption('#resources-1-type', 'SELF');
    await page.fill('#resources-1-amount', '5 600');
    await expect(page.locator('#calc-balance').innerText()).resolves.toBe(`0,00${NNBSP}€`);
    await screenshot(page, 'applications-financing-plan');
    await save(page, /\/plan-de-financement\?enregistre=1$/);
    await expect(page.locator('#calc-cte').innerText()).resolves.toBe(`112${NNBSP}000,00${NNBSP}€`);

    // State aid regime, required at submission (docs/domain/state-aid.md): « no State aid », justified.
    await page.goto(`${dossierUrl}/aides-d-etat`);
    await page.click('label[for="regime-1"]');
    await page.fill('#justification', 'Activité non économique : accompagnement gratuit de jeunes, sans offre sur un marché.');
    await Promise.all([page.waitForURL(/\/aides-d-etat\?enregistre=1$/), page.click('#form-aides-d-etat button:has-text("Enregistrer")')]);

    // Indicator targets (ESF+ Annex I), required at submission: EECO01 with its breakdown by sex, the call's others.
    await page.goto(`${dossierUrl}/cibles`);
    await page.fill('#EECO01_total', '40');
    await page.fill('#EECO01_women', '22');
    await page.fill('#EECO01_men', '17');
    await page.fill('#EECO01_nonBinary', '1');
    for (const code of ['EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04']) await page.fill(`#${code}_total`, '10');
    await Promise.all([page.waitForURL(/\/cibles\?enregistre=1$/), page.click('#form-cibles button[type=submit]')]);

    await page.goto(`${dossierUrl}/pieces`);
    for (const type of ['STATUTS', 'RIB']) {
      await page.selectOption('#documentType', type);
      await page.setInputFiles('#file', { name: `${type.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(type) });
      await Promise.all([page.waitForURL(/\/pieces\?ajoute=1$/), page.click('button:has-text("Ajouter la pièce")')]);
    }
    // No fingerprint column for applicants (issue 14: no internal codes on screen); staff see it on their dossier page.
    await expect(page.locator('[data-sha256]').count()).resolves.toBe(0);
    await screenshot(page, 'applications-documents');

    await page.goto(`${dossierUrl}/deposer`);
    await expect(page.locator('#liste-controle').innerText()).resolves.not.toContain('à compléter');
    await page.click('label[for="attestation"]');
    await screenshot(page, 'applications-submit');
    await Promise.all([page.waitForURL(/\?depose=1$/), page.dblclick('#bouton-deposer')]);
    const number = await page.locator('#dossier-number').innerText();
    expect(number).toMatch(/^AAP-\d{4}-\d{6}$/);
    await expect(page.locator('#depot-confirme').innerText()).resolves.toContain(number);
    await screenshot(page, 'applications-submitted');

    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM application WHERE number IS NOT NULL`);
    expect(count).toBe('1');
    await page.goto(`${ctx.base}/dossiers`);
    await expect(page.locator('#table-dossiers').innerText()).resolves.toContain(number);
    await screenshot(page, 'applications-list');
    expect(consoleErrors.filter((e) => cspBlocked(e))).toEqual([]);
    await page.close();
  });
});
