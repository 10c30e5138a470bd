/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { completeDraft, createApplicant, createDraft, createOpenCall } from '../../support/factories/application.factory';
import { insertSubmittedDossier } from '../../support/factories/instruction.factory';
import { createUser, type TestUser } from '../../support/factories/user.factory';
import { cspBlocked, journeyStep, openConfirmation, signIn, useBrowserApp } from '../../support/browser';
import { COMPLETE_REPORT_SECTIONS } from '../../support/factories/evaluation.factory';

const ROLE = 'instructor';

/**
 * The instructor's job from login to the validated report (issue 14), through the pages only: home, the dossiers of
 * the call (count, pages, amounts), a dossier, admissibility, eligibility, the report with the retained financing
 * plan, validation; then a request for complements on another dossier. axe on every page, screenshots at 1280/375.
 */
describe('instructor journey', () => {
  const ctx = useBrowserApp();
  let instructor: TestUser;
  let callId: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    callId = (await createOpenCall(ctx.owner)).id;
    const submit = async (): Promise<string> => {
      const { id } = await createDraft(ctx.t, applicant, callId);
      await completeDraft(ctx.t, applicant, id);
      await ctx.t
        .http()
        .post(`/api/v1/applications/${id}/submit`)
        .set(applicant.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ attestation: true })
        .expect(200);
      return id;
    };
    first = await submit();
    second = await submit();
    // Enough other dossiers for a second page of the list.
    for (let i = 0; i < 26; i++) {
      await insertSubmittedDossier(ctx.owner, { id: callId }, applicant.organisation, applicant.user.id, {
        title: `Projet voisin ${i + 1}`,
        euRequestedCents: 6_000_000 + i * 100_000,
        submittedAt: new Date(Date.now() - (i + 2) * 3_600_000),
      });
    }
    instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Inès Instructrice' });
  });

  const click = async (page: Page, selector: string, url?: RegExp): Promise<void> => {
    await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState('load'), page.click(selector)]);
  };

  it('walks from the home page to the validated report, then asks another dossier for complements', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, instructor);
    expect(await journeyStep(page, ROLE, '01-home')).toEqual([]);

    await click(page, 'main a[href="/instruction"], header a[href="/instruction"]', /\/instruction$/);
    expect(await journeyStep(page, ROLE, '02-calls')).toEqual([]);

    await click(page, `main a[href="/instruction/appels/${callId}"]`, new RegExp(`/instruction/appels/${callId}$`));
    await expect(page.locator('#nombre-dossiers').innerText()).resolves.toContain('28 dossiers');
    expect(await page.locator('.fr-pagination__link[title="Page 2"]').count()).toBe(1);
    // At 1280 px the whole table is visible: no horizontal scroll in its wrapper.
    const overflow = await page.locator('#table-dossiers .fr-table__container').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await journeyStep(page, ROLE, '03-list')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    // The filters fold away on a phone (once DSFR's collapse transition is over).
    await page.waitForFunction(() => !document.querySelector('#form-filtres #q')?.checkVisibility({ visibilityProperty: true }));
    await page.setViewportSize({ width: 1280, height: 900 });

    await click(page, '.fr-pagination__link[title="Page 2"]', /cursor=/);
    await expect(page.locator('#nombre-dossiers').innerText()).resolves.toContain('page 2 sur 2');
    expect(await journeyStep(page, ROLE, '04-list-page-2')).toEqual([]);

    // The real dossiers were submitted last: sorted by submission they open page 2.
    await click(page, `#table-dossiers a[href="/instruction/dossiers/${first}"]`, new RegExp(`/instruction/dossiers/${first}$`));
    expect(await journeyStep(page, ROLE, '05-dossier')).toEqual([]);

    await click(page, `a[href="/instruction/dossiers/${first}/recevabilite"]`, /\/recevabilite$/);
    expect(await journeyStep(page, ROLE, '06-admissibility')).toEqual([]);
    await page.check('#outcome-ADMISSIBLE', { force: true });
    await click(page, '#bouton-decider', /\/recevabilite\?decide=1$/);
    await expect(page.locator('#dossier-status').textContent()).resolves.toContain('Recevable');
    expect(await journeyStep(page, ROLE, '07-admissible')).toEqual([]);

    await click(page, `a[href="/instruction/dossiers/${first}/eligibilite"]`, /\/eligibilite$/);
    await click(page, 'button:has-text("Évaluer l\'éligibilité")', /\?ok=evalue$/);
    await click(page, 'button:has-text("Confirmer le verdict")', /\?ok=confirme$/);
    await expect(page.locator('#verdict').textContent()).resolves.toContain('Éligible');
    await page.selectOption('#score-A1', '3');
    await click(page, '#form-csess button[type=submit]', /\?ok=csess$/);
    expect(await journeyStep(page, ROLE, '08-eligibility')).toEqual([]);

    await click(page, `a[href="/instruction/dossiers/${first}/rapport"]`, /\/rapport$/);
    await page.click('label[for="opinion-FAVORABLE"]');
    await page.fill('#motivation', 'Projet pertinent, temps de coordination à ajuster.');
    for (const [key, text] of Object.entries(COMPLETE_REPORT_SECTIONS)) await page.fill(`#section-${key}`, text);
    await page.click('label[for="reducePlan"]');
    await page.fill('#line-0-amount', '70 000,33');
    await page.fill('#resource-0-amount', '95 475,35');
    await page.fill('#resource-1-amount', '5 025,02');
    await page.fill('#reductionReason', 'Temps de coordination surestimé.');
    expect(await journeyStep(page, ROLE, '09-report-retained-plan')).toEqual([]);
    await click(page, 'button:has-text("Enregistrer le rapport")', /\?ok=enregistre$/);
    await expect(page.locator('#ecarts-titre').innerText()).resolves.toContain('version 2');
    expect(await journeyStep(page, ROLE, '10-report-saved')).toEqual([]);
    const confirmReport = await openConfirmation(page, '#form-valider-rapport');
    // axe measures contrast as rendered: wait for the end of the modal's fade-in.
    await page.waitForFunction(() => [...document.querySelectorAll('dialog.fr-modal--opened')].every((d) => getComputedStyle(d).opacity === '1'));
    expect(await journeyStep(page, ROLE, '11-report-confirm')).toEqual([]);
    await Promise.all([page.waitForURL(/\?ok=valide$/), confirmReport.click()]);
    expect(await journeyStep(page, ROLE, '12-report-validated')).toEqual([]);

    // Back on the list, the instructed dossier shows its retained amounts.
    await click(page, `main a[href="/instruction/appels/${callId}"], nav a[href="/instruction/appels/${callId}"]`, new RegExp(`/instruction/appels/${callId}`));
    if (!(await page.locator(`tr[data-application-id="${first}"]`).count())) await click(page, '.fr-pagination__link[title="Page 2"]', /cursor=/);
    await expect(page.locator(`tr[data-application-id="${first}"]`).innerText()).resolves.toContain('95\u202f475,35');
    expect(await journeyStep(page, ROLE, '13-list-retained')).toEqual([]);

    // Complements asked on the second dossier.
    await click(page, `#table-dossiers a[href="/instruction/dossiers/${second}"]`, new RegExp(`/instruction/dossiers/${second}$`));
    await click(page, `a[href="/instruction/dossiers/${second}/recevabilite"]`, /\/recevabilite$/);
    await page.check('#outcome-INCOMPLETE', { force: true });
    await page.selectOption('#complements-0-section', { index: 1 });
    await page.fill('#complements-0-message', 'Merci de joindre les statuts signés.');
    await page.fill('#dueDate', new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    expect(await journeyStep(page, ROLE, '14-complements-form')).toEqual([]);
    await click(page, '#bouton-decider', /\/recevabilite\?decide=1$/);
    await expect(page.locator('#dossier-status').textContent()).resolves.toContain('Incomplet');
    expect(await journeyStep(page, ROLE, '15-complements-requested')).toEqual([]);

    expect(consoleErrors.filter((e) => cspBlocked(e))).toEqual([]);
    await page.close();
  }, 300_000);
});
