/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { createStaff } from '../support/factories/application.factory';
import { programmedDossier } from '../support/factories/documents.factory';
import { TEST_PASSWORD } from '../support/factories/user.factory';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { startTestWorker, waitFor } from '../support/test-app';

describe('an applicant downloads their documents in Chromium', () => {
  const ctx = useBrowserApp();
  let worker: INestApplicationContext;
  beforeAll(async () => (worker = await startTestWorker()));
  afterAll(() => worker.close());

  it('downloads the receipt and the convention from the dossier page', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner);
    await ctx.t.http().post('/api/v1/documents').set(instructor.auth).send({ kind: 'CONVENTION', subjectId: d.applicationId }).expect(202);
    await waitFor(async () => {
      const rows: { status: string }[] = await ctx.owner.query(`SELECT status FROM document WHERE subject_id = $1`, [d.applicationId]);
      return rows.length === 2 && rows.every((r) => r.status === 'READY');
    }, 30_000);

    const page = await ctx.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${ctx.base}/connexion`);
    await page.fill('#email', d.applicant.user.email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${ctx.base}/accueil`), page.click('button[type=submit]')]);
    await page.goto(`${ctx.base}/dossiers/${d.applicationId}`);
    const block = page.locator('#documents-produits');
    await expect(block.locator('h2').innerText()).resolves.toBe('Documents');
    await expect(block.locator('tbody tr').count()).resolves.toBe(2);
    await screenshot(page, 'documents-dossier-block');

    for (const [label, stem] of [
      ['Accusé de réception', 'accuse-de-reception'],
      ['Convention attributive', 'convention-attributive'],
    ]) {
      const row = block.locator('tbody tr', { hasText: label });
      const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a.fr-link--download').click()]);
      expect(download.suggestedFilename()).toBe(`${stem}-${d.number}-v1.pdf`);
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(consoleErrors.filter(cspBlocked)).toEqual([]);
    await page.close();

    // The instructor's dossier page shows the same block; the convention being READY has issued the dossier.
    const staff = await ctx.browser.newContext();
    const staffPage = await staff.newPage();
    await signIn(ctx, staffPage, instructor.user);
    await staffPage.goto(`${ctx.base}/instruction/dossiers/${d.applicationId}`);
    const staffBlock = staffPage.locator('#documents-produits');
    await expect(staffBlock.locator('tbody tr').count()).resolves.toBe(2);
    await expect(staffBlock.locator('tbody tr', { hasText: 'Convention attributive' }).locator('a.fr-link--download').count()).resolves.toBe(1);
    await screenshot(staffPage, 'documents-instructor-dossier-block');
    const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [d.applicationId]);
    expect(status).toBe('CONVENTION_ISSUED');
    await staff.close();
  });
});
