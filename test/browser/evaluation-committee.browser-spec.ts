/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { cspBlocked, openConfirmation, screenshot, signIn as signInAs, useBrowserApp } from '../support/browser';
import { createStaff } from '../support/factories/application.factory';
import { closeCall, giveRealPlan } from '../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier, insertConsensus } from '../support/factories/evaluation.factory';
import { createUser, type TestUser } from '../support/factories/user.factory';
import { first, header } from '../support/checked';

const M = 10_000; // 100,00 € in cents

/*
 * From scores to decisions. An evaluator declares no conflict and scores dossier A on the evaluation pages; the
 * rapporteur scores and records the consensus through the API; B and C get their consensus by SQL. Then the manager
 * sets up and opens the session, the chair reads the ranking with its funding line and records the decisions.
 */
describe('evaluation to committee in Chromium', () => {
  const ctx = useBrowserApp();

  async function signIn(context: BrowserContext, user: TestUser): Promise<Page> {
    const page = await context.newPage();
    await signInAs(ctx, page, user);
    return page;
  }

  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  it('an evaluator scores, the chair sees the funding line, the committee decides', async () => {
    const http = () => ctx.t.http();
    const call = await createEvaluationCall(ctx.owner, { envelopeCents: 3000 * M });
    const [{ reference }] = await ctx.owner.query(`SELECT reference FROM call WHERE id = $1`, [call.id]);
    const manager = await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'], displayName: 'Camille Gestion' });
    const chair = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Dominique Présidente' });
    const member = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Sacha Membre' });

    // A (150 000 €) is scored by two evaluators (pages and API); B (120 000 €) and C (100 000 €) get an SQL consensus.
    const A = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 1500 * M, title: 'Ruches partagées' });
    const B = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 1200 * M, title: 'Garage solidaire' });
    const C = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 1000 * M, title: 'Épicerie mobile' });
    for (const d of [A, B, C]) await giveRealPlan(ctx.owner, d.id, d === A ? 1500 * M : d === B ? 1200 * M : 1000 * M);
    const api = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const rapporteur = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    for (const [who, role] of [
      [rapporteur, 'RAPPORTEUR'],
      [evaluator, 'MEMBER'],
    ] as const) {
      await http().post(`/api/v1/calls/${call.id}/panel/members`).set(api.auth).send({ userId: who.user.id, role }).expect(201);
    }
    for (const e of [rapporteur, evaluator]) {
      await http()
        .post(`/api/v1/calls/${call.id}/panel/assignments`)
        .set(api.auth)
        .send({ applicationId: A.id, evaluatorId: e.user.id, rapporteur: e === rapporteur })
        .expect(201);
    }
    // The rapporteur scores through the API; the other evaluator uses the evaluation pages in Chromium.
    await http().put(`/api/v1/evaluations/${A.id}/declaration`).set(rapporteur.auth).send({ conflict: false }).expect(200);
    const sheet = await http().get(`/api/v1/evaluations/${A.id}`).set(rapporteur.auth).expect(200);
    const saved = await http()
      .put(`/api/v1/evaluations/${A.id}/scores`)
      .set(rapporteur.auth)
      .set('If-Match', header(sheet, 'ETag'))
      .send({
        scores: [
          { criterionCode: 'C1', score: 5, justification: 'Besoin documenté.' },
          { criterionCode: 'C2', score: 5, justification: 'Acteurs mobilisés.' },
        ],
      })
      .expect(200);
    await http().post(`/api/v1/evaluations/${A.id}/submit`).set(rapporteur.auth).set('If-Match', header(saved, 'ETag')).expect(200);

    const evaluatorContext = await ctx.browser.newContext();
    const evaluatorPage = await signIn(evaluatorContext, evaluator.user);
    await evaluatorPage.goto(`${ctx.base}/evaluation/${A.id}/declaration`);
    await evaluatorPage.click('label[for="conflict-non"]');
    await submit(evaluatorPage, 'button:has-text("Enregistrer ma déclaration")');
    expect(evaluatorPage.url()).toBe(`${ctx.base}/evaluation/${A.id}`);
    for (const code of ['C1', 'C2']) {
      await evaluatorPage.fill(`#score_${code}`, '5');
      await evaluatorPage.fill(`#justification_${code}`, code === 'C1' ? 'Besoin social étayé par un diagnostic.' : 'Partenaires engagés par écrit.');
    }
    // Submitting scores is irreversible: confirmed in a DSFR modal.
    const confirmScores = await openConfirmation(evaluatorPage, '#form-notes');
    await Promise.all([evaluatorPage.waitForNavigation(), confirmScores.click()]);
    expect(evaluatorPage.url()).toBe(`${ctx.base}/evaluation/${A.id}?statut=soumis`);
    await evaluatorContext.close();
    await http()
      .put(`/api/v1/applications/${A.id}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 5, C2: 5 } })
      .expect(200);
    await insertConsensus(ctx.owner, B.id, { C1: 4, C2: 4 }, rapporteur.user.id);
    await insertConsensus(ctx.owner, C.id, { C1: 3, C2: 3 }, rapporteur.user.id);
    // The ranking, the agenda and the decisions wait for the call's closing (CALL_NOT_CLOSED otherwise).
    await closeCall(ctx.owner, call.id);

    const cspErrors: string[] = [];
    const managerContext = await ctx.browser.newContext();
    const page = await signIn(managerContext, manager);
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));
    await Promise.all([page.waitForURL(`${ctx.base}/comite`), page.click('a[href="/comite"] >> nth=0')]);
    await submit(page, `a[href="/comite/appels/${call.id}/nouvelle-seance"]`);
    await page.fill('#title', 'Comité de programmation de mars');
    await page.fill('#scheduledAt', '2026-03-12T10:30');
    await page.fill('#quorum', '2');
    for (const u of [chair, member]) await page.click(`label[for="member-${u.id}"]`);
    await page.click(`label[for="chair-${chair.id}"]`);
    await submit(page, 'button:has-text("Créer la séance")');
    expect(page.url()).toMatch(/\/comite\/seances\/[0-9a-f-]{36}\?statut=creee$/);
    const sessionUrl = first(page.url().split('?'), 'path');

    await submit(page, 'button:has-text("Arrêter l\'ordre du jour")');
    await submit(page, `form[action$="/presences/${chair.id}"] button`);
    await submit(page, `form[action$="/presences/${member.id}"] button`);
    await expect(page.locator('#quorum-seance').textContent()).resolves.toContain('Quorum atteint');
    await submit(page, 'button:has-text("Ouvrir la séance")');
    await expect(page.locator('#statut-seance').textContent()).resolves.toMatch(/^\s*En cours\s*$/);

    // The chair reads the ranking frozen in the agenda: A and B above the funding line, C in reserve.
    const chairContext = await ctx.browser.newContext();
    const chairPage = await signIn(chairContext, chair);
    chairPage.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));
    await chairPage.goto(sessionUrl);
    const rows = await chairPage.locator('#ordre-du-jour tbody tr').allInnerTexts();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain(A.number);
    expect(rows[1]).toContain(B.number);
    expect(rows[2]).toContain('Ligne de financement');
    expect(rows[3]).toContain(C.number);
    expect(rows[3]).toContain('enveloppe épuisée au rang 3');
    await screenshot(chairPage, 'committee-agenda');

    // B is refused for lack of budget: the reserve offer shows C, which the committee then programs; A is proposed a reduced amount.
    const formOf = (id: string) => `form[action$="/dossiers/${id}/decision"]`;
    await chairPage.click(`label[for="decision-DEFAVORABLE-${B.id}"]`);
    await chairPage.selectOption(`#decision-motif-code-${B.id}`, 'BUDGET');
    await chairPage.fill(`#decision-motif-${B.id}`, 'Priorité donnée aux projets mieux classés.');
    await Promise.all([chairPage.waitForNavigation(), (await openConfirmation(chairPage, formOf(B.id))).click()]);
    await expect(chairPage.locator('#offre-reserve').innerText()).resolves.toContain(C.number);

    // Only the chosen branch's fields show (static/branch-fields.js): the amount belongs to « favorable réduit ».
    await chairPage.click(`label[for="decision-FAVORABLE-${A.id}"]`);
    expect(await chairPage.locator(`#decision-montant-${A.id}`).isHidden()).toBe(true);
    expect(await chairPage.locator(`#decision-conditions-${A.id}`).isVisible()).toBe(true);
    expect(await chairPage.locator(`#decision-motif-${A.id}`).isHidden()).toBe(true);
    await chairPage.click(`label[for="decision-FAVORABLE_REDUCED-${A.id}"]`);
    await chairPage.fill(`#decision-montant-${A.id}`, '140 000');
    await chairPage.fill(`#decision-conditions-${A.id}`, 'Recruter un coordinateur avant le démarrage.');
    await Promise.all([chairPage.waitForNavigation(), (await openConfirmation(chairPage, formOf(A.id))).click()]);
    await chairPage.click(`label[for="decision-FAVORABLE-${C.id}"]`);
    await Promise.all([chairPage.waitForNavigation(), (await openConfirmation(chairPage, formOf(C.id))).click()]);
    await expect(chairPage.locator('#enveloppe-texte').innerText()).resolves.toContain('240\u202f000,00');
    await screenshot(chairPage, 'committee-decisions');

    await page.reload();
    await Promise.all([page.waitForNavigation(), (await openConfirmation(page, '#form-clore')).click()]);
    await expect(page.locator('#statut-seance').textContent()).resolves.toMatch(/^\s*Close\s*$/);

    const statuses = await ctx.owner.query(`SELECT id, status FROM application WHERE call_id = $1`, [call.id]);
    expect(Object.fromEntries(statuses.map((r: { id: string; status: string }) => [r.id, r.status]))).toEqual({
      [A.id]: 'AWARD_PROPOSED',
      [B.id]: 'REFUSED',
      [C.id]: 'PROGRAMMED',
    });
    expect(cspErrors).toEqual([]);
    expect(reference).toMatch(/^AAP-TEST-/);
    await managerContext.close();
    await chairContext.close();
  });
});
