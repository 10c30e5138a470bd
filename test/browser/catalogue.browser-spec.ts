/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { createOpenCall, createOrganisation } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { createUser, type TestUser } from '../support/factories/user.factory';

/** axe-core on the page as rendered (WCAG 2.1 A and AA rules): the list of violations, each with its first target. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

describe('catalogue and dashboard in Chromium', () => {
  const ctx = useBrowserApp();
  let authority: TestUser;

  beforeAll(async () => {
    authority = await createUser(ctx.owner, { roles: ['MANAGING_AUTHORITY'], displayName: 'Dominique Autorité' });
    const call = await createOpenCall(ctx.owner);
    const org = await createOrganisation(ctx.owner, { legalName: 'Les Abeilles Solidaires' });
    const projects = [
      {
        title: "Ruches partagées en pied d'immeuble",
        summary: 'Apiculture urbaine et réemploi, avec des jeunes du quartier.',
        departement: '69',
        publics: ['JEUNES_NEET'],
        type: 'ESSAIMAGE',
      },
      {
        title: 'Garage solidaire et mobilité',
        summary: 'Réparer des voitures pour aller travailler.',
        departement: '13',
        publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
        type: 'EXPERIMENTATION',
      },
      {
        title: 'Jardins nourriciers',
        summary: 'Maraîchage en insertion et ruches pédagogiques.',
        departement: '35',
        publics: ['HABITANTS_QPV'],
        type: 'CHANGEMENT_ECHELLE',
      },
      { title: 'Tiers-lieu numérique', summary: 'Médiation numérique pour les jeunes.', departement: '974', publics: ['JEUNES_NEET'], type: 'ESSAIMAGE' },
    ];
    for (const [i, p] of projects.entries()) {
      const d = await createProgrammedDossier(ctx.owner, {
        callId: call.id,
        organisationId: org.id,
        number: `AAP-2026-00030${i}`,
        title: p.title,
        summary: p.summary,
        departement: p.departement,
        plan: { totalEligibleCents: 11_200_000 + i * 1_000_000, euCents: 10_640_000 + i * 950_000, otherResourcesCents: 560_000 + i * 50_000 },
        decision: { outcome: 'FAVORABLE', euCents: 10_640_000 + i * 950_000 },
      });
      await ctx.owner.query(
        `UPDATE application SET target_publics = $2::jsonb, operation_type = $3, place = 'Centre-ville', planned_participants = 30 WHERE id = $1`,
        [d.id, JSON.stringify(p.publics), p.type],
      );
    }
    await ctx.owner.query(
      `INSERT INTO application_publication (application_id, public_contact, seeks_partners, updated_by)
                           SELECT id, 'contact@abeilles.example', true, $1 FROM application WHERE number = 'AAP-2026-000300'`,
      [authority.id],
    );
    await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000399',
      status: 'REFUSED',
      title: 'Ruches refusées',
      departement: '69',
      plan: { totalEligibleCents: 100, euCents: 95, otherResourcesCents: 5 },
    });
  });

  it('searches by keyword and département, opens a project; axe finds nothing at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const context = await ctx.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const csp: string[] = [];
      page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && csp.push(m.text()));
      await page.goto(`${ctx.base}/projets`);
      await expect(page.locator('#resultats').innerText()).resolves.toBe('4 projets');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `catalogue-list-${width}`);

      await page.fill('#q', 'ruches');
      await page.selectOption('#departement', '69');
      await Promise.all([page.waitForURL(/\/projets\?.*q=ruches/), page.click('form button:has-text("Appliquer les filtres")')]);
      await expect(page.locator('#resultats').innerText()).resolves.toBe('1 projet correspondant à la recherche');
      await expect(page.locator('.fr-card__title').allInnerTexts()).resolves.toEqual(["Ruches partagées en pied d'immeuble"]);
      await expect(page.locator('body').innerText()).resolves.not.toContain('Ruches refusées');
      // The map and its table say the same: Rhône, one project.
      await expect(page.locator('#table-departements tbody tr').allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/^Rhône \(69\)\s+1\s+106\s400,00\s€$/u),
      ]);
      await expect(page.locator('svg.essaim-map title', { hasText: 'Rhône (69) : 1 projet' }).count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `catalogue-search-${width}`);

      await Promise.all([page.waitForURL(/\/projets\/AAP-2026-000300$/), page.click('.fr-card__title a')]);
      await expect(page.locator('#page-title').innerText()).resolves.toBe("Ruches partagées en pied d'immeuble");
      await expect(page.locator('a[href="mailto:contact@abeilles.example"]').count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `catalogue-project-${width}`);
      expect(csp).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('the dashboard shows its charts with their tables; axe finds nothing', async () => {
    for (const width of [1280, 375]) {
      const context = await ctx.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const csp: string[] = [];
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && (cspBlocked(m.text()) ? csp : errors).push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(ctx, page, authority, '/tableau-de-bord');
      await expect(page.locator('#page-title').innerText()).resolves.toBe('Tableau de bord du programme');
      // The web components render: a canvas for the chart.js ones, an SVG for the map.
      await page.waitForSelector('bar-chart canvas', { timeout: 15_000 });
      await page.waitForSelector('line-chart canvas');
      await page.waitForSelector('pie-chart canvas');
      await page.waitForSelector('map-chart svg');
      for (const id of ['consommation', 'appels', 'departements', 'regions', 'publics', 'types']) {
        await expect(page.locator(`#table-${id} tbody tr`).count()).resolves.toBeGreaterThan(0);
      }
      await expect(page.locator('#table-regions tbody').innerText()).resolves.toContain('Auvergne-Rhône-Alpes');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `dashboard-${width}`);
      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('the open-data page and the calendar of calls pass axe at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const context = await ctx.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [path, name] of [
        ['/donnees', 'open-data'],
        ['/calendrier', 'calendar'],
      ]) {
        await page.goto(`${ctx.base}${path}`);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `${name}-${width}`);
      }
      await context.close();
    }
  }, 240_000);
});
