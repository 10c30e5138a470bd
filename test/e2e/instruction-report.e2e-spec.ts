import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  type Applicant,
  completeDraft,
  createApplicant,
  createDraft,
  createOpenCall,
  createStaff,
  VALID_ARTICLE15,
} from '../support/factories/application.factory';
import type { TestApp } from '../support/test-app';
import { truncateAll, useTestApp } from '../support/test-app';
import { COMPLETE_REPORT_SECTIONS } from '../support/factories/evaluation.factory';
import { header } from '../support/checked';

/** A submitted dossier declared ADMISSIBLE through the admissibility API by an instructor. */
async function admissibleDossier(t: TestApp, owner: DataSource, a: Applicant, callId: string, article15 = VALID_ARTICLE15): Promise<string> {
  const { id } = await createDraft(t, a, callId);
  await completeDraft(t, a, id);
  if (article15 !== VALID_ARTICLE15) {
    const draftEtag = header(await t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200), 'ETag');
    await t.http().put(`/api/v1/applications/${id}/article15`).set(a.auth).set('If-Match', draftEtag).send(article15).expect(200);
  }
  await t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(200);
  const staff = await createStaff(t, owner, 'INSTRUCTOR');
  const etag = header(await t.http().get(`/api/v1/applications/${id}`).set(staff.auth).expect(200), 'ETag');
  await t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(staff.auth).set('If-Match', etag).send({ outcome: 'ADMISSIBLE' }).expect(200);
  return id;
}

/** The VALID_PLAN of the factory reduced: STAFF 80 000 € → 70 000,33 €, recomputed at 15 % and 95 %, both floored. */
const REDUCED = {
  lines: [
    { category: 'STAFF', label: 'Coordinatrice et animateurs', amountCents: 7_000_033 },
    { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'ESF_PLUS', amountCents: 9_547_535 },
    { type: 'SELF', amountCents: 502_502 },
  ],
  reason: 'Temps de coordination surestimé au regard du nombre de participants.',
};

