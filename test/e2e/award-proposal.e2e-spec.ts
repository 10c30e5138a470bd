import type { INestApplicationContext } from '@nestjs/common';
import { addMember } from '../support/factories/application.factory';
import { committeeScenario, giveRealPlan, openSession, postDecision } from '../support/factories/committee.factory';
import { createUser, login } from '../support/factories/user.factory';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { join } from 'node:path';
import { lonelyPages, pdfText, repeatedLines } from '../support/pdf-text';
import { calendarDate } from '../../src/modules/documents/render/fill';
import { expectRefusedForm } from '../support/form-errors';
import { group } from '../support/checked';

const M = 10_000; // 100,00 € in cents
const hidden = (html: string, form: string, name: string): string => group(new RegExp(`id="${form}"[\\s\\S]*?name="${name}" value="([^"]*)"`).exec(html));

/** A committee reduction is a proposal, not a fait accompli (docs/domain/committee.md, issue 11 point 9). */
describe('reduced award: proposal, revised plan, acceptance or refusal (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    worker = await startTestWorker();
  });
  afterAll(() => worker.close());
  beforeEach(() => truncateAll(ctx.owner));

  const statusOf = async (id: string): Promise<string> => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status;
  const consumed = async (sessionId: string, auth: Record<string, string>) =>
    (await ctx.t.http().get(`/api/v1/committee-sessions/${sessionId}`).set(auth).expect(200)).body.envelope.consumedCents as number;

  /** Dossier A (150 000 € of ESF+ retained, one real STAFF line) reduced to 120 000 € by the committee; its applicant. */
  async function reducedAward() {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: [{ key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 } }] });
    const A = s.dossiers.A;
    await giveRealPlan(ctx.owner, A.id, 1500 * M);
    // The convention prints the operation's dates (the evaluation factory leaves them empty).
    await ctx.owner.query(`UPDATE application SET start_date = '2026-09-01', end_date = '2027-08-31' WHERE id = $1`, [A.id]);
    const sessionId = await openSession(ctx.t, s);
    const user = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Léa Porteuse' });
    await addMember(ctx.owner, A.organisationId, user.id);
    const session = await login(ctx.t, user);
    const applicant = { user, session, auth: { Authorization: `Bearer ${session.token}` } };
    const decided = await postDecision(ctx.t, ctx.owner, sessionId, A.id, s.manager.auth, {
      outcome: 'FAVORABLE',
      euCents: 1200 * M,
      conditions: 'Recruter un coordinateur',
    }).expect(201);
    return { s, A, sessionId, applicant, decided };
  }

  it('reduced decision → proposal (no convention, no silent plan) → the beneficiary revises within the amount → accepts → convention generated', async () => {
    const { s, A, sessionId, applicant, decided } = await reducedAward();
    expect(decided.body).toMatchObject({ outcome: 'FAVORABLE', euCents: 1200 * M, status: 'AWARD_PROPOSED', planVersionNo: null });
    expect(await statusOf(A.id)).toBe('AWARD_PROPOSED');
    // Nothing moved to own funds behind the beneficiary's back, and no convention yet; the decision letter and the mail go out.
    const versions = await ctx.owner.query(`SELECT version_no, source FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no`, [A.id]);
    expect(versions.map((v: { source: string }) => v.source)).not.toContain('COMMITTEE');
    const retainedVersion = versions.at(-1).version_no as number;
    expect(await ctx.owner.query(`SELECT kind FROM document WHERE subject_id = $1 ORDER BY kind`, [A.id])).toEqual([{ kind: 'DECISION_LETTER' }]);
    // The letter is a proposal (issue 11 point 9): accept by revising the plan within the reduced amount before the date,
    // refusal or silence is a renunciation. Read from the PDF the beneficiary receives.
    const [{ answer_due_date: due }] = await ctx.owner.query(`SELECT answer_due_date::text FROM award_proposal WHERE application_id = $1`, [A.id]);
    const dueText = calendarDate(due).replace(/\s+/g, ' ');
    const letter = await waitFor(async () => {
      const [d] = await ctx.owner.query(`SELECT status, storage_key FROM document WHERE subject_id = $1 AND kind = 'DECISION_LETTER'`, [A.id]);
      return d?.status === 'READY' ? d : null;
    }, 30_000);
    const pdf = await pdfText(join(ctx.t.config.files.dir, letter.storage_key));
    expect(lonelyPages(pdf.pageTexts, repeatedLines(ctx.t.config.issuer))).toEqual([]);
    const letterText = pdf.text.replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' ');
    for (const clause of [
      'Proposition d’attribution d’un montant FSE+ réduit, à accepter',
      'pour un montant FSE+ réduit à 120 000,00 € au lieu des 150 000,00 € retenus à l’instruction',
      'Ce montant est une proposition',
      'vous révisez sur la plateforme le plan de financement de l’opération dans la limite du montant FSE+ proposé (120 000,00 €)',
      `au plus tard le ${dueText}`,
      'votre refus comme votre silence valent renonciation à la subvention',
      'Recruter un coordinateur',
    ])
      expect(letterText).toContain(clause);
    expect(letterText).not.toContain('Décision d’attribution');
    const [mail] = await ctx.owner.query(`SELECT subject FROM mail_message WHERE dedupe_key LIKE $1`, [`application.award_proposed:${A.id}:%`]);
    expect(mail.subject).toContain('montant FSE+ réduit');
    // The envelope holds the proposed amount while the beneficiary answers.
    expect(await consumed(sessionId, s.manager.auth)).toBe(1200 * M);

    const proposal = await ctx.t.http().get(`/api/v1/applications/${A.id}/award-proposal`).set(applicant.auth).expect(200);
    expect(proposal.body.proposal).toMatchObject({
      status: 'PENDING',
      retainedEuCents: 1500 * M,
      proposedEuCents: 1200 * M,
      conditions: 'Recruter un coordinateur',
    });
    expect(proposal.body.open).toBe(true);
    const etag = proposal.headers.etag as string;
    const staffView = await ctx.t.http().get(`/comite/dossiers/${A.id}/proposition`).set('Cookie', s.manager.session.cookie).expect(200);
    expect(staffView.text).toContain('En attente de la réponse du porteur');

    // A plan that does not fit: ESF+ above the proposal, a line raised. Problem+json with a path per gap; nothing changes.
    const cte = Math.ceil((1500 * M * 10_000) / 9_500);
    const accept = (body: object, ifMatch = etag) =>
      ctx.t.http().post(`/api/v1/applications/${A.id}/award-proposal/accept`).set(applicant.auth).set('If-Match', ifMatch).send(body);
    const bad = await accept({
      lines: [{ amountCents: cte + 1 }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 1300 * M },
        { type: 'SELF', amountCents: cte + 1 - 1300 * M },
      ],
    }).expect(422);
    expect(bad.body.code).toBe('AWARD_PLAN_INVALID');
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['lines[0].amountCents', 'LINE_INCREASED']]);
    const notProposed = await accept({
      lines: [{ amountCents: cte }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 1300 * M },
        { type: 'SELF', amountCents: cte - 1300 * M },
      ],
    }).expect(422);
    expect(notProposed.body.errors.map((e: { code: string }) => e.code)).toEqual(['EU_AMOUNT_NOT_PROPOSED']);
    await accept({ lines: [{ amountCents: cte }], resources: [] }, '"99"').expect(412);
    expect(await statusOf(A.id)).toBe('AWARD_PROPOSED');

    // The beneficiary lowers its costs to 135 000 € and keeps 15 000 € of own funds: 120 000 € of ESF+ (88,9 %).
    const ok = await accept({
      lines: [{ amountCents: 1350 * M }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 1200 * M },
        { type: 'SELF', amountCents: 150 * M },
      ],
    }).expect(200);
    expect(ok.body).toMatchObject({ status: 'PROGRAMMED', planVersionNo: retainedVersion + 1 });
    const [revised] = await ctx.owner.query(
      `SELECT source, eu_cents, total_eligible_cents, reason, created_by FROM financing_plan_version WHERE application_id = $1 AND version_no = $2`,
      [A.id, retainedVersion + 1],
    );
    expect(revised).toMatchObject({ source: 'APPLICANT', eu_cents: String(1200 * M), total_eligible_cents: String(1350 * M), created_by: applicant.user.id });
    const [audit] = await ctx.owner.query(`SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'committee.award_accepted'`, [A.id]);
    expect(audit.after).toMatchObject({ status: 'PROGRAMMED', proposedEuCents: 1200 * M, planVersionNo: retainedVersion + 1 });

    // The convention follows the acceptance, and the dossier is issued when it is ready.
    await waitFor(async () => (await statusOf(A.id)) === 'CONVENTION_ISSUED', 30_000);
    const docs = await ctx.owner.query(`SELECT kind, status FROM document WHERE subject_id = $1 ORDER BY kind`, [A.id]);
    expect(docs).toEqual([
      { kind: 'CONVENTION', status: 'READY' },
      { kind: 'DECISION_LETTER', status: 'READY' },
    ]);
    const history = await ctx.owner.query(`SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 ORDER BY id`, [A.id]);
    expect(history.slice(-3).map((h: { from_status: string; to_status: string }) => `${h.from_status}→${h.to_status}`)).toEqual([
      'IN_COMMITTEE→AWARD_PROPOSED',
      'AWARD_PROPOSED→PROGRAMMED',
      'PROGRAMMED→CONVENTION_ISSUED',
    ]);
    // Answered once.
    expect((await accept({ lines: [{ amountCents: 1350 * M }], resources: [] }, '"2"').expect(409)).body.code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('refusal from the page is a renunciation: the amount returns to the envelope, no convention; strangers get 404', async () => {
    const { s, A, sessionId, applicant } = await reducedAward();
    const stranger = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    await ctx.t
      .http()
      .get(`/api/v1/applications/${A.id}/award-proposal`)
      .set({ Authorization: `Bearer ${(await login(ctx.t, stranger)).token}` })
      .expect(404);

    const cookie = applicant.session.cookie;
    const overview = await ctx.t.http().get(`/dossiers/${A.id}`).set('Cookie', cookie).expect(200);
    expect(overview.text).toContain(`href="/dossiers/${A.id}/proposition"`);
    const page = await ctx.t.http().get(`/dossiers/${A.id}/proposition`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Avis favorable avec un montant FSE+ réduit');
    expect(page.text).toContain('id="form-accepter"');
    expect(page.text).toContain("renonciation à l'aide");
    const version = hidden(page.text, 'form-refuser', 'version');
    const post = (form: Record<string, string>) =>
      ctx.t
        .http()
        .post(`/dossiers/${A.id}/proposition/refuser`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: applicant.session.csrfToken, version, ...form });

    const short = await post({ motif: 'non' });
    expectRefusedForm(short, { hrefs: ['motif'], echoed: ['>non</textarea>'] });
    await post({ motif: 'Le projet ne peut pas être mené avec ce montant.' }).expect(303);
    expect(await statusOf(A.id)).toBe('RENOUNCED');
    const [proposal] = await ctx.owner.query(`SELECT status, refusal_reason, answered_by FROM award_proposal WHERE application_id = $1`, [A.id]);
    expect(proposal).toEqual({ status: 'REFUSED', refusal_reason: 'Le projet ne peut pas être mené avec ce montant.', answered_by: applicant.user.id });
    const [history] = await ctx.owner.query(`SELECT reason FROM application_status_history WHERE application_id = $1 AND to_status = 'RENOUNCED'`, [A.id]);
    expect(history.reason).toContain('renonciation');
    expect(await consumed(sessionId, s.manager.auth)).toBe(0);
    expect((await ctx.owner.query(`SELECT kind FROM document WHERE subject_id = $1 AND kind = 'CONVENTION'`, [A.id])).length).toBe(0);
    const staffView = await ctx.t.http().get(`/comite/dossiers/${A.id}/proposition`).set('Cookie', s.manager.session.cookie).expect(200);
    expect(staffView.text).toContain('Refusée par le porteur (renonciation)');
    expect(staffView.text).toContain('Le projet ne peut pas être mené avec ce montant.');
  });

  it('accepts from the page with typed euros, and refuses an acceptance after the answer date', async () => {
    const { A, applicant } = await reducedAward();
    const cookie = applicant.session.cookie;
    const page = await ctx.t.http().get(`/dossiers/${A.id}/proposition`).set('Cookie', cookie).expect(200);
    // The form starts from the same costs with the gap on own funds: accepted as it is.
    expect(page.text).toContain(`name="ressource-0-montant" value="120000,00"`);
    const form: Record<string, string> = { _csrf: applicant.session.csrfToken, version: hidden(page.text, 'form-accepter', 'version') };
    for (const m of page.text.matchAll(/name="((?:ligne|ressource)-[^"]+)" value="([^"]*)"/g)) form[group(m, 1)] = group(m, 2).replace(/&#39;/g, "'");
    for (const m of page.text.matchAll(/<select class="fr-select" id="(ressource-\d+-type)"[\s\S]*?<\/select>/g)) {
      const selected = /<option value="([^"]+)" selected>/.exec(m[0]);
      if (selected) form[group(m, 1)] = group(selected);
    }

    await ctx.owner.query(`UPDATE award_proposal SET answer_due_date = current_date - 1 WHERE application_id = $1`, [A.id]);
    const late = await ctx.t
      .http()
      .post(`/api/v1/applications/${A.id}/award-proposal/accept`)
      .set(applicant.auth)
      .set('If-Match', '"1"')
      .send({ lines: [{ amountCents: 1 }], resources: [] })
      .expect(409);
    expect(late.body.code).toBe('AWARD_ANSWER_OVERDUE');
    await ctx.owner.query(`UPDATE award_proposal SET answer_due_date = current_date + 30 WHERE application_id = $1`, [A.id]);

    await ctx.t.http().post(`/dossiers/${A.id}/proposition/accepter`).set('Cookie', cookie).type('form').send(form).expect(303);
    expect(await statusOf(A.id)).toMatch(/^(PROGRAMMED|CONVENTION_ISSUED)$/);
    const after = await ctx.t.http().get(`/dossiers/${A.id}/proposition?reponse=acceptee`).set('Cookie', cookie).expect(200);
    expect(after.text).toContain('Vous avez accepté la proposition du comité');
    expect(after.text).toContain('id="plan-revise"');
  });

  it('after the due date without an answer, the programme manager records the lapse: renunciation, amount released', async () => {
    const { s, A, sessionId } = await reducedAward();
    const early = await ctx.t.http().post(`/api/v1/applications/${A.id}/award-proposal/lapse`).set(s.manager.auth).set('If-Match', '"1"').expect(409);
    expect(early.body.detail).toContain('ne peut pas être constatée avant');
    await ctx.owner.query(`UPDATE award_proposal SET answer_due_date = current_date - 1 WHERE application_id = $1`, [A.id]);
    const cookie = s.manager.session.cookie;
    const page = await ctx.t.http().get(`/comite/dossiers/${A.id}/proposition`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('id="bouton-constater"');
    await ctx.t
      .http()
      .post(`/comite/dossiers/${A.id}/proposition/constater`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: s.manager.session.csrfToken, version: hidden(page.text, 'form-constater', 'version') })
      .expect(303);
    expect(await statusOf(A.id)).toBe('RENOUNCED');
    expect(await consumed(sessionId, s.manager.auth)).toBe(0);
    const [audit] = await ctx.owner.query(`SELECT actor_user_id FROM audit_log WHERE subject_id = $1 AND action = 'committee.award_lapsed'`, [A.id]);
    expect(audit.actor_user_id).toBe(s.manager.user.id);
  });
});
