/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Page } from 'playwright-core';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { createOpenCall } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { createUser, TestUser } from '../support/factories/user.factory';
import { startTestWorker } from '../support/test-app';

describe('reports in Chromium: the managing authority requests and downloads the funding report and an XLSX export', () => {
  const ctx = useBrowserApp();
  let worker: INestApplicationContext;
  let authority: TestUser;
  let call: { id: string; reference: string };

  beforeAll(async () => {
    worker = await startTestWorker();
    authority = await createUser(ctx.owner, { roles: ['MANAGING_AUTHORITY'], displayName: 'Dominique Autorité' });
    call = await createOpenCall(ctx.owner);
    await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      departement: '974',
      plan: { totalEligibleCents: 11_200_000, euCents: 10_640_000, otherResourcesCents: 560_000 },
      decision: { outcome: 'FAVORABLE', euCents: 10_640_000 },
    });
  });
  afterAll(() => worker?.close());

  /** Requests a report through the form, then refreshes the page until its download link is there, and downloads it. */
  async function requestAndDownload(page: Page, choice: { type: string; format: string; callId: string }): Promise<Buffer> {
    await page.selectOption('#rapport', `${choice.type}:${choice.format}`);
    await page.selectOption('#callId', choice.callId);
    await Promise.all([page.waitForURL(/\/autorite-de-gestion\/rapports\?statut=demande$/), page.click('button:has-text("Demander le rapport")')]);
    await expect(page.locator('.fr-alert--success').innerText()).resolves.toContain('Demande enregistrée');
    const link = page.locator('#rapports tbody tr').first().locator('a.fr-link--download');
    for (let i = 0; i < 60 && (await link.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${choice.format.toLowerCase()}$`));
    return readFile((await download.path())!);
  }

  it('goes from the home page to the reports page and downloads a PDF and an XLSX', async () => {
    const page = await ctx.browser.newPage({ acceptDownloads: true });
    const cspErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));

    await signIn(ctx, page, authority);
    await Promise.all([page.waitForURL(`${ctx.base}/autorite-de-gestion/rapports`), page.click('a[href="/autorite-de-gestion/rapports"] >> nth=0')]);
    await expect(page.locator('#page-title').innerText()).resolves.toBe('Rapports et exports');

    // A table in PDF is not offered: only the report and format pairs the server produces are listed.
    const offered = await page.locator('#rapport option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain('OPERATIONS:CSV');
    expect(offered).not.toContain('OPERATIONS:PDF');
    expect(offered).not.toContain('FUNDING_REPORT:XLSX');

    const pdf = await requestAndDownload(page, { type: 'FUNDING_REPORT', format: 'PDF', callId: '' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await requestAndDownload(page, { type: 'OPERATIONS', format: 'XLSX', callId: call.id });
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    await expect(page.locator('#rapports tbody tr').count()).resolves.toBe(2);
    await screenshot(page, 'reports-list');
    expect(cspErrors).toEqual([]);
  });
});
