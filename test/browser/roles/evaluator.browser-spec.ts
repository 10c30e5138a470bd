/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { completeDraft, createApplicant, createDraft, createStaff, VALID_ARTICLE15 } from '../../support/factories/application.factory';
import { COMPLETE_REPORT_SECTIONS, createEvaluationCall } from '../../support/factories/evaluation.factory';
import { createUser, type TestUser } from '../../support/factories/user.factory';
import { cspBlocked, journeyStep, openConfirmation, signIn, useBrowserApp } from '../../support/browser';
import { header } from '../../support/checked';

const ROLE = 'evaluator';

/**
 * The evaluator's job (issue 14): home, the dossiers to evaluate, the declaration of interests, the whole dossier
 * (Article 15 answers, retained plan, documents, instruction report), the score sheet, submission, then the consensus
 * page with the peers' justifications. Pages only after login; axe on every page; screenshots at 1280 and 375 px.
 * The dossier comes from the applicant's API and the instructor's work is written as instruction leaves it.
 */
describe('evaluator journey', () => {
  const ctx = useBrowserApp();
  let evaluator: TestUser;
  let applicationId: string;

  beforeAll(async () => {
    const http = () => ctx.t.http();
    const call = await createEvaluationCall(ctx.owner);
    const applicant = await createApplicant(ctx.t, ctx.owner);
    ({ id: applicationId } = await createDraft(ctx.t, applicant, call.id));
    await completeDraft(ctx.t, applicant, applicationId);
    await http()
      .post(`/api/v1/applications/${applicationId}/submit`)
      .set(applicant.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect(200);
    // Instruction as it ends: eligible, a reduced plan (version 2) retained, the report validated, status INSTRUCTED.
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    await ctx.owner.query(
      `INSERT INTO eligibility_report (application_id, rule_set_version, facts, results, verdict, evaluated_by, confirmed_by, confirmed_at)
       VALUES ($1, 'test', '{}'::jsonb, '[]'::jsonb, 'ELIGIBLE', $2, $2, now())`,
      [applicationId, instructor.id],
    );
    await ctx.owner.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
         total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, reason, created_by)
       VALUES ($1, 2, 'INSTRUCTOR', 'REAL_COSTS', $2::jsonb, $3::jsonb, 9000000, 0, 9000000, 8550000, 8550000, 450000, 9500, 'Temps de coordination réduit.', $4)`,
      [
        applicationId,
        JSON.stringify([{ category: 'STAFF', label: 'Coordination (retenue)', amountCents: 9_000_000 }]),
        JSON.stringify([
          { type: 'ESF_PLUS', funderName: null, amountCents: 8_550_000 },
          { type: 'SELF', funderName: null, amountCents: 450_000 },
        ]),
        instructor.id,
      ],
    );
    await ctx.owner.query(
      `INSERT INTO instruction_report (application_id, opinion, motivation, plan_version_no, written_by, sections, submitted_at, submitted_by)
       VALUES ($1, 'FAVORABLE', 'Projet utile, plan ajusté au temps de coordination réel.', 2, $2, $3::jsonb, now(), $2)`,
      [applicationId, instructor.id, JSON.stringify(COMPLETE_REPORT_SECTIONS)],
    );
    await ctx.owner.query(`UPDATE application SET status = 'INSTRUCTED' WHERE id = $1`, [applicationId]);

    // The panel: our evaluator is the rapporteur; a peer scores first, through the API.
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    evaluator = await createUser(ctx.owner, { roles: ['EVALUATOR'], displayName: 'Élise Évaluatrice' });
    const peer = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    await ctx.owner.query(`UPDATE app_user SET display_name = 'Paul Pair' WHERE id = $1`, [peer.user.id]);
    for (const [id, role] of [
      [evaluator.id, 'RAPPORTEUR'],
      [peer.user.id, 'MEMBER'],
    ] as const) {
      await http().post(`/api/v1/calls/${call.id}/panel/members`).set(manager.auth).send({ userId: id, role }).expect(201);
      await http()
        .post(`/api/v1/calls/${call.id}/panel/assignments`)
        .set(manager.auth)
        .send({ applicationId, evaluatorId: id, rapporteur: role === 'RAPPORTEUR' })
        .expect(201);
    }
    await http().put(`/api/v1/evaluations/${applicationId}/declaration`).set(peer.auth).send({ conflict: false }).expect(200);
    const sheet = await http().get(`/api/v1/evaluations/${applicationId}`).set(peer.auth).expect(200);
    const saved = await http()
      .put(`/api/v1/evaluations/${applicationId}/scores`)
      .set(peer.auth)
      .set('If-Match', header(sheet, 'ETag'))
      .send({
        scores: [
          { criterionCode: 'C1', score: 4, justification: 'Diagnostic du quartier solide.' },
          { criterionCode: 'C2', score: 3, justification: 'Partenaires encore peu engagés.' },
        ],
      })
      .expect(200);
    await http().post(`/api/v1/evaluations/${applicationId}/submit`).set(peer.auth).set('If-Match', header(saved, 'ETag')).expect(200);
  });

  const click = async (page: Page, selector: string, url: RegExp): Promise<void> => {
    await Promise.all([page.waitForURL(url), page.click(selector)]);
  };

  it('declares, reads the whole dossier, scores, submits and reads the peers on the consensus page', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(ctx, page, evaluator);
    expect(await journeyStep(page, ROLE, '01-home')).toEqual([]);

    await click(page, 'main a[href="/evaluation"], header a[href="/evaluation"]', /\/evaluation$/);
    expect(await journeyStep(page, ROLE, '02-list')).toEqual([]);

    await click(page, `a[href="/evaluation/${applicationId}/declaration"]`, /\/declaration$/);
    expect(await journeyStep(page, ROLE, '03-declaration')).toEqual([]);
    await page.click('label[for="conflict-non"]');
    await click(page, 'button:has-text("Enregistrer ma déclaration")', new RegExp(`/evaluation/${applicationId}$`));
    expect(await journeyStep(page, ROLE, '04-sheet')).toEqual([]);

    await click(page, '#lien-dossier-complet', /\/dossier$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain(VALID_ARTICLE15.i2.justification);
    expect(main).toContain("Version 2 — plan retenu à l'instruction");
    expect(main).toContain('Coordination (retenue)');
    expect(main).toContain(COMPLETE_REPORT_SECTIONS.capacity);
    expect(main).toContain('Statuts de la structure');
    expect(main).not.toMatch(/JEUNES_NEET|STATUTS|REAL_COSTS|FAVORABLE/);
    expect(await journeyStep(page, ROLE, '05-dossier')).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dossier-liste-pieces a >> nth=0')]);
    expect(await download.failure()).toBeNull();

    await click(page, '#lien-grille', new RegExp(`/evaluation/${applicationId}$`));
    await page.fill('#score_C1', '5');
    await page.fill('#justification_C1', 'Besoin social étayé par un diagnostic partagé.');
    await page.fill('#score_C2', '4');
    await page.fill('#justification_C2', 'Partenaires engagés par convention.');
    expect(await journeyStep(page, ROLE, '06-sheet-filled')).toEqual([]);
    const confirm = await openConfirmation(page, '#form-notes');
    await Promise.all([page.waitForURL(/\?statut=soumis$/), confirm.click()]);
    expect(await journeyStep(page, ROLE, '07-submitted')).toEqual([]);

    await click(page, `a[href="/evaluation/${applicationId}/consensus"]`, /\/consensus$/);
    const justifications = await page.locator('#justifications').innerText();
    expect(justifications).toContain('Paul Pair');
    expect(justifications).toContain('Partenaires encore peu engagés.');
    expect(justifications).toContain('Partenaires engagés par convention.');
    expect(await journeyStep(page, ROLE, '08-consensus')).toEqual([]);

    expect(consoleErrors.filter((e) => cspBlocked(e))).toEqual([]);
    await page.close();
  }, 300_000);
});
