/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createStaff, pdfBytes } from '../support/factories/application.factory';
import { memberOf } from '../support/factories/execution.factory';
import { linesOf, submittedReport } from '../support/factories/verification.factory';
import { type BrowserUser, cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { header } from '../support/checked';

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('an instructor verifies a sampled report in Chromium', () => {
  const ctx = useBrowserApp();

  async function open(user: BrowserUser) {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, user);
    return { context, page, consoleErrors };
  }

  it('opens the verification from the queue, decides, sends the corrections, reads the answer and finalises', async () => {
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const op = await submittedReport(ctx.owner, {
      lines: [...linesOf('STAFF', 1, 700_000), ...linesOf('STAFF', 45, 40_000), ...linesOf('OTHER_DIRECT', 10, 10_000)],
      instructorId: instructor.user.id,
    });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);

    const { context, page, consoleErrors } = await open(instructor.user);
    await page.click('a[href="/verifications"] >> nth=0');
    await page.waitForURL(`${ctx.base}/verifications`);
    await expectAccessible(page);
    await expect(page.locator('#file-verification').innerText()).resolves.toContain(op.number);
    await Promise.all([page.waitForURL(/\/verifications\/[0-9a-f-]{36}$/), page.click('#file-verification button[type=submit]')]);
    const id = page.url().split('/').pop()!;
    await expect(page.locator('#graine').innerText()).resolves.toMatch(/^[0-9a-f]{32}$/);
    await expect(page.locator('.ligne-controlee').count()).resolves.toBe(41); // 1 above the threshold, 30 + 10 drawn
    await expectAccessible(page);

    // Two decisions through the page: a rejection with its reason, a reduction to 50,00 €.
    const first = page.locator('.ligne-controlee').nth(1);
    await first.locator('select[name=decision]').selectOption('REJECTED');
    await first.locator('select[name=reasonCode]').selectOption('INSUFFICIENT_PROOF');
    await first.locator('input[name=comment]').fill('Feuille de temps absente.');
    await Promise.all([page.waitForURL(/fait=decision/), first.locator('button[type=submit]').click()]);
    const second = page.locator('.ligne-controlee').nth(2);
    await second.locator('select[name=decision]').selectOption('REDUCED');
    await second.locator('input[name=retainedEuros]').fill('50,00');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), second.locator('button[type=submit]').click()]);
    // Without a reason the reduction is refused and the page says why.
    await expect(page.locator('#resume-erreurs').innerText()).resolves.toContain('motif');
    await expectAccessible(page);
    const again = page.locator('.ligne-controlee').nth(2);
    await again.locator('select[name=decision]').selectOption('REDUCED');
    await again.locator('input[name=retainedEuros]').fill('50,00');
    await again.locator('select[name=reasonCode]').selectOption('OTHER');
    await again.locator('input[name=reasonText]').fill('Quote-part surévaluée');
    await Promise.all([page.waitForURL(/fait=decision/), again.locator('button[type=submit]').click()]);
    await expect(page.locator('.ligne-controlee').nth(2).locator('.decision').innerText()).resolves.toContain('réduite à 50,00');

    // The remaining checked lines are retained in one request of the API (what a spreadsheet import would do).
    const view = await ctx.t.http().get(`/api/v1/verifications/${id}`).set(instructor.auth).expect(200);
    const rest = view.body.lines
      .filter((l: { decision: string | null }) => !l.decision)
      .map((l: { lineId: string }) => ({ lineId: l.lineId, decision: 'RETAINED' }));
    await ctx.t
      .http()
      .post(`/api/v1/verifications/${id}/decisions`)
      .set(instructor.auth)
      .set('If-Match', header(view, 'ETag'))
      .send({ decisions: rest })
      .expect(200);

    // Checklist, then the corrections go to the beneficiary.
    await page.goto(`${ctx.base}/verifications/${id}`);
    for (const item of ['physicalAchievement', 'participantsData', 'indicators', 'publicity']) await page.selectOption(`#resultat-${item}`, 'CONFORM');
    await page.fill('#observation-physicalAchievement', 'Visite sur place.');
    await Promise.all([page.waitForURL(/fait=controles/), page.click('form[action$="/controles"] button[type=submit]')]);
    await Promise.all([page.waitForURL(/fait=contradictoire/), page.click('form[action$="/contradictoire"] button[type=submit]')]);
    await expect(page.locator('#statut-verification').innerText()).resolves.toMatch(/contradictoire/i);
    await expect(page.locator('#delai-paiement').innerText()).resolves.toContain('suspendu');
    await expectAccessible(page);
    await screenshot(page, 'verification-contradictory');

    // The beneficiary reaches the corrections from its report, joins a file and answers.
    const b = await open(lea.user);
    await b.page.goto(`${ctx.base}/bilans/${op.reportId}`);
    await Promise.all([b.page.waitForURL(`${ctx.base}/verifications/${id}`), b.page.click('#lien-verification')]);
    await expectAccessible(b.page);
    await b.page.setInputFiles('#piece-reponse', { name: 'feuille-de-temps.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Feuille de temps') });
    await Promise.all([b.page.waitForURL(/fait=piece/), b.page.click('form[action$="/reponse/pieces"] button[type=submit]')]);
    await b.page.fill('#reponse', 'La feuille de temps est jointe.');
    await Promise.all([b.page.waitForURL(/fait=reponse/), b.page.click('form[action$="/reponse"] button[type=submit]')]);
    await expectAccessible(b.page);
    expect(b.consoleErrors.filter(cspBlocked)).toEqual([]);
    await b.context.close();

    // The instructor reads the answer and finalises.
    await page.goto(`${ctx.base}/verifications/${id}`);
    await expect(page.locator('#reponse-beneficiaire').innerText()).resolves.toContain('La feuille de temps est jointe.');
    await Promise.all([page.waitForURL(/fait=finalise/), page.click('form[action$="/finaliser"] button[type=submit]')]);
    await expect(page.locator('#statut-verification').innerText()).resolves.toMatch(/finalisée/i);
    await expectAccessible(page);
    await screenshot(page, 'verification-finalised');
    const [row] = await ctx.owner.query(`SELECT status, retained_cents::int AS retained FROM verification WHERE id = $1`, [id]);
    expect(row.status).toBe('FINALISED');
    expect(row.retained).toBeLessThan(view.body.declaredCents);
    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
    await context.close();
  }, 300_000);
});
