import { addMember, createOrganisation } from '../support/factories/application.factory';
import { giveRealPlan, postDecision } from '../support/factories/committee.factory';
import { createInstructedDossier, insertConsensus, TEST_GRID } from '../support/factories/evaluation.factory';
import { committeeScenario, createSession, markPresent, openSession } from '../support/factories/committee.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at, take } from '../support/checked';

const M = 10_000; // 100,00 € in cents

describe('committee decisions (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  // Envelope 300 000 €: A 150 000 and B 120 000 funded; C 100 000, D 20 000 and E 80 000 in reserve; F ineligible.
  const DOSSIERS = [
    { key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 } },
    { key: 'B', euCents: 1200 * M, scores: { C1: 4, C2: 4 } },
    { key: 'C', euCents: 1000 * M, scores: { C1: 3, C2: 3 } },
    { key: 'D', euCents: 200 * M, scores: { C1: 3, C2: 2 } },
    { key: 'E', euCents: 800 * M, scores: { C1: 2, C2: 2 } },
    { key: 'F', euCents: 700 * M, verdict: 'INELIGIBLE' as const },
  ] as const;

  const decide = (id: string, applicationId: string, auth: Record<string, string>, body: Record<string, unknown>) =>
    postDecision(ctx.t, ctx.owner, id, applicationId, auth, body);
  const statusOf = async (applicationId: string) => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [applicationId]))[0].status;

  it('records each outcome with its status change, history, plan version and audit row', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: DOSSIERS });
    const id = await openSession(ctx.t, s);
    const d = s.dossiers;
    const chair = at(s.members, 0, 'member');

    // Favorable, reduced from 150 000 € to 120 000 €, by the chair: a proposal to the beneficiary (award-proposal.e2e-spec.ts),
    // no plan version moved to own funds behind its back.
    const fav = await decide(id, d.A.id, chair.auth, { outcome: 'FAVORABLE', euCents: 1200 * M, conditions: 'Recruter un coordinateur' }).expect(201);
    expect(fav.body).toMatchObject({ outcome: 'FAVORABLE', euCents: 1200 * M, status: 'AWARD_PROPOSED', planVersionNo: null });
    const plan = await ctx.owner.query(`SELECT version_no, source FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no`, [d.A.id]);
    expect(plan.map((p: { version_no: number; source: string }) => [p.version_no, p.source])).toEqual([
      [1, 'APPLICANT'],
      [2, 'INSTRUCTOR'],
    ]);
    const [proposal] = await ctx.owner.query(`SELECT status, retained_eu_cents, proposed_eu_cents FROM award_proposal WHERE application_id = $1`, [d.A.id]);
    expect(proposal).toEqual({ status: 'PENDING', retained_eu_cents: String(1500 * M), proposed_eu_cents: String(1200 * M) });

    // Favorable at the retained amount by default.
    expect((await decide(id, d.B.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201)).body).toMatchObject({ euCents: 1200 * M, planVersionNo: null });
    // Défavorable for quality, and ajourné with requests.
    await decide(id, d.C.id, s.manager.auth, { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY', reason: 'Public cible mal défini' }).expect(201);
    await decide(id, d.D.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Joindre les lettres de soutien' }).expect(201);
    // An ineligible dossier is only refused, for ineligibility.
    const wrong = await decide(id, d.F.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'outcome', code: 'INELIGIBLE_MUST_BE_REFUSED' })]);
    await decide(id, d.F.id, s.manager.auth, { outcome: 'DEFAVORABLE', reasonCode: 'INELIGIBLE', reason: "Critères de l'article 15 non remplis" }).expect(201);

    expect(await Promise.all((['A', 'B', 'C', 'D', 'F'] as const).map((k) => statusOf(d[k].id)))).toEqual([
      'AWARD_PROPOSED',
      'PROGRAMMED',
      'REFUSED',
      'POSTPONED',
      'REFUSED',
    ]);
    const history = await ctx.owner.query(
      `SELECT from_status, to_status, reason, actor_user_id FROM application_status_history WHERE application_id = $1 ORDER BY id`,
      [d.C.id],
    );
    expect(history[1]).toEqual({
      from_status: 'IN_COMMITTEE',
      to_status: 'REFUSED',
      reason: 'Avis défavorable (Qualité insuffisante) : Public cible mal défini',
      actor_user_id: s.manager.user.id,
    });
    const decisions = await ctx.owner.query(`SELECT application_id, outcome, eu_cents, reason_code, requests FROM committee_decision WHERE session_id = $1`, [
      id,
    ]);
    expect(decisions).toHaveLength(5);
    const [audit] = await ctx.owner.query(
      `SELECT actor_user_id, before, after FROM audit_log WHERE subject_id = $1 AND action = 'committee.decision_recorded'`,
      [d.A.id],
    );
    expect(audit).toMatchObject({
      actor_user_id: chair.user.id,
      before: { status: 'IN_COMMITTEE', euCents: 1500 * M, planVersionNo: 2 },
      after: { outcome: 'FAVORABLE', euCents: 1200 * M, status: 'AWARD_PROPOSED', planVersionNo: null, envelopeConsumedCents: 1200 * M },
    });

    // A decision is taken once; a member who is not the chair cannot record one; bad input is a 400 that changes nothing.
    expect((await decide(id, d.A.id, s.manager.auth, { outcome: 'DEFAVORABLE', reasonCode: 'BUDGET', reason: 'x' }).expect(409)).body.code).toBe(
      'COMMITTEE_ITEM_DECIDED',
    );
    expect((await decide(id, d.E.id, at(s.members, 1, 'member').auth, { outcome: 'FAVORABLE' }).expect(403)).body.code).toBe('FORBIDDEN');
    const bad = await decide(id, d.E.id, s.manager.auth, { outcome: 'DEFAVORABLE', euCents: 5 }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['euCents', 'reasonCode', 'reason']);
    expect((await decide(id, d.E.id, s.manager.auth, { outcome: 'MAYBE', euCents: 1.5 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await decide(id, d.E.id, s.manager.auth, { outcome: 'FAVORABLE', euCents: 801 * M }).expect(422)).body.errors[0].code).toBe(
      'ABOVE_RETAINED_AMOUNT',
    );
    expect(await statusOf(d.E.id)).toBe('IN_COMMITTEE');
  });

  it('never lets favorable decisions exceed the envelope, and offers the reserve when money is released', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: DOSSIERS.filter((x) => x.key !== 'F') });
    const id = await openSession(ctx.t, s);
    const d = s.dossiers;
    const offer = () => ctx.t.http().get(`/api/v1/committee-sessions/${id}/reserve-offer`).set(s.manager.auth).expect(200);

    expect((await offer()).body).toMatchObject({ availableCents: 300 * M, offers: [] });
    // B (funded, 120 000 €) is refused: 150 000 € are free once A's 150 000 € are set aside; C and D fit, E then does not.
    await decide(id, d.B.id, s.manager.auth, { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY', reason: 'Partenariats non établis' }).expect(201);
    const released = (await offer()).body;
    expect(released).toMatchObject({ availableCents: 1500 * M, remainingAfterCents: 300 * M, fillRemainder: false });
    expect(released.offers.map((o: { applicationId: string; rank: number; euCents: number }) => [o.applicationId, o.rank, o.euCents])).toEqual([
      [d.C.id, 3, 1000 * M],
      [d.D.id, 4, 200 * M],
    ]);
    expect(released.offers[0].number).toBe(d.C.number);

    await decide(id, d.A.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    await decide(id, d.C.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    await decide(id, d.D.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    // 270 000 € granted; E asks 80 000 € where 30 000 € remain.
    const over = await decide(id, d.E.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(409);
    expect(over.body).toMatchObject({
      code: 'ENVELOPE_EXCEEDED',
      envelopeCents: 3000 * M,
      consumedCents: 2700 * M,
      remainingCents: 300 * M,
      requestedCents: 800 * M,
    });
    expect(await statusOf(d.E.id)).toBe('IN_COMMITTEE');
    expect((await ctx.owner.query(`SELECT count(*)::int AS n FROM committee_decision WHERE application_id = $1`, [d.E.id]))[0].n).toBe(0);
    expect(
      (await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'committee.decision_recorded'`, [d.E.id]))[0].n,
    ).toBe(0);
    // A reduction that fits is accepted.
    await decide(id, d.E.id, s.manager.auth, { outcome: 'FAVORABLE', euCents: 300 * M }).expect(201);
    const detail = await ctx.t.http().get(`/api/v1/committee-sessions/${id}`).set(s.manager.auth).expect(200);
    expect(detail.body.envelope).toEqual({ envelopeCents: 3000 * M, consumedCents: 3000 * M, remainingCents: 0, consumedBp: 10_000 });
    const [{ sum }] = await ctx.owner.query(`SELECT sum(eu_cents)::bigint AS sum FROM committee_decision WHERE outcome = 'FAVORABLE'`);
    expect(Number(sum)).toBeLessThanOrEqual(3000 * M);
  });

  it('recuses automatically a member of the applicant organisation and on declaration; a recused member does not count for the item', async () => {
    const org = await createOrganisation(ctx.owner);
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 3000 * M,
      dossiers: [{ key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 }, organisationId: org.id }, DOSSIERS[1]],
    });
    const [chair, second, third] = take(s.members, 3, 'member');
    await addMember(ctx.owner, org.id, third.user.id);
    const id = await createSession(ctx.t, s, 3);
    await ctx.t.http().post(`/api/v1/committee-sessions/${id}/agenda`).set(s.manager.auth).expect(200);
    const recusals = await ctx.owner.query(`SELECT application_id, user_id, kind FROM committee_recusal WHERE session_id = $1`, [id]);
    expect(recusals).toEqual([{ application_id: s.dossiers.A.id, user_id: third.user.id, kind: 'AUTOMATIC' }]);

    await markPresent(ctx.t, s, id, s.members);
    await ctx.t.http().post(`/api/v1/committee-sessions/${id}/open`).set(s.manager.auth).expect(200);
    // Three present for a quorum of three, but the third member left item A.
    const a = await decide(id, s.dossiers.A.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(409);
    expect(a.body).toMatchObject({ code: 'QUORUM_NOT_REACHED', scope: 'item', present: 3, recusedPresent: 1, voting: 2, required: 3 });
    expect(await statusOf(s.dossiers.A.id)).toBe('IN_COMMITTEE');

    // The second member declares a conflict on B (twice: the second changes nothing); only the member or a manager may.
    await ctx.t
      .http()
      .put(`/api/v1/committee-sessions/${id}/items/${s.dossiers.B.id}/recusals/${second.user.id}`)
      .set(chair.auth)
      .send({ reason: 'Conflit' })
      .expect(403);
    await ctx.t
      .http()
      .put(`/api/v1/committee-sessions/${id}/items/${s.dossiers.B.id}/recusals/${second.user.id}`)
      .set(second.auth)
      .send({ reason: 'Ancien salarié de la structure' })
      .expect(204);
    await ctx.t
      .http()
      .put(`/api/v1/committee-sessions/${id}/items/${s.dossiers.B.id}/recusals/${second.user.id}`)
      .set(second.auth)
      .send({ reason: 'Encore' })
      .expect(204);
    const detail = await ctx.t.http().get(`/api/v1/committee-sessions/${id}`).set(s.manager.auth).expect(200);
    const b = detail.body.items.find((i: { applicationId: string }) => i.applicationId === s.dossiers.B.id);
    expect(b.recusals).toEqual([{ userId: second.user.id, kind: 'DECLARED', reason: 'Ancien salarié de la structure' }]);
    expect(b.quorum).toMatchObject({ voting: 2, reached: false });
    expect((await decide(id, s.dossiers.B.id, chair.auth, { outcome: 'FAVORABLE' }).expect(409)).body.code).toBe('QUORUM_NOT_REACHED');

    // With a quorum of two, the chair still cannot record an item they left.
    await ctx.owner.query(`UPDATE committee_session SET quorum = 2 WHERE id = $1`, [id]);
    await ctx.t
      .http()
      .put(`/api/v1/committee-sessions/${id}/items/${s.dossiers.A.id}/recusals/${chair.user.id}`)
      .set(chair.auth)
      .send({ reason: 'Élu au conseil de la structure' })
      .expect(204);
    expect((await decide(id, s.dossiers.A.id, chair.auth, { outcome: 'FAVORABLE' }).expect(409)).body.code).toBe('COMMITTEE_MEMBER_RECUSED');
    await decide(id, s.dossiers.B.id, chair.auth, { outcome: 'FAVORABLE' }).expect(201);
    const [audit] = await ctx.owner.query(`SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'committee.decision_recorded'`, [s.dossiers.B.id]);
    expect(audit.after.recused).toEqual([second.user.id]);
    const declared = await ctx.owner.query(`SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'committee.recusal_declared' ORDER BY seq`, [id]);
    expect(declared.map((r: { after: { userId: string } }) => r.after.userId)).toEqual([second.user.id, chair.user.id]);
  });

  it('serialises favorable decisions of two sessions of the same call on the envelope', async () => {
    // Envelope 250 000 €: A (150 000 €) in one session, B (120 000 €) in another; each fits alone, not both.
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 2500 * M, dossiers: [DOSSIERS[0]] });
    const first = await openSession(ctx.t, s);
    const b = await createInstructedDossier(ctx.owner, { callId: s.callId, euCents: 1200 * M, title: 'Projet B' });
    await giveRealPlan(ctx.owner, b.id, 1200 * M);
    const [{ rapporteur_id: rapporteur }] = await ctx.owner.query(`SELECT rapporteur_id FROM evaluation_consensus LIMIT 1`);
    await insertConsensus(ctx.owner, b.id, { C1: 4, C2: 4 }, rapporteur);
    const second = await openSession(ctx.t, s);
    expect((await ctx.owner.query(`SELECT session_id FROM committee_item WHERE application_id = $1`, [b.id]))[0].session_id).toBe(second);

    const results = await Promise.all([
      decide(first, s.dossiers.A.id, s.manager.auth, { outcome: 'FAVORABLE' }),
      decide(second, b.id, s.manager.auth, { outcome: 'FAVORABLE' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ENVELOPE_EXCEEDED');
    const [{ sum, n }] = await ctx.owner.query(
      `SELECT coalesce(sum(eu_cents), 0)::bigint AS sum, count(*)::int AS n FROM committee_decision WHERE outcome = 'FAVORABLE'`,
    );
    expect(n).toBe(1);
    expect(Number(sum)).toBeLessThanOrEqual(2500 * M);
  });

  it('offers the reserve with the fillRemainder rule of the call: a dossier that does not fit is passed over', async () => {
    // Envelope 300 000 €, fillRemainder: A 150 000 and B 120 000 funded, C 100 000 skipped, D 20 000 funded, E 80 000 and F 25 000 skipped.
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 3000 * M,
      grid: { ...TEST_GRID, fillRemainder: true },
      dossiers: [
        DOSSIERS[0],
        DOSSIERS[1],
        DOSSIERS[2],
        DOSSIERS[3],
        { key: 'E', euCents: 800 * M, scores: { C1: 2, C2: 3 } },
        { key: 'F', euCents: 250 * M, scores: { C1: 2, C2: 2 } },
      ],
    });
    const id = await openSession(ctx.t, s);
    const d = s.dossiers;
    const detail = (await ctx.t.http().get(`/api/v1/committee-sessions/${id}`).set(s.manager.auth).expect(200)).body;
    expect(detail.fillRemainder).toBe(true);
    expect(detail.items.map((i: { applicationId: string; rankingStatus: string }) => [i.applicationId, i.rankingStatus])).toEqual([
      [d.A.id, 'FUNDED'],
      [d.B.id, 'FUNDED'],
      [d.C.id, 'RESERVE'],
      [d.D.id, 'FUNDED'],
      [d.E.id, 'RESERVE'],
      [d.F.id, 'RESERVE'],
    ]);
    await decide(id, d.B.id, s.manager.auth, { outcome: 'POSTPONED', requests: 'Revoir le plan de financement' }).expect(201);
    // 300 000 − A 150 000 − D 20 000 = 130 000 €: C fits (30 000 left), E does not and is passed over, F fits.
    const offer = (await ctx.t.http().get(`/api/v1/committee-sessions/${id}/reserve-offer`).set(s.manager.auth).expect(200)).body;
    expect(offer).toMatchObject({ availableCents: 1300 * M, remainingAfterCents: 50 * M, fillRemainder: true });
    expect(offer.offers.map((o: { applicationId: string }) => o.applicationId)).toEqual([d.C.id, d.F.id]);
  });
});
