/// <reference lib="dom" />
import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { validSiret } from '../../support/factories/admissibility.factory';
import { createOpenCall, createStaff, pdfBytes } from '../../support/factories/application.factory';
import { createUser } from '../../support/factories/user.factory';
import { cspBlocked, journeyStep, openConfirmation, signIn, useBrowserApp } from '../../support/browser';
import { startTestWorker } from '../../support/test-app';
import { header } from '../../support/checked';

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The applicant's whole job (issue 14), through the pages only once signed in: register the organisation, create a
 * dossier, fill every section (an error shown in the form with the input kept, autosave, « Rubrique suivante »
 * saving), submit, see the receipt appear without reloading, answer a request for complements, see the documents.
 * Each page: axe (zero violations) and screenshots at 1280 and 375 px (test/browser/screenshots/applicant/).
 */
describe('applicant journey (browser)', () => {
  const ctx = useBrowserApp();
  let worker: INestApplicationContext;
  const user = { email: '', password: '' };

  beforeAll(async () => {
    const u = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Léa Porteuse' });
    user.email = u.email;
    user.password = u.password;
    await createOpenCall(ctx.owner);
    // The worker produces the receipt, as in production: the page shows it once ready.
    worker = await startTestWorker();
  });
  afterAll(() => worker?.close());

  const step = async (page: Page, name: string) => expect(await journeyStep(page, 'applicant', name)).toEqual([]);
  const go = (page: Page, url: RegExp, click: () => Promise<unknown>) => Promise.all([page.waitForURL(url), click()]);

  it('registers, fills, submits, answers a request for complements and sees the documents', async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await signIn(ctx, page, user);
    await step(page, '01-home');

    // The organisation, registered through its form.
    await go(page, /\/structures$/, () => page.click('main a[href="/structures"] >> nth=0'));
    await step(page, '02-organisations');
    await go(page, /\/structures\/nouvelle$/, () => page.click('a[href="/structures/nouvelle"] >> nth=0'));
    await page.fill('#siret', validSiret());
    await page.fill('#legalName', 'Association Les Ruches Solidaires');
    await page.selectOption('#legalForm', { index: 1 });
    await page.click('label[for="essStatus-oui"]');
    await page.click('label[for="vatRecovery-non"]');
    await page.selectOption('#advanceCategory', { index: 1 });
    await page.fill('#addressLine', '12 rue des Abeilles');
    await page.fill('#postalCode', '69008');
    await page.fill('#city', 'Lyon');
    await page.fill('#departement', '69');
    await step(page, '03-organisation-form');
    await go(page, /\/structures\/[0-9a-f-]{36}/, () => page.click('button:has-text("Enregistrer la structure")'));
    await step(page, '04-organisation');

    // A dossier on the open call, from « Mes dossiers ».
    await go(page, /\/dossiers$/, () => page.click('a[href="/dossiers"] >> nth=0'));
    await step(page, '05-dossiers-empty');
    await go(page, /\/appels\/.+\/deposer$/, () => page.click('text=Déposer un dossier'));
    await page.fill('#title', 'Ruches partagées en pied d’immeuble');
    await step(page, '06-new-dossier');
    await go(page, /\/dossiers\/[0-9a-f-]{36}$/, () => page.click('button:has-text("Créer le dossier")'));
    const dossierUrl = page.url();
    await step(page, '07-overview-draft');

    // Projet: an error is shown in the form, focused, with what was typed kept.
    await go(page, /\/projet$/, () => page.click('a:has-text("Compléter le dossier")'));
    await page.fill('#summary', 'Des ruchers collectifs animés par des jeunes accompagnés vers l’emploi.');
    await page.fill('#socialNeed', 'Isolement des jeunes du quartier, sans première expérience professionnelle.');
    await page.click('label:has-text("Jeunes ni en emploi")');
    await page.fill('#startDate', day(60));
    await page.fill('#endDate', day(30));
    await Promise.all([page.waitForNavigation(), page.click('#form-projet button:has-text("Enregistrer")')]);
    // The error summary takes the focus (error-summary.js), so that screen readers announce it first.
    await page.waitForFunction(() => document.activeElement?.id === 'resume-erreurs');
    await expect(page.locator('#resume-erreurs').innerText()).resolves.toContain('La date de fin doit être postérieure à la date de début.');
    await expect(page.inputValue('#summary')).resolves.toContain('Des ruchers collectifs');
    await expect(page.locator('.fr-input-group--error #endDate').count()).resolves.toBe(1);
    await expect(page.getAttribute('#endDate', 'aria-describedby')).resolves.toBe('endDate-messages');
    await step(page, '08-project-error');
    await page.click('#resume-erreurs a[href="#endDate"]');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('endDate');

    // The rest of the section, saved by the autosave while typing: « Enregistré à … » without leaving the page.
    await page.fill('#endDate', day(520));
    await page.fill('#place', 'Lyon 8e');
    await page.fill('#departement', '69');
    await page.click('label[for="withParticipants-true"]');
    await page.fill('#plannedParticipants', '40');
    await page.selectOption('#operationType', 'EXPERIMENTATION');
    await page.click('label[for="existingProject-false"]');
    await expect(page.locator('#etat-enregistrement').innerText({ timeout: 10_000 })).resolves.toBeDefined();
    await page.waitForFunction(() => /^Enregistré à \d{2}h\d{2}$/.test(document.getElementById('etat-enregistrement')?.textContent ?? ''), undefined, {
      timeout: 15_000,
    });
    await step(page, '09-project-autosaved');
    // Nothing lost: the side menu leads to the section again, with every answer from the database.
    await go(page, /\/article-15$/, () => page.click('.fr-sidemenu a:has-text("Innovation sociale")'));
    await go(page, /\/projet$/, () => page.click('.fr-sidemenu a:has-text("Projet")'));
    await expect(page.inputValue('#plannedParticipants')).resolves.toBe('40');
    await expect(page.inputValue('#endDate')).resolves.toBe(day(520));

    // « Rubrique suivante » saves what was just typed before moving on.
    await page.fill('#place', 'Lyon 8e, quartier des États-Unis');
    await go(page, /\/article-15\?enregistre=1$/, () => page.click('button:has-text("Rubrique suivante")'));
    const [{ place }] = await ctx.owner.query(`SELECT place FROM application WHERE id = $1`, [dossierUrl.split('/').pop()]);
    expect(place).toBe('Lyon 8e, quartier des États-Unis');
    for (const [key, answer] of [
      ['i1', 'true'],
      ['i2', 'false'],
      ['ii', 'true'],
    ]) {
      await page.click(`label[for="${key}_answer-${answer}"]`);
      await page.fill(`#${key}_justification`, `Justification du critère ${key} : besoin non couvert localement.`);
    }
    await step(page, '10-article15');
    await go(page, /\/plan-de-financement\?enregistre=1$/, () => page.click('button:has-text("Rubrique suivante")'));

    await page.selectOption('#costOption', 'INDIRECT_15_STAFF');
    await page.selectOption('#lines-0-category', 'STAFF');
    await page.fill('#lines-0-label', 'Coordinatrice');
    await page.fill('#lines-0-amount', '80 000');
    await page.selectOption('#lines-1-category', 'PARTICIPANTS');
    await page.fill('#lines-1-amount', '20000,00');
    await page.selectOption('#resources-0-type', 'ESF_PLUS');
    await page.fill('#resources-0-amount', '106 400');
    await page.selectOption('#resources-1-type', 'SELF');
    await page.fill('#resources-1-amount', '5 600');
    await step(page, '11-financing-plan');
    await go(page, /\/aides-d-etat\?enregistre=1$/, () => page.click('button:has-text("Rubrique suivante")'));

    // State aid regime, required at submission (docs/domain/state-aid.md): « no State aid », justified.
    await page.click('label[for="regime-1"]');
    await page.fill('#justification', 'Activité non économique : accompagnement gratuit de jeunes, sans offre sur un marché.');
    await step(page, '11b-state-aid');
    await go(page, /\/cibles$/, () => page.click('button:has-text("Rubrique suivante")'));

    await page.fill('#EECO01_total', '40');
    await page.fill('#EECO01_women', '22');
    await page.fill('#EECO01_men', '17');
    await page.fill('#EECO01_nonBinary', '1');
    for (const input of await page.locator('input[id$="_total"]:not(#EECO01_total)').all()) await input.fill('10');
    await step(page, '12-targets');
    await go(page, /\/pieces$/, () => page.click('button:has-text("Rubrique suivante")'));

    // Documents: two required pieces, and one added by mistake then deleted after a confirmation.
    for (const type of ['STATUTS', 'RIB', 'STATUTS']) {
      await page.selectOption('#documentType', type);
      await page.setInputFiles('#file', { name: `${type.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(type) });
      await go(page, /\/pieces\?ajoute=1$/, () => page.click('button:has-text("Ajouter la pièce")'));
    }
    await step(page, '13-documents');
    const extra = page.locator('tr[data-document-id]').last();
    const confirmDelete = await openConfirmation(page, `tr[data-document-id="${await extra.getAttribute('data-document-id')}"]`);
    await step(page, '14-delete-confirmation');
    await go(page, /\/pieces\?supprime=1$/, () => confirmDelete.click());
    await expect(page.locator('#piece-supprimee').innerText()).resolves.toContain('La pièce a été supprimée');
    await expect(page.locator('tr[data-document-id]').count()).resolves.toBe(2);
    await step(page, '15-document-deleted');

    // Submission, then the receipt appears in the page once the worker has produced it.
    await go(page, /\/deposer$/, () => page.click('a:has-text("Rubrique suivante : dépôt")'));
    await expect(page.locator('#liste-controle').innerText()).resolves.not.toContain('à compléter');
    await page.click('label[for="attestation"]');
    await step(page, '16-submit');
    await go(page, /\?depose=1$/, () => page.click('#bouton-deposer'));
    await expect(page.locator('#depot-confirme').innerText()).resolves.toContain(await page.locator('#dossier-number').innerText());
    await page.waitForFunction(() => /disponible/.test(document.getElementById('documents-produits-etat')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await expect(page.locator('#documents-produits a.fr-link--download').first().innerText()).resolves.toContain('Télécharger');
    await step(page, '17-submitted-receipt-live');

    // Staff side (not the applicant's job): the instructor asks for the RIB again.
    const id = dossierUrl.split('/').pop()!;
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const etag = header(await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200), 'ETag');
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({
        outcome: 'INCOMPLETE',
        complements: [{ section: 'DOCUMENTS', documentType: 'RIB', message: 'Le RIB est illisible : joignez une copie lisible.' }],
        dueDate: day(10),
      })
      .expect(200);

    // The applicant finds the request from the home page, replaces the RIB (the only type offered) and resubmits.
    await go(page, /\/accueil$/, () => page.click('a[href="/accueil"] >> nth=0'));
    await go(page, /\/dossiers$/, () => page.click('a[href="/dossiers"] >> nth=0'));
    await go(page, /\/dossiers\/[0-9a-f-]{36}$/, () => page.click(`a[href="/dossiers/${id}"] >> nth=0`));
    await expect(page.locator('#complements').innerText()).resolves.toContain('Le RIB est illisible');
    await step(page, '18-complements-requested');
    await go(page, /\/pieces$/, () => page.click('#complements a[href$="/pieces"]'));
    await expect(page.locator('#documentType option:not([value=""])').allInnerTexts()).resolves.toEqual([
      expect.stringContaining("Relevé d'identité bancaire"),
    ]);
    const rib = page.locator('tr[data-document-id]', { hasText: 'rib.pdf' });
    await go(page, /\/pieces\?supprime=1$/, async () =>
      (await openConfirmation(page, `tr[data-document-id="${await rib.getAttribute('data-document-id')}"]`)).click(),
    );
    await page.selectOption('#documentType', 'RIB');
    await page.setInputFiles('#file', { name: 'rib-lisible.pdf', mimeType: 'application/pdf', buffer: pdfBytes('RIB lisible') });
    await go(page, /\/pieces\?ajoute=1$/, () => page.click('button:has-text("Ajouter la pièce")'));
    await step(page, '19-complement-document');
    await go(page, /\/dossiers\/[0-9a-f-]{36}#complements$/, () => page.click('a:has-text("Redéposer le dossier")'));
    await page.click('label[for="attestation"]');
    await go(page, /redepose=1/, () => page.click('#bouton-redeposer'));
    await expect(page.locator('#redepot-confirme').innerText()).resolves.toContain('redéposé');

    // The documents of the dossier: the receipt, downloadable.
    await expect(page.locator('#documents-produits').innerText()).resolves.toContain('Accusé de réception');
    await page.locator('#documents-produits').scrollIntoViewIfNeeded();
    await step(page, '20-resubmitted-documents');
    expect(consoleErrors.filter((e) => cspBlocked(e))).toEqual([]);
    await context.close();
  }, 300_000);
});
