/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { completeDraft, createApplicant, createDraft, createOpenCall } from '../support/factories/application.factory';
import { createUser, login, type TestUser } from '../support/factories/user.factory';
import { cspBlocked, openConfirmation, screenshot, signIn, useBrowserApp } from '../support/browser';

const NNBSP = '\u202f';

describe('an instructor examines eligibility and writes the report in Chromium', () => {
  const ctx = useBrowserApp();
  let instructor: TestUser;
  let id: string;

  beforeAll(async () => {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const callId = (await createOpenCall(ctx.owner)).id;
    ({ id } = await createDraft(ctx.t, applicant, callId));
    await completeDraft(ctx.t, applicant, id);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(applicant.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect(200);
    const user = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Inès Instructrice' });
    const auth = { Authorization: `Bearer ${(await login(ctx.t, user)).token}` };
    await ctx.t.http().get(`/api/v1/applications/${id}`).set(auth).expect(200); // the instructor reaches the submitted dossier
    instructor = user;
  });

  it('declares the dossier admissible, runs the rules, confirms, scores the CSESS grid and proposes a reduced plan recomputed in the page', async () => {
    const page = await ctx.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, instructor);

    // Admissibility: the eight automatic checks, then the instructor's decision through the form.
    await page.goto(`${ctx.base}/instruction/dossiers/${id}/recevabilite`);
    expect(await page.locator('#table-controles tbody tr').count()).toBe(8);
    // Only the chosen branch's fields are shown (static/branch-fields.js); nothing is chosen yet, so no branch is.
    expect(await page.locator('#branche-incomplet').isHidden()).toBe(true);
    await page.check('#outcome-INCOMPLETE', { force: true });
    expect(await page.locator('#dueDate').isVisible()).toBe(true);
    expect(await page.locator('#reasons').isHidden()).toBe(true);
    await page.check('#outcome-ADMISSIBLE', { force: true }); // DSFR draws the radio over a visually hidden input
    expect(await page.locator('#dueDate').isHidden()).toBe(true);
    expect(await page.locator('#branche-recevable').isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/\/recevabilite\?decide=1$/), page.click('#bouton-decider')]);
    await expect(page.locator('#dossier-status').textContent()).resolves.toContain('Recevable');
    await screenshot(page, 'instruction-admissibility-decided');

    await page.goto(`${ctx.base}/instruction/dossiers/${id}/eligibilite`);
    await Promise.all([page.waitForURL(/\?ok=evalue$/), page.click('button:has-text("Évaluer l\'éligibilité")')]);
    // DSFR badges are uppercased by CSS: read the text as written, not as rendered.
    await expect(page.locator('#regle-ART15_I').textContent()).resolves.toContain('Satisfaite');
    await Promise.all([page.waitForURL(/\?ok=confirme$/), page.click('button:has-text("Confirmer le verdict")')]);
    await expect(page.locator('#verdict').textContent()).resolves.toContain('Éligible');
    await page.selectOption('#score-A1', '3');
    await page.selectOption('#score-C2', '2');
    await Promise.all([page.waitForURL(/\?ok=csess$/), page.click('#form-csess button[type=submit]')]);
    await expect(page.locator('#csess-total').innerText()).resolves.toBe('Total : 5 / 27');
    await screenshot(page, 'instruction-eligibility');

    await page.goto(`${ctx.base}/instruction/dossiers/${id}/rapport`);
    await page.click('label[for="opinion-FAVORABLE"]');
    await page.fill('#motivation', 'Projet pertinent, temps de coordination à ajuster.');
    // The structured report (docs/domain/instruction-report.md): every section is required before validation.
    await page.fill('#section-publicTargeted', 'Jeunes de 16 à 25 ans sans emploi ni formation du quartier.');
    await page.fill('#section-capacity', 'Structure expérimentée, comptes certifiés, trésorerie de trois mois.');
    await page.fill('#section-horizontalPrinciples', 'Parité des participants visée, locaux accessibles.');
    await page.fill('#section-stateAid', "Activité non économique : pas d'aide d'État.");
    await page.fill('#section-doubleFunding', 'Cofinancement régional sur des dépenses distinctes, attesté.');
    await page.click('label[for="reducePlan"]');
    await page.fill('#line-0-amount', '70 000,33');
    // The page recomputes with the server's integer rules: 15 % and 95 %, both floored.
    await expect(page.locator('#calc-cte').innerText()).resolves.toBe(`100${NNBSP}500,37${NNBSP}€`);
    await expect(page.locator('#calc-max-esf').innerText()).resolves.toBe(`95${NNBSP}475,35${NNBSP}€`);
    await page.fill('#resource-0-amount', '95 475,35');
    await page.fill('#resource-1-amount', '5 025,02');
    await expect(page.locator('#calc-balance').innerText()).resolves.toBe(`0,00${NNBSP}€`);
    await page.fill('#reductionReason', 'Temps de coordination surestimé.');
    await screenshot(page, 'instruction-report-form');
    await Promise.all([page.waitForURL(/\?ok=enregistre$/), page.click('button:has-text("Enregistrer le rapport")')]);
    await expect(page.locator('#ecarts-titre').innerText()).resolves.toContain('version 2');
    const confirmReport = await openConfirmation(page, '#form-valider-rapport');
    await screenshot(page, 'instruction-report-confirm');
    await Promise.all([page.waitForURL(/\?ok=valide$/), confirmReport.click()]);
    await screenshot(page, 'instruction-report-submitted');
    const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(status).toBe('INSTRUCTED');
    expect(consoleErrors.filter((e) => cspBlocked(e))).toEqual([]);
    await page.close();
  });
});