describe('instruction report (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let instructor: Awaited<ReturnType<typeof createStaff>>;
  let callId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    callId = (await createOpenCall(ctx.owner)).id;
  });
  const http = () => ctx.t.http();
  const base = (id: string) => `/api/v1/applications/${id}`;

  /** Evaluates, decides the operation-type rule with a reason (pass or fail as asked) and confirms the verdict. */
  async function confirmed(id: string, eligible: boolean): Promise<void> {
    const ev = await http()
      .post(`${base(id)}/eligibility/evaluate`)
      .set(instructor.auth)
      .expect(200);
    let etag = header(ev, 'ETag');
    const reason = eligible ? "Type d'opération conforme à la note de cadrage." : "Type d'opération hors du champ de l'appel.";
    const o = await http()
      .put(`${base(id)}/eligibility/overrides/P6_OPERATION_TYPE`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ passed: eligible, reason })
      .expect(200);
    etag = header(o, 'ETag');
    const c = await http()
      .post(`${base(id)}/eligibility/confirm`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .expect(200);
    expect(c.body.verdict).toBe(eligible ? 'ELIGIBLE' : 'INELIGIBLE');
  }

  it('writes a favorable report with a reduced plan (version 2, version 1 untouched, EU at the 95 % floor), then moves the dossier to INSTRUCTED', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    const [v1Before] = await ctx.owner.query(`SELECT * FROM financing_plan_version WHERE application_id = $1 AND version_no = 1`, [id]);

    await http()
      .post(`${base(id)}/eligibility/evaluate`)
      .set(instructor.auth)
      .expect(200);
    const early = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({ opinion: 'FAVORABLE', motivation: 'Projet solide et bien construit.' })
      .expect(409);
    expect(early.body.code).toBe('ELIGIBILITY_NOT_CONFIRMED');
    await confirmed(id, true);

    const empty = await http()
      .get(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .expect(200);
    expect(empty.headers.etag).toBe('"0"');
    expect(empty.body).toMatchObject({ report: null, retainedVersionNo: 1, status: 'UNDER_INSTRUCTION' });

    const body = { opinion: 'FAVORABLE', motivation: 'Projet pertinent, coordination à ajuster.', sections: COMPLETE_REPORT_SECTIONS, reducedPlan: REDUCED };
    await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .send(body)
      .expect(428);
    await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"3"')
      .send(body)
      .expect(412);
    const res = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send(body)
      .expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.report).toMatchObject({ opinion: 'FAVORABLE', planVersionNo: 2, writtenBy: instructor.user.id });
    expect(res.body.retainedVersionNo).toBe(2);
    expect(res.body.planVersions.map((v: { versionNo: number; source: string }) => [v.versionNo, v.source])).toEqual([
      [1, 'APPLICANT'],
      [2, 'INSTRUCTOR'],
    ]);
    expect(res.body.differences.lines[0]).toEqual({
      position: 0,
      category: 'STAFF',
      label: 'Coordinatrice et animateurs',
      applicantCents: 8_000_000,
      proposedCents: 7_000_033,
      deltaCents: -999_967,
    });
    expect(res.body.differences.totals.find((t: { key: string }) => t.key === 'euCents')).toEqual({
      key: 'euCents',
      applicantCents: 10_640_000,
      proposedCents: 9_547_535,
      deltaCents: -1_092_465,
    });

    const [v2] = await ctx.owner.query(
      `SELECT source, total_flat_rate_cents, total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, reason, lines
         FROM financing_plan_version WHERE application_id = $1 AND version_no = 2`,
      [id],
    );
    // 15 % of 7 000 033 = 1 050 004,95 → 1 050 004; CTE 10 050 037; 95 % = 9 547 535,15 → 9 547 535 (floored).
    expect(v2).toMatchObject({
      source: 'INSTRUCTOR',
      total_flat_rate_cents: '1050004',
      total_eligible_cents: '10050037',
      max_eu_cents: '9547535',
      eu_cents: '9547535',
      other_resources_cents: '502502',
      rate_bp: 9500,
      reason: REDUCED.reason,
    });
    const [v1After] = await ctx.owner.query(`SELECT * FROM financing_plan_version WHERE application_id = $1 AND version_no = 1`, [id]);
    expect(v1After).toEqual(v1Before);

    // Validation takes If-Match on the report: missing 428, stale 412.
    const reportEtag = header(
      await http()
        .get(`${base(id)}/instruction-report`)
        .set(instructor.auth)
        .expect(200),
      'ETag',
    );
    expect(
      (
        await http()
          .post(`${base(id)}/instruction-report/submit`)
          .set(instructor.auth)
      ).status,
    ).toBe(428);
    expect(
      (
        await http()
          .post(`${base(id)}/instruction-report/submit`)
          .set(instructor.auth)
          .set('If-Match', '"99"')
      ).status,
    ).toBe(412);
    const submitted = await http()
      .post(`${base(id)}/instruction-report/submit`)
      .set(instructor.auth)
      .set('If-Match', reportEtag)
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'INSTRUCTED', report: { submittedBy: instructor.user.id } });
    const [app] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(app.status).toBe('INSTRUCTED');
    const [h] = await ctx.owner.query(`SELECT from_status, to_status FROM application_status_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    expect(h).toEqual({ from_status: 'UNDER_INSTRUCTION', to_status: 'INSTRUCTED' });
    const audits = await ctx.owner.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action IN ('instruction_report.written', 'application.instructed') ORDER BY seq`,
      [id],
    );
    expect(audits.map((x: { action: string }) => x.action)).toEqual(['instruction_report.written', 'application.instructed']);

    // Once instructed, the report is frozen and cannot be submitted twice.
    await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', header(submitted, 'ETag'))
      .send({ opinion: 'DEFAVORABLE', motivation: 'Changement d’avis tardif.' })
      .expect(409);
    expect(
      (
        await http()
          .post(`${base(id)}/instruction-report/submit`)
          .set(instructor.auth)
          .set('If-Match', header(submitted, 'ETag'))
          .expect(409)
      ).body.code,
    ).toBe('INVALID_STATUS_TRANSITION');
  });

  it('refuses a reduced plan that increases a line or the EU amount, with clear codes, and writes nothing', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await confirmed(id, true);
    const up = {
      ...REDUCED,
      lines: [{ ...REDUCED.lines[0], amountCents: 8_000_001 }, REDUCED.lines[1]],
      resources: [
        { type: 'ESF_PLUS', amountCents: 10_640_001 },
        { type: 'SELF', amountCents: 560_000 },
      ],
    };
    const res = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({ opinion: 'FAVORABLE', motivation: 'Projet pertinent.', reducedPlan: up })
      .expect(422);
    expect(res.body.code).toBe('REDUCED_PLAN_INVALID');
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['LINE_INCREASED', 'EU_AMOUNT_INCREASED']));
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM financing_plan_version WHERE application_id = $1`, [id]);
    expect(count).toBe('1');
    expect(await ctx.owner.query(`SELECT 1 FROM instruction_report WHERE application_id = $1`, [id])).toEqual([]);
    const noReason = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({ opinion: 'FAVORABLE', motivation: 'Projet pertinent.', reducedPlan: { ...REDUCED, reason: '' } })
      .expect(400);
    expect(noReason.body.errors[0].path).toBe('reducedPlan.reason');
  });

  it('an ineligible dossier cannot get a favorable report; a défavorable one keeps the applicant plan and is instructed', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await confirmed(id, false);
    const fav = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({ opinion: 'FAVORABLE', motivation: 'Projet pertinent malgré tout.' })
      .expect(422);
    expect(fav.body).toMatchObject({ code: 'INELIGIBLE_REQUIRES_DEFAVORABLE', errors: [{ path: 'opinion', code: 'INELIGIBLE_REQUIRES_DEFAVORABLE' }] });
    const def = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({ opinion: 'DEFAVORABLE', motivation: "Opération hors du champ de l'appel.", sections: COMPLETE_REPORT_SECTIONS })
      .expect(200);
    expect(def.body.report).toMatchObject({ opinion: 'DEFAVORABLE', planVersionNo: 1 });

    // Re-examining eligibility clears the confirmation: the report cannot be submitted until it is confirmed again.
    await http()
      .post(`${base(id)}/eligibility/evaluate`)
      .set(instructor.auth)
      .expect(200);
    expect(
      (
        await http()
          .post(`${base(id)}/instruction-report/submit`)
          .set(instructor.auth)
          .set('If-Match', header(def, 'ETag'))
          .expect(409)
      ).body.code,
    ).toBe('ELIGIBILITY_NOT_CONFIRMED');
    const etag = header(
      await http()
        .get(`${base(id)}/eligibility`)
        .set(instructor.auth)
        .expect(200),
      'ETag',
    );
    await http()
      .post(`${base(id)}/eligibility/confirm`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .expect(200);
    await http()
      .post(`${base(id)}/instruction-report/submit`)
      .set(instructor.auth)
      .set('If-Match', header(def, 'ETag'))
      .expect(200);
  });

  it('structured report: saved with gaps, validated only once every section and the opinion are written; « réservé » is an opinion; an old report stays readable', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await confirmed(id, true);
    const draft = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', '"0"')
      .send({
        opinion: 'RESERVED',
        motivation: 'Favorable sous réserve du plan de communication.',
        sections: { publicTargeted: '  Jeunes NEET du quartier prioritaire.  ', stateAid: '' },
      })
      .expect(200);
    expect(draft.body.report).toMatchObject({ opinion: 'RESERVED', sections: { publicTargeted: 'Jeunes NEET du quartier prioritaire.' } });
    expect(Object.keys(draft.body.report.sections)).toEqual(['publicTargeted']);

    const refused = await http()
      .post(`${base(id)}/instruction-report/submit`)
      .set(instructor.auth)
      .set('If-Match', header(draft, 'ETag'))
      .expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('INSTRUCTION_REPORT_INCOMPLETE');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'sections.capacity',
      'sections.horizontalPrinciples',
      'sections.stateAid',
      'sections.doubleFunding',
    ]);
    expect(refused.body.errors[1].message).toContain('Principes horizontaux');
    const [{ status }] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(status).toBe('UNDER_INSTRUCTION');

    const full = await http()
      .put(`${base(id)}/instruction-report`)
      .set(instructor.auth)
      .set('If-Match', header(draft, 'ETag'))
      .send({ opinion: 'RESERVED', motivation: 'Favorable sous réserve du plan de communication.', sections: COMPLETE_REPORT_SECTIONS })
      .expect(200);
    const ok = await http()
      .post(`${base(id)}/instruction-report/submit`)
      .set(instructor.auth)
      .set('If-Match', header(full, 'ETag'))
      .expect(200);
    expect(ok.body.status).toBe('INSTRUCTED');
    const [h] = await ctx.owner.query(`SELECT reason FROM application_status_history WHERE application_id = $1 AND to_status = 'INSTRUCTED'`, [id]);
    expect(h.reason).toBe('Avis réservé');
    const page = await http().get(`/instruction/dossiers/${id}/rapport`).set('Cookie', instructor.session.cookie).expect(200);
    expect(page.text).toContain('Rapport tel que présenté au comité');
    expect(page.text).toContain('Absence de double financement');
    expect(page.text).toContain(COMPLETE_REPORT_SECTIONS.doubleFunding);
    expect(page.text).toContain('Avis : réservé');

    // A report written before the structure ({} sections) stays readable as it was.
    await ctx.owner.query(`UPDATE instruction_report SET sections = '{}' WHERE application_id = $1`, [id]);
    const old = await http().get(`/instruction/dossiers/${id}/rapport`).set('Cookie', instructor.session.cookie).expect(200);
    expect(old.text).toContain('Rapport rédigé avant la structuration en rubriques');
    expect(old.text).toContain('Favorable sous réserve du plan de communication.');
  });

  it('the report page asks for every section before validation, each error on its field', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await confirmed(id, true);
    const cookie = instructor.session.cookie;
    const post = (path: string, form: Record<string, string>) =>
      http()
        .post(path)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: instructor.session.csrfToken, ...form });
    const page = await http().get(`/instruction/dossiers/${id}/rapport`).set('Cookie', cookie).expect(200);
    for (const key of Object.keys(COMPLETE_REPORT_SECTIONS)) expect(page.text).toContain(`id="section-${key}"`);
    expect(page.text).toContain('id="opinion-RESERVED"');
    await post(`/instruction/dossiers/${id}/rapport`, {
      version: '0',
      opinion: 'FAVORABLE',
      motivation: 'Projet pertinent et solide.',
      'section-capacity': 'Comptes certifiés, équipe en place.',
    }).expect(303);
    const refused = await post(`/instruction/dossiers/${id}/rapport/valider`, { version: '1' }).expect(422);
    expect(refused.text).toContain('href="#section-publicTargeted"');
    expect(refused.text).not.toContain('href="#section-capacity"');
    expect(refused.text).toContain('Comptes certifiés, équipe en place.');
  });

  it('submit without a report is refused; evaluators and applicants get 403 on every route, unknown dossiers 404', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await confirmed(id, true);
    expect(
      (
        await http()
          .post(`${base(id)}/instruction-report/submit`)
          .set(instructor.auth)
          .set('If-Match', '"0"')
          .expect(409)
      ).body.code,
    ).toBe('INSTRUCTION_REPORT_MISSING');
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    for (const who of [evaluator.auth, a.auth]) {
      await http()
        .get(`${base(id)}/instruction-report`)
        .set(who)
        .expect(403);
      await http()
        .put(`${base(id)}/instruction-report`)
        .set(who)
        .set('If-Match', '"0"')
        .send({ opinion: 'FAVORABLE', motivation: 'Projet pertinent.' })
        .expect(403);
      await http()
        .post(`${base(id)}/instruction-report/submit`)
        .set(who)
        .expect(403);
    }
    await http()
      .get(`${base(randomUUID())}/instruction-report`)
      .set(instructor.auth)
      .expect(404);
    const { id: draft } = await createDraft(ctx.t, a, callId);
    await http()
      .get(`${base(draft)}/instruction-report`)
      .set(instructor.auth)
      .expect(404);
    expect(await ctx.owner.query(`SELECT 1 FROM instruction_report`)).toEqual([]);
  });
});
