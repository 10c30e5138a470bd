import { createStaff } from '../support/factories/application.factory';
import { closeCall } from '../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier, insertConsensus } from '../support/factories/evaluation.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at, header } from '../support/checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;

describe('scoring, peers, consensus and ranking (e2e)', () => {
  const ctx = useTestApp();
  let manager: Staff;
  let chair: Staff;
  let rapporteur: Staff;
  let member: Staff;
  let callId: string;
  let dossierId: string;

  const http = () => ctx.t.http();

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    chair = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    rapporteur = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    member = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    callId = (await createEvaluationCall(ctx.owner, { envelopeCents: 25_000_000 })).id;
    for (const [who, role] of [
      [chair, 'CHAIR'],
      [rapporteur, 'RAPPORTEUR'],
      [member, 'MEMBER'],
    ] as const) {
      await http().post(`/api/v1/calls/${callId}/panel/members`).set(manager.auth).send({ userId: who.user.id, role }).expect(201);
    }
    dossierId = (await createInstructedDossier(ctx.owner, { callId, euCents: 12_000_000 })).id;
    for (const e of [rapporteur, member]) {
      await http()
        .post(`/api/v1/calls/${callId}/panel/assignments`)
        .set(manager.auth)
        .send({ applicationId: dossierId, evaluatorId: e.user.id, rapporteur: e === rapporteur })
        .expect(201);
      await http().put(`/api/v1/evaluations/${dossierId}/declaration`).set(e.auth).send({ conflict: false }).expect(200);
    }
  });

  async function scoreAndSubmit(e: Staff, c1: number, c2: number) {
    const sheet = await http().get(`/api/v1/evaluations/${dossierId}`).set(e.auth).expect(200);
    const saved = await http()
      .put(`/api/v1/evaluations/${dossierId}/scores`)
      .set(e.auth)
      .set('If-Match', header(sheet, 'ETag'))
      .send({
        scores: [
          { criterionCode: 'C1', score: c1, justification: 'Besoin étayé.' },
          { criterionCode: 'C2', score: c2, justification: 'Partenariats solides.' },
        ],
      })
      .expect(200);
    return http().post(`/api/v1/evaluations/${dossierId}/submit`).set(e.auth).set('If-Match', header(saved, 'ETag')).expect(200);
  }

  it('saves drafts within the scale, rejects a stale ETag, requires justifications to submit, locks, and reopens with a reason', async () => {
    const sheet = await http().get(`/api/v1/evaluations/${dossierId}`).set(member.auth).expect(200);
    expect(sheet.body).toMatchObject({ status: 'DRAFT', scores: [], grid: { criteria: [{ code: 'C1' }, { code: 'C2' }] } });
    const etag = header(sheet, 'ETag');

    await http().put(`/api/v1/evaluations/${dossierId}/scores`).set(member.auth).send({ scores: [] }).expect(428);
    const out = await http()
      .put(`/api/v1/evaluations/${dossierId}/scores`)
      .set(member.auth)
      .set('If-Match', etag)
      .send({
        scores: [
          { criterionCode: 'C1', score: 6 },
          { criterionCode: 'C9', score: 1 },
        ],
      })
      .expect(400);
    expect(out.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'scores[0].score:SCORE_OUT_OF_SCALE',
      'scores[1].criterionCode:UNKNOWN_CRITERION',
    ]);
    const draft = await http()
      .put(`/api/v1/evaluations/${dossierId}/scores`)
      .set(member.auth)
      .set('If-Match', etag)
      .send({ scores: [{ criterionCode: 'C1', score: 4 }] })
      .expect(200);
    expect(draft.body.scores).toEqual([{ criterionCode: 'C1', score: 4, justification: '' }]);
    expect(
      (
        await http()
          .put(`/api/v1/evaluations/${dossierId}/scores`)
          .set(member.auth)
          .set('If-Match', etag)
          .send({ scores: [{ criterionCode: 'C1', score: 3 }] })
          .expect(412)
      ).body.code,
    ).toBe('PRECONDITION_FAILED');

    const incomplete = await http().post(`/api/v1/evaluations/${dossierId}/submit`).set(member.auth).set('If-Match', header(draft, 'ETag')).expect(400);
    expect(incomplete.body.errors.map((e: { path: string }) => e.path)).toEqual(['scores.C1.justification', 'scores.C2.score']);

    const submitted = await scoreAndSubmit(member, 4, 3);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED' });
    const locked = await http()
      .put(`/api/v1/evaluations/${dossierId}/scores`)
      .set(member.auth)
      .set('If-Match', header(submitted, 'ETag'))
      .send({ scores: [{ criterionCode: 'C1', score: 1 }] })
      .expect(409);
    expect(locked.body.code).toBe('EVALUATION_LOCKED');

    await http().post(`/api/v1/evaluations/${dossierId}/reopen`).set(member.auth).send({ evaluatorId: member.user.id, reason: 'x' }).expect(403);
    await http().post(`/api/v1/evaluations/${dossierId}/reopen`).set(manager.auth).send({ evaluatorId: member.user.id }).expect(400);
    await http()
      .post(`/api/v1/evaluations/${dossierId}/reopen`)
      .set(manager.auth)
      .send({ evaluatorId: member.user.id, reason: 'Erreur de saisie signalée.' })
      .expect(204);
    const reopened = await http().get(`/api/v1/evaluations/${dossierId}`).set(member.auth).expect(200);
    expect(reopened.body).toMatchObject({
      status: 'DRAFT',
      scores: [
        { criterionCode: 'C1', score: 4 },
        { criterionCode: 'C2', score: 3 },
      ],
    });

    const history: { event: string; reason: string | null }[] = await ctx.owner.query(
      `SELECT event, reason FROM evaluation_score_history WHERE application_id = $1 AND evaluator_id = $2 ORDER BY id`,
      [dossierId, member.user.id],
    );
    expect(history.map((h) => h.event)).toEqual(['SAVED', 'SAVED', 'SUBMITTED', 'REOPENED']);
    expect(at(history, 3, 'history row').reason).toBe('Erreur de saisie signalée.');
  });

  it("hides peers' scores until one's own are submitted; the chair and staff see them", async () => {
    await scoreAndSubmit(member, 4, 3);
    // The rapporteur has not submitted: the peers' sheets stay hidden.
    await http().get(`/api/v1/applications/${dossierId}/evaluations`).set(rapporteur.auth).expect(404);
    await http().get(`/api/v1/applications/${dossierId}/evaluation-summary`).set(rapporteur.auth).expect(404);
    const mine = await http().get(`/api/v1/evaluations/${dossierId}`).set(rapporteur.auth).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain('Partenariats solides.');

    for (const who of [chair, manager]) {
      const seen = await http().get(`/api/v1/applications/${dossierId}/evaluations`).set(who.auth).expect(200);
      const byId = Object.fromEntries(seen.body.evaluations.map((e: { evaluatorId: string }) => [e.evaluatorId, e]));
      expect(byId[member.user.id].scores).toHaveLength(2);
      expect(byId[rapporteur.user.id]).toMatchObject({ status: 'DRAFT', scores: null });
    }
    await scoreAndSubmit(rapporteur, 1, 5);
    const after = await http().get(`/api/v1/applications/${dossierId}/evaluations`).set(rapporteur.auth).expect(200);
    expect(after.body.evaluations.every((e: { scores: unknown[] }) => e.scores?.length === 2)).toBe(true);
  });

  it('aggregates exactly, flags divergence, and records the consensus with a comment for every change', async () => {
    await scoreAndSubmit(member, 4, 3);
    await scoreAndSubmit(rapporteur, 1, 4);
    const summary = await http().get(`/api/v1/applications/${dossierId}/evaluation-summary`).set(rapporteur.auth).expect(200);
    expect(summary.headers.etag).toBe('"0"');
    expect(summary.body.criteria.map((c: Record<string, unknown>) => [c.code, c.mean, c.meanDisplay, c.roundedMean, c.spread, c.divergent])).toEqual([
      ['C1', { numerator: 5, denominator: 2 }, '2,50', 3, 3, true],
      ['C2', { numerator: 7, denominator: 2 }, '3,50', 4, 1, false],
    ]);
    expect(summary.body).toMatchObject({
      weightedTotal: { numerator: 29, denominator: 2 },
      weightedTotalDisplay: '14,50',
      hasDivergence: true,
      readyForConsensus: true,
      canRecordConsensus: true,
    });

    // Only the rapporteur records it.
    await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(member.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 3, C2: 4 } })
      .expect(404);
    await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(manager.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 3, C2: 4 } })
      .expect(403);
    const missing = await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 2, C2: 4 } })
      .expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'comments.C1', code: 'COMMENT_REQUIRED' })]);
    const badType = await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 'deux', C2: 4 } })
      .expect(400);
    expect(badType.body.errors[0].path).toBe('scores.C1');

    const ok = await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 2, C2: 4 }, comments: { C1: 'Besoin peu documenté après discussion.' } })
      .expect(200);
    expect(ok.headers.etag).toBe('"1"');
    expect(ok.body.consensus).toMatchObject({
      scores: { C1: 2, C2: 4 },
      comments: { C1: 'Besoin peu documenté après discussion.' },
      startingMeans: { C1: 3, C2: 4 },
      weightedTotal: 14,
    });
    // The originals stay visible beside it.
    expect(ok.body.criteria[0].scores.map((s: { score: number }) => s.score).sort()).toEqual([1, 4]);
    await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 3, C2: 4 } })
      .expect(412);
    // No reopening once the consensus is recorded.
    expect(
      (await http().post(`/api/v1/evaluations/${dossierId}/reopen`).set(manager.auth).send({ evaluatorId: member.user.id, reason: 'Revoir' }).expect(409)).body
        .code,
    ).toBe('EVALUATION_LOCKED');

    // The ranking waits for the call's closing (409 CALL_NOT_CLOSED before).
    expect((await http().get(`/api/v1/calls/${callId}/ranking`).set(manager.auth).expect(409)).body.code).toBe('CALL_NOT_CLOSED');
    await closeCall(ctx.owner, callId);
    const ranking = await http().get(`/api/v1/calls/${callId}/ranking`).set(manager.auth).expect(200);
    expect(ranking.body.rows).toEqual([expect.objectContaining({ applicationId: dossierId, rank: 1, total: 14, status: 'FUNDED', euAmountCents: 12_000_000 })]);
  });

  it('ranks with a funding line and a reserve; the simulation stores nothing', async () => {
    const rows = [
      { c1: 5, c2: 5, eu: 10_000_000 },
      { c1: 4, c2: 4, eu: 10_000_000 },
      { c1: 4, c2: 4, eu: 10_000_000 },
      { c1: 3, c2: 3, eu: 4_000_000 },
    ];
    const ids: string[] = [];
    for (const r of rows) {
      const d = await createInstructedDossier(ctx.owner, { callId, euCents: r.eu, status: 'UNDER_EVALUATION' });
      await insertConsensus(ctx.owner, d.id, { C1: r.c1, C2: r.c2 }, rapporteur.user.id);
      ids.push(d.id);
    }
    await closeCall(ctx.owner, callId);
    const res = await http().get(`/api/v1/calls/${callId}/ranking`).set(manager.auth).expect(200);
    expect(res.body).toMatchObject({ envelopeCents: 25_000_000, fundedCents: 20_000_000, remainingCents: 5_000_000 });
    const ranked = res.body.rows.filter((r: { rank: number | null }) => r.rank !== null);
    expect(ranked.map((r: { status: string; cumulativeEuCents: number }) => [r.status, r.cumulativeEuCents])).toEqual([
      ['FUNDED', 10_000_000],
      ['FUNDED', 20_000_000],
      ['RESERVE', 20_000_000],
      ['RESERVE', 20_000_000],
    ]);
    expect(ranked[1].tiedUnresolved).toBe(true);
    expect(ranked[1].explanation).toContain('à trancher par le comité');
    expect(ranked[2].explanation).toContain('enveloppe épuisée au rang 3');
    // The dossier without consensus is reported apart.
    expect(res.body.pending).toEqual([expect.objectContaining({ applicationId: dossierId, reason: 'NO_CONSENSUS' })]);

    const tables = [
      'evaluation_consensus',
      'evaluation_assignment',
      'evaluation_score',
      'evaluation_score_history',
      'conflict_declaration',
      'panel_member',
      'application',
      'application_status_history',
      'call',
      'call_version',
      'committee_decision',
      'audit_log',
    ];
    const snapshot = async () => {
      const counts = await Promise.all(tables.map(async (t) => (await ctx.owner.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n as number));
      const [call] = await ctx.owner.query(`SELECT version, evaluation_grid, envelope_cents FROM call WHERE id = $1`, [callId]);
      return { counts, call };
    };
    const before = await snapshot();
    const what = await http()
      .post(`/api/v1/calls/${callId}/ranking/simulate`)
      .set(manager.auth)
      .send({ envelopeCents: 30_000_000, fillRemainder: true, thresholds: { overallThreshold: 20, criteria: { C1: null } } })
      .expect(200);
    expect(what.body.rows.map((r: { status: string }) => r.status)).toEqual(['FUNDED', 'FUNDED', 'FUNDED', 'BELOW_THRESHOLD']);
    const bad = await http()
      .post(`/api/v1/calls/${callId}/ranking/simulate`)
      .set(manager.auth)
      .send({ thresholds: { criteria: { C1: 'haut', C7: 1 } } })
      .expect(400);
    expect(bad.body.errors[0].path).toBe('thresholds.criteria.C1');
    expect(await snapshot()).toEqual(before);
  });
  it('does not wait for an evaluator excluded automatically, even undeclared, and leaves them out of the aggregates', async () => {
    const [{ organisation_id: organisationId }] = await ctx.owner.query(`SELECT organisation_id FROM application WHERE id = $1`, [dossierId]);
    await ctx.owner.query(`INSERT INTO organisation_member (organisation_id, user_id) VALUES ($1, $2)`, [organisationId, chair.user.id]);
    await http().post(`/api/v1/calls/${callId}/panel/assignments`).set(manager.auth).send({ applicationId: dossierId, evaluatorId: chair.user.id }).expect(201);
    await scoreAndSubmit(member, 4, 3);
    await scoreAndSubmit(rapporteur, 4, 3);
    const summary = await http().get(`/api/v1/applications/${dossierId}/evaluation-summary`).set(rapporteur.auth).expect(200);
    expect(summary.body).toMatchObject({ readyForConsensus: true, excludedEvaluations: [{ evaluatorId: chair.user.id, reason: 'CONFLICTED' }] });
    expect(summary.body.countedEvaluatorIds.sort()).toEqual([member.user.id, rapporteur.user.id].sort());
    await http()
      .put(`/api/v1/applications/${dossierId}/consensus`)
      .set(rapporteur.auth)
      .set('If-Match', '"0"')
      .send({ scores: { C1: 4, C2: 3 } })
      .expect(200);
  });
});
