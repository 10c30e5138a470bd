/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { completeDraft, createApplicant, createDraft, createOpenCall, VALID_ARTICLE15 } from '../support/factories/application.factory';
import { axeViolations, screenshot, useBrowserApp } from '../support/browser';
import { signIn } from '../support/browser';

/**
 * Issue 14, point 14: once submitted, the applicant reads everything sent — every section visible (no hidden block),
 * in text at DSFR contrast (no disabled fields), codes turned into labels — on the overview and the section pages.
 */
describe('the applicant reads what was submitted', () => {
  const ctx = useBrowserApp();

  it('shows the whole dossier on the overview and the read-only sections, with no axe violation', async () => {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, applicant, callId);
    await completeDraft(ctx.t, applicant, id);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(applicant.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect(200);
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(ctx, page, { email: applicant.user.email, password: applicant.user.password }, `/dossiers/${id}`);

    const recap = page.locator('#recapitulatif');
    await expect(recap.isVisible()).resolves.toBe(true);
    const text = await recap.innerText();
    expect(text).toContain(VALID_ARTICLE15.i1.justification);
    expect(text).toContain(VALID_ARTICLE15.ii.justification);
    expect(text).toContain('Jeunes ni en emploi, ni en études, ni en formation (NEET)');
    expect(text).toContain('Coordinatrice et animateurs');
    expect(text).toContain('Statuts de la structure');
    expect(text).not.toMatch(/JEUNES_NEET|STATUTS|INDIRECT_15_STAFF|EXPERIMENTATION/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'applicant-summary/overview-1280');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'applicant-summary/overview-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    for (const path of ['projet', 'article-15', 'plan-de-financement']) {
      await Promise.all([page.waitForURL(new RegExp(`/${path}$`)), page.click(`#menu-dossier a[href="/dossiers/${id}/${path}"]`)]);
      expect(await page.locator('main input:disabled, main textarea:disabled, main select:disabled, main [hidden]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `applicant-summary/${path}-1280`);
    }
    expect(await page.locator('main').innerText()).toContain('Allocations des participants');
    await page.close();
  }, 180_000);
});
