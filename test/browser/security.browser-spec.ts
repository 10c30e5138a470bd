/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { axeViolations, cspBlocked, screenshot, signIn, useBrowserApp } from '../support/browser';
import { addMember } from '../support/factories/application.factory';
import { committeeScenario, openSession, postDecision } from '../support/factories/committee.factory';
import { submittedDossier } from '../support/factories/documents.factory';
import { createUser, TEST_PASSWORD } from '../support/factories/user.factory';

/**
 * Issue 18 pages in Chromium, axe-clean: the staff page of legal-identity changes, the organisation page where an
 * owner removes a member, and the dossier page where an applicant answers a postponement.
 */
describe('security pages in Chromium', () => {
  const ctx = useBrowserApp();
  const cspErrors: string[] = [];

  async function newPage(): Promise<Page> {
    const page = await (await ctx.browser.newContext()).newPage();
    page.on('console', (m) => m.type() === 'error' && cspBlocked(m.text()) && cspErrors.push(m.text()));
    return page;
  }

  it('lets an instructor approve a legal-identity change, and an owner remove a member', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    const orgId = d.applicant.organisation.id;
    await ctx.t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ legalName: 'Les Ruches Réunies', reason: 'Fusion votée en assemblée générale' })
      .expect(201);
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const staff = await newPage();
    await signIn(ctx, staff, instructor, '/instruction/identites');
    await expect(staff.locator('#page-title').innerText()).resolves.toBe("Changements d'identité juridique");
    expect(await axeViolations(staff)).toEqual([]);
    await screenshot(staff, 'security-identity-changes');
    await Promise.all([staff.waitForURL(/statut=approuvee/), staff.click('button[value="approuver"]')]);
    await expect(staff.locator('main').innerText()).resolves.toContain('la structure a sa nouvelle identité');
    expect(await axeViolations(staff)).toEqual([]);

    const colleague = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Camille Collègue' });
    await addMember(ctx.owner, orgId, colleague.id);
    const owner = await newPage();
    await signIn(ctx, owner, { email: d.applicant.user.email, password: TEST_PASSWORD }, `/structures/${orgId}`);
    expect(await axeViolations(owner)).toEqual([]);
    await Promise.all([owner.waitForURL(new RegExp(`/structures/${orgId}`)), owner.click(`tr[data-member-id="${colleague.id}"] button`)]);
    await expect(owner.locator('main').innerText()).resolves.not.toContain('Camille Collègue');
    expect(cspErrors).toEqual([]);
  });

  it('lets an applicant answer a postponement from the dossier page', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 300_000_000, dossiers: [{ key: 'A', euCents: 100_000_000 }] });
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    await addMember(ctx.owner, s.dossiers.A.organisationId, user.id);
    const sessionId = await openSession(ctx.t, s);
    await postDecision(ctx.t, ctx.owner, sessionId, s.dossiers.A.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Préciser le public visé' }).expect(201);
    const page = await newPage();
    await signIn(ctx, page, { email: user.email, password: TEST_PASSWORD }, `/dossiers/${s.dossiers.A.id}`);
    await expect(page.locator('#ajournement-titre').innerText()).resolves.toBe('Répondre au comité');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#reponse-ajournement', 'Le public visé : jeunes NEET du quartier, 40 personnes.');
    await Promise.all([page.waitForURL(/ajournement=repondu/), page.click('#ajournement button[type=submit]')]);
    await expect(page.locator('main').innerText()).resolves.toContain('repart en instruction');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'security-postponement-answered');
    expect(cspErrors).toEqual([]);
  });
});
