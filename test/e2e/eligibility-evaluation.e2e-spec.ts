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
import { header } from '../support/checked';

const RULES = ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'];

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

/** The call's Priority 6 scope, in the live row and in its frozen version 1. */
async function setScope(owner: DataSource, callId: string, scope: { funderType?: string; operationTypes?: string[] } = {}): Promise<void> {
  await owner.query(`UPDATE call SET allowed_operation_types = $2::jsonb, funder_type = $3 WHERE id = $1`, [
    callId,
    JSON.stringify(scope.operationTypes ?? ['EXPERIMENTATION', 'ESSAIMAGE']),
    scope.funderType ?? 'STATE',
  ]);
  await owner.query(`UPDATE call_version v SET rules = to_jsonb(c.*) FROM call c WHERE c.id = v.call_id AND c.id = $1`, [callId]);
}

describe('eligibility: evaluate, override, confirm, CSESS (e2e)', () => {
  const ctx = useTestApp();
  let a: Applicant;
  let instructor: Awaited<ReturnType<typeof createStaff>>;
  let callId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    a = await createApplicant(ctx.t, ctx.owner);
    instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    callId = (await createOpenCall(ctx.owner)).id;
    await setScope(ctx.owner, callId);
  });
  const http = () => ctx.t.http();
  const evaluate = (id: string) => http().post(`/api/v1/applications/${id}/eligibility/evaluate`).set(instructor.auth);

  it('evaluates every rule from the submission snapshot, stores the report and moves the dossier to UNDER_INSTRUCTION', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    const [{ snapshot }] = await ctx.owner.query(`SELECT snapshot FROM application_submission WHERE application_id = $1`, [id]);
    expect(snapshot.project).toMatchObject({ operationType: 'EXPERIMENTATION', existingProject: false, experimentationStartDate: null });

    const res = await evaluate(id).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(RULES);
    expect(res.body).toMatchObject({ status: 'UNDER_INSTRUCTION', engineEligible: true, eligible: true, verdict: null, ruleSetVersion: 'art15-p6/3' });
    for (const r of res.body.results) expect(r).toMatchObject({ passed: true, reason: expect.any(String), legalReference: expect.any(String), override: null });

    const [stored] = await ctx.owner.query(`SELECT rule_set_version, results, facts, version FROM eligibility_report WHERE application_id = $1`, [id]);
    expect(stored.results).toHaveLength(5);
    expect(stored.results[0]).toEqual({ ruleId: 'ART15_I', passed: true, reason: expect.any(String), legalReference: expect.stringContaining('art. 15, I') });
    expect(stored.facts).toMatchObject({
      operationType: 'EXPERIMENTATION',
      allowedOperationTypes: ['EXPERIMENTATION', 'ESSAIMAGE'],
      funderIsCollectiviteTerritoriale: false,
    });
    const [app] = await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]);
    expect(app.status).toBe('UNDER_INSTRUCTION');
    const history = await ctx.owner.query(
      `SELECT from_status, to_status, actor_user_id FROM application_status_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(history).toEqual([{ from_status: 'ADMISSIBLE', to_status: 'UNDER_INSTRUCTION', actor_user_id: instructor.user.id }]);
    const audits = await ctx.owner.query(`SELECT action, after FROM audit_log WHERE subject_id = $1 AND action LIKE 'eligibility.%'`, [id]);
    expect(audits).toEqual([{ action: 'eligibility.evaluated', after: expect.objectContaining({ status: 'UNDER_INSTRUCTION', engineEligible: true }) }]);

    // A second run stays UNDER_INSTRUCTION and bumps the report version.
    const again = await evaluate(id).expect(200);
    expect(again.headers.etag).toBe('"2"');
    const get = await http().get(`/api/v1/applications/${id}/eligibility`).set(instructor.auth).expect(200);
    expect(get.body.version).toBe(2);
  });

  it('refuses to evaluate a dossier that is not yet admissible, and 404s a draft', async () => {
    const { id: draft } = await createDraft(ctx.t, a, callId);
    await evaluate(draft).expect(404);
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await ctx.owner.query(`UPDATE application SET status = 'SUBMITTED' WHERE id = $1`, [id]);
    const res = await evaluate(id).expect(409);
    expect(res.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect(await ctx.owner.query(`SELECT 1 FROM eligibility_report WHERE application_id = $1`, [id])).toEqual([]);
  });

  it('overrides a rule with a written reason (400 without, 428/412 on If-Match), and confirms the verdict', async () => {
    const noII = { ...VALID_ARTICLE15, ii: { answer: false, justification: 'Financement de marché possible.' } };
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId, noII);
    const evaluated = await evaluate(id).expect(200);
    expect(evaluated.body.results.filter((r: { passed: boolean }) => !r.passed).map((r: { ruleId: string }) => r.ruleId)).toEqual(['ART15_II']);
    const url = `/api/v1/applications/${id}/eligibility/overrides/ART15_II`;

    const noReason = await http().put(url).set(instructor.auth).set('If-Match', '"1"').send({ passed: true }).expect(400);
    expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'reason' })]));
    await http().put(url).set(instructor.auth).set('If-Match', '"1"').send({ passed: true, reason: '          ' }).expect(400);
    await http().put(url).set(instructor.auth).send({ passed: true, reason: 'Le bilan montre un déficit structurel.' }).expect(428);
    await http().put(url).set(instructor.auth).set('If-Match', '"7"').send({ passed: true, reason: 'Le bilan montre un déficit structurel.' }).expect(412);
    await http()
      .put(`/api/v1/applications/${id}/eligibility/overrides/NOPE`)
      .set(instructor.auth)
      .set('If-Match', '"1"')
      .send({ passed: true, reason: 'Le bilan montre un déficit structurel.' })
      .expect(400);

    // Confirming now records INELIGIBLE with the failing rule as reason.
    const ineligible = await http().post(`/api/v1/applications/${id}/eligibility/confirm`).set(instructor.auth).set('If-Match', '"1"').expect(200);
    expect(ineligible.body).toMatchObject({ verdict: 'INELIGIBLE', verdictReasons: [expect.objectContaining({ ruleId: 'ART15_II' })], version: 2 });

    const overridden = await http()
      .put(url)
      .set(instructor.auth)
      .set('If-Match', '"2"')
      .send({ passed: true, reason: 'Le bilan montre un déficit structurel.' })
      .expect(200);
    const ii = overridden.body.results.find((r: { ruleId: string }) => r.ruleId === 'ART15_II');
    expect(ii).toMatchObject({
      passed: true,
      reason: 'Le bilan montre un déficit structurel.',
      engineResult: { passed: false },
      override: { passed: true, by: instructor.user.id },
    });
    // A new override clears the confirmation given on other results.
    expect(overridden.body).toMatchObject({ eligible: true, engineEligible: false, verdict: null, version: 3 });

    const confirmed = await http().post(`/api/v1/applications/${id}/eligibility/confirm`).set(instructor.auth).set('If-Match', '"3"').expect(200);
    expect(confirmed.body).toMatchObject({ verdict: 'ELIGIBLE', verdictReasons: [], confirmedBy: instructor.user.id });
    const [row] = await ctx.owner.query(`SELECT verdict, verdict_reasons, overrides, confirmed_by FROM eligibility_report WHERE application_id = $1`, [id]);
    expect(row).toMatchObject({
      verdict: 'ELIGIBLE',
      verdict_reasons: [],
      confirmed_by: instructor.user.id,
      overrides: [expect.objectContaining({ ruleId: 'ART15_II', passed: true })],
    });
    const actions = await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'eligibility.%' ORDER BY seq`, [id]);
    expect(actions.map((x: { action: string }) => x.action)).toEqual([
      'eligibility.evaluated',
      'eligibility.confirmed',
      'eligibility.rule_overridden',
      'eligibility.confirmed',
    ]);

    // Re-evaluation replaces the results and clears the confirmation; the override stays.
    const rerun = await evaluate(id).expect(200);
    expect(rerun.body).toMatchObject({ verdict: null, confirmedAt: null, eligible: true, version: 5 });
  });

  it('a call field cannot waive II for support granted by a State-designated body; an operation type outside the call fails the scope', async () => {
    const noII = { ...VALID_ARTICLE15, ii: { answer: false, justification: 'Financement de marché possible.' } };
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId, noII);
    // The rules the dossier was submitted under (its call version) decide, not the submission-time check.
    await setScope(ctx.owner, callId, { funderType: 'COLLECTIVITE_TERRITORIALE', operationTypes: ['ESSAIMAGE'] });
    const res = await evaluate(id).expect(200);
    const byRule = Object.fromEntries(res.body.results.map((r: { ruleId: string; passed: boolean }) => [r.ruleId, r.passed]));
    // The waiver of article 15, II follows the grantor's nature (GRANTOR_NATURE, a State-designated body here), never the call.
    expect(byRule).toEqual({ ART15_I: true, ART15_II: false, P6_TARGET_PUBLIC: true, P6_OPERATION_TYPE: false, P6_EXISTING_PROJECT: true });
    const confirmed = await http().post(`/api/v1/applications/${id}/eligibility/confirm`).set(instructor.auth).set('If-Match', header(res, 'ETag')).expect(200);
    expect(confirmed.body.verdictReasons).toEqual([
      {
        ruleId: 'ART15_II',
        reason: expect.stringContaining("n'est pas une collectivité territoriale"),
        legalReference: expect.stringContaining('art. 15, II'),
      },
      { ruleId: 'P6_OPERATION_TYPE', reason: expect.stringContaining('« Expérimentation »'), legalReference: expect.stringContaining('priorité 6') },
    ]);
  });

  it('scores the CSESS grid (default template) with subtotals, within the scale, without touching the verdict', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    const evaluated = await evaluate(id).expect(200);
    expect(evaluated.body.csess).toMatchObject({ defaultGrid: true, total: 0, max: 27 });
    const confirmed = await http().post(`/api/v1/applications/${id}/eligibility/confirm`).set(instructor.auth).set('If-Match', '"1"').expect(200);
    const url = `/api/v1/applications/${id}/eligibility/csess`;
    const bad = await http()
      .put(url)
      .set(instructor.auth)
      .set('If-Match', header(confirmed, 'ETag'))
      .send({
        scores: [
          { code: 'A1', score: 4 },
          { code: 'ZZ', score: 1 },
        ],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'scores[0].score:SCORE_OUT_OF_SCALE',
      'scores[1].code:UNKNOWN_CRITERION',
    ]);
    const ok = await http()
      .put(url)
      .set(instructor.auth)
      .set('If-Match', header(confirmed, 'ETag'))
      .send({
        scores: [
          { code: 'A1', score: 3, comment: 'Besoin documenté.' },
          { code: 'A2', score: 1 },
          { code: 'C1', score: 2 },
        ],
      })
      .expect(200);
    expect(ok.body.csess.subtotals.map((s: { code: string; score: number; max: number }) => [s.code, s.score, s.max])).toEqual([
      ['NEEDS_AND_ACTORS', 4, 9],
      ['OTHER_EFFECTS', 0, 9],
      ['EXPERIMENTATION_RISK', 2, 9],
    ]);
    expect(ok.body).toMatchObject({ verdict: 'ELIGIBLE', csess: { total: 6 } });
  });

  it('uses the CSESS grid frozen with the call version when there is one', async () => {
    const grid = {
      categories: ['NEEDS_AND_ACTORS', 'OTHER_EFFECTS', 'EXPERIMENTATION_RISK'].map((code, i) => ({
        code,
        label: `Catégorie ${i + 1}`,
        criteria: [{ code: `K${i}`, label: 'Critère', scaleMax: 5 }],
      })),
    };
    await ctx.owner.query(`UPDATE call SET csess_grid = $2::jsonb WHERE id = $1`, [callId, JSON.stringify(grid)]);
    await setScope(ctx.owner, callId);
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    const res = await evaluate(id).expect(200);
    expect(res.body.csess).toMatchObject({ defaultGrid: false, max: 15 });
    await http()
      .put(`/api/v1/applications/${id}/eligibility/csess`)
      .set(instructor.auth)
      .set('If-Match', '"1"')
      .send({ scores: [{ code: 'K0', score: 5 }] })
      .expect(200);
  });

  it('evaluators and applicants are refused every eligibility route (403), strangers to a dossier get 404', async () => {
    const id = await admissibleDossier(ctx.t, ctx.owner, a, callId);
    await evaluate(id).expect(200);
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const routes: ['get' | 'post' | 'put', string, object?][] = [
      ['get', `/api/v1/applications/${id}/eligibility`],
      ['post', `/api/v1/applications/${id}/eligibility/evaluate`],
      ['put', `/api/v1/applications/${id}/eligibility/overrides/ART15_I`, { passed: false, reason: 'Motif suffisamment long.' }],
      ['post', `/api/v1/applications/${id}/eligibility/confirm`],
      ['put', `/api/v1/applications/${id}/eligibility/csess`, { scores: [] }],
    ];
    for (const who of [evaluator.auth, a.auth]) {
      for (const [method, url, body] of routes) {
        const res = await (http() as unknown as Record<'get' | 'post' | 'put', (u: string) => import('supertest').Test>)
          [method](url)
          .set(who)
          .set('If-Match', '"1"')
          .send(body ?? {});
        expect({ url, status: res.status }).toEqual({ url, status: 403 });
      }
    }
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    await http().get(`/api/v1/applications/${id}/eligibility`).set(manager.auth).expect(200);
    await http().get(`/api/v1/applications/${randomUUID()}/eligibility`).set(instructor.auth).expect(404);
    const [{ version }] = await ctx.owner.query(`SELECT version FROM eligibility_report WHERE application_id = $1`, [id]);
    expect(version).toBe(1);
  });
});
