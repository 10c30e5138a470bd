/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createStaff, pdfBytes } from '../support/factories/application.factory';
import { memberOf } from '../support/factories/execution.factory';
import { finalisedVerification, startedOperation } from '../support/factories/payments.factory';
import { screenshot, signIn, useBrowserApp } from '../support/browser';

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A second user validates an interim payment proposed by a colleague, on the staff's payments page (docs/domain/payments.md). */
describe('a second user validates a payment in Chromium', () => {
  const ctx = useBrowserApp();

  it('lists the payment to validate and the 80-day clock, refuses the proposer, lets a second user validate', async () => {
    const op = await startedOperation(ctx.owner, { euCents: 10_000_000, totalEligibleCents: 12_500_000, submittedDaysAgo: [70, 10] });
    const http = () => ctx.t.http();
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    const proposer = await createStaff(ctx.t, ctx.owner, 'ADMINISTRATOR');
    const verifier = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const validator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const account = (await http().post(`/api/v1/organisations/${op.organisationId}/bank-accounts`).set(lea.auth).field('iban', 'FR7630006000011234567890189').field('holder', 'Association').attach('file', pdfBytes('RIB'), 'rib.pdf').expect(201)).body;
    await http().post(`/api/v1/bank-accounts/${account.id}/decision`).set(verifier.auth).set('If-Match', '"1"').send({ accept: true }).expect(200);
    const v = await finalisedVerification(ctx.owner, { reportId: op.intermediateReportId, applicationId: op.id, retainedCents: 5_000_000, finalisedBy: verifier.user.id });
    const proposed = (await http().post(`/api/v1/verifications/${v}/payment-proposal`).set(proposer.auth).expect(201)).body.payment;

    const login = async (user: { email: string; password: string; totpSecret?: string }) => {
      const context = await ctx.browser.newContext(); // axe-core's builder needs a page of an explicit context
      const page = await context.newPage();
      await signIn(ctx, page, user);
      return page;
    };

    // The proposer sees the payment but no validation button (separation of functions).
    const mine = await login(proposer.user);
    await mine.goto(`${ctx.base}/paiements`);
    await expect(mine.locator(`tr[data-payment-id="${proposed.id}"]`).innerText()).resolves.toContain('Validation par une autre personne');
    await expect(mine.locator('#delai-80-jours').innerText()).resolves.toMatch(/Bientôt en retard/i);
    await expectAccessible(mine);

    // A second user validates it.
    const page = await login(validator.user);
    await page.goto(`${ctx.base}/paiements`);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/fait=valide/), page.click(`form[action="/paiements/${proposed.id}/valider"] button[type=submit]`)]);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Paiement validé');
    await expectAccessible(page);
    await screenshot(page, 'payments-validated');
    const [{ status, validated_by: validatedBy }] = await ctx.owner.query(`SELECT status, validated_by FROM payment WHERE id = $1`, [proposed.id]);
    expect({ status, validatedBy }).toEqual({ status: 'VALIDATED', validatedBy: validator.user.id });

    // The operation's payments page shows the figures.
    await page.goto(`${ctx.base}/operations/${op.id}/paiements`);
    await expect(page.locator('#verse').innerText()).resolves.toMatch(/40\s000,00/);
    await expectAccessible(page);
  });
});
