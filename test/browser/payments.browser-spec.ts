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

/**
 * Payments in Chromium (docs/domain/payments.md): the beneficiary enters its IBAN with the RIB, a staff member
 * validates it, a colleague proposes the interim payment of a finalised verification, and a second user validates it
 * on the staff's payments page; the proposer is never offered the validation.
 */
describe('a second user validates a payment in Chromium', () => {
  const ctx = useBrowserApp();

  it('walks the IBAN, the proposal and the validation by a second user', async () => {
    const op = await startedOperation(ctx.owner, { euCents: 10_000_000, totalEligibleCents: 12_500_000, submittedDaysAgo: [70, 10] });
    const lea = await memberOf(ctx.t, ctx.owner, op.organisationId);
    const proposer = await createStaff(ctx.t, ctx.owner, 'ADMINISTRATOR');
    const verifier = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const validator = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    await finalisedVerification(ctx.owner, {
      reportId: op.intermediateReportId,
      applicationId: op.id,
      retainedCents: 5_000_000,
      finalisedBy: verifier.user.id,
    });
    const login = async (user: { email: string; password: string; totpSecret?: string }) => {
      const context = await ctx.browser.newContext(); // axe-core's builder needs a page of an explicit context
      const page = await context.newPage();
      await signIn(ctx, page, user);
      return page;
    };
    const paymentsPage = `${ctx.base}/operations/${op.id}/paiements`;

    // The beneficiary enters its IBAN with the RIB (multipart form, CSRF token first).
    const benef = await login(lea.user);
    await benef.goto(paymentsPage);
    await expectAccessible(benef);
    await benef.fill('#iban-saisie', 'FR76 3000 6000 0112 3456 7890 189');
    await benef.fill('#titulaire', 'Association Ruches');
    await benef.setInputFiles('#rib', { name: 'rib.pdf', mimeType: 'application/pdf', buffer: pdfBytes('RIB') });
    await Promise.all([benef.waitForURL(/fait=iban/), benef.click('form[action$="/paiements/iban"] button[type=submit]')]);
    await expect(benef.locator('section[aria-labelledby="iban"]').innerText()).resolves.toMatch(
      /FR76 •••• •••• •••• •••• •••0 189 — Association Ruches : en attente de validation/,
    );

    // A staff member validates the IBAN.
    const staff = await login(verifier.user);
    await staff.goto(paymentsPage);
    await expectAccessible(staff);
    await Promise.all([staff.waitForURL(/fait=iban-valide/), staff.click('form[action*="/paiements/iban/"] input[value="oui"] ~ button')]);

    // A colleague proposes the interim payment of the finalised verification.
    const mine = await login(proposer.user);
    await mine.goto(paymentsPage);
    await Promise.all([mine.waitForURL(/fait=propose/), mine.click('section[aria-labelledby="a-proposer"] button[type=submit]')]);
    const [proposed] = await ctx.owner.query(`SELECT id FROM payment WHERE application_id = $1`, [op.id]);
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
    await page.goto(paymentsPage);
    await expect(page.locator('#verse').innerText()).resolves.toMatch(/40\s000,00/);
    await expectAccessible(page);
  });
});
