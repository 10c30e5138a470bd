import { RankingService } from '../../src/modules/evaluation/ranking.service';
import { createUser } from '../support/factories/user.factory';
import { createEvaluationCall, createInstructedDossier, insertConsensus, insertFavorableDecision } from '../support/factories/evaluation.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

describe('RankingService.rankCall (e2e, real database)', () => {
  const ctx = useTestApp();
  let ranking: RankingService;
  let rapporteurId: string;

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    ranking = ctx.t.app.get(RankingService);
    rapporteurId = (await createUser(ctx.owner, { roles: ['EVALUATOR'] })).id;
  });

  it('ranks from the consensus, takes the highest plan version, lists ineligible and pending dossiers apart', async () => {
    // Envelope 300 000 €, 100 000 € already granted by a committee: 200 000 € left.
    const call = await createEvaluationCall(ctx.owner, { envelopeCents: 30_000_000 });
    const first = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 12_000_000, reducedEuCents: 9_000_000 });
    const second = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 9_000_000, status: 'UNDER_EVALUATION' });
    const third = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 5_000_000 });
    const low = await createInstructedDossier(ctx.owner, { callId: call.id });
    const ineligible = await createInstructedDossier(ctx.owner, { callId: call.id, verdict: 'INELIGIBLE' });
    const noConsensus = await createInstructedDossier(ctx.owner, { callId: call.id });
    const noReport = await createInstructedDossier(ctx.owner, { callId: call.id, instructionReport: false });
    const granted = await createInstructedDossier(ctx.owner, { callId: call.id, status: 'IN_COMMITTEE' });
    await insertConsensus(ctx.owner, first.id, { C1: 5, C2: 5 }, rapporteurId);
    await insertConsensus(ctx.owner, second.id, { C1: 4, C2: 4 }, rapporteurId);
    await insertConsensus(ctx.owner, third.id, { C1: 3, C2: 3 }, rapporteurId);
    await insertConsensus(ctx.owner, low.id, { C1: 1, C2: 5 }, rapporteurId);
    await insertConsensus(ctx.owner, noReport.id, { C1: 5, C2: 5 }, rapporteurId);
    await insertFavorableDecision(ctx.owner, granted.id, call.id, 10_000_000, rapporteurId);

    const result = await ranking.rankCall(call.id);

    expect(result.callEnvelopeCents).toBe(30_000_000);
    expect(result.grantedCents).toBe(10_000_000);
    expect(result.envelopeCents).toBe(20_000_000);
    expect(result.rows.map((r) => [r.applicationId, r.rank, r.total, r.euAmountCents, r.status])).toEqual([
      [first.id, 1, 25, 9_000_000, 'FUNDED'],
      [second.id, 2, 20, 9_000_000, 'FUNDED'],
      [third.id, 3, 15, 5_000_000, 'RESERVE'],
      [low.id, null, 13, 10_000_000, 'BELOW_THRESHOLD'],
      [ineligible.id, null, null, 10_000_000, 'INELIGIBLE'],
    ]);
    expect(at(result.rows, 2, 'row').explanation).toContain('enveloppe épuisée au rang 3');
    expect(at(result.rows, 3, 'row').explanation).toContain('sous le seuil sur C1 : 1 < 2');
    expect(result.pending.map((p) => [p.applicationId, p.reason]).sort()).toEqual(
      [
        [noConsensus.id, 'NO_CONSENSUS'],
        [noReport.id, 'NO_INSTRUCTION_REPORT'],
      ].sort(),
    );
  });

  it('simulates another envelope, thresholds and fillRemainder without changing the stored rules', async () => {
    const call = await createEvaluationCall(ctx.owner, { envelopeCents: 20_000_000 });
    const big = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 15_000_000 });
    const tooBig = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 10_000_000 });
    const small = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 5_000_000 });
    await insertConsensus(ctx.owner, big.id, { C1: 5, C2: 5 }, rapporteurId);
    await insertConsensus(ctx.owner, tooBig.id, { C1: 4, C2: 4 }, rapporteurId);
    await insertConsensus(ctx.owner, small.id, { C1: 1, C2: 4 }, rapporteurId);

    const plain = await ranking.rankCall(call.id);
    expect(plain.rows.map((r) => r.status)).toEqual(['FUNDED', 'RESERVE', 'BELOW_THRESHOLD']);

    const what = await ranking.rankCall(call.id, { fillRemainder: true, thresholds: { criteria: { C1: null }, overallThreshold: 5 } });
    expect(what.rows.map((r) => [r.applicationId, r.status, r.skippedForLackOfFunds])).toEqual([
      [big.id, 'FUNDED', false],
      [tooBig.id, 'RESERVE', true],
      [small.id, 'FUNDED', false],
    ]);
    const bigger = await ranking.rankCall(call.id, { envelopeCents: 25_000_000 });
    expect(bigger.rows.slice(0, 2).map((r) => r.status)).toEqual(['FUNDED', 'FUNDED']);
  });

  it('refuses a call without a grid and an unknown call', async () => {
    const call = await createEvaluationCall(ctx.owner, { grid: null });
    await expect(ranking.rankCall(call.id)).rejects.toMatchObject({ code: 'BUSINESS_RULE_VIOLATED' });
    await expect(ranking.rankCall('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers from its cache only while nothing it ranks from has changed: scores, plan, decision, status, grid', async () => {
    const call = await createEvaluationCall(ctx.owner, { envelopeCents: 30_000_000 });
    const a = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 12_000_000 });
    const b = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 9_000_000 });
    const other = await createInstructedDossier(ctx.owner, { callId: call.id, status: 'IN_COMMITTEE' });
    await insertConsensus(ctx.owner, a.id, { C1: 5, C2: 5 }, rapporteurId);
    await insertConsensus(ctx.owner, b.id, { C1: 3, C2: 3 }, rapporteurId);
    const fresh = async (): Promise<unknown> => JSON.parse(JSON.stringify(await ranking.rankCall(call.id)));
    const cached = async (): Promise<unknown> => JSON.parse(await ranking.rankCallJson(call.id));
    const order = (r: unknown): string[] => (r as { rows: { applicationId: string }[] }).rows.map((row) => row.applicationId);

    expect(await cached()).toEqual(await fresh());
    expect(order(await cached())).toEqual([a.id, b.id]);

    // The consensus changes: the next answer ranks b first.
    await ctx.owner.query(`UPDATE evaluation_consensus SET scores = '{"C1": 5, "C2": 5}'::jsonb WHERE application_id = $1`, [b.id]);
    await ctx.owner.query(`UPDATE evaluation_consensus SET scores = '{"C1": 2, "C2": 2}'::jsonb WHERE application_id = $1`, [a.id]);
    expect(order(await cached())).toEqual([b.id, a.id]);
    expect(await cached()).toEqual(await fresh());

    // A new retained plan version, a committee decision elsewhere in the call, a status change, the grid's threshold.
    await ctx.owner.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       SELECT application_id, version_no + 1, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
              total_eligible_cents, max_eu_cents, 7000000, other_resources_cents, rate_bp
         FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no DESC LIMIT 1`,
      [b.id],
    );
    expect(await cached()).toEqual(await fresh());
    expect((await cached()) as { rows: { euAmountCents: number }[] }).toMatchObject({ rows: [{ euAmountCents: 7_000_000 }, {}] });
    await insertFavorableDecision(ctx.owner, other.id, call.id, 25_000_000, rapporteurId);
    expect(await cached()).toMatchObject({ grantedCents: 25_000_000 });
    expect(await cached()).toEqual(await fresh());
    await ctx.owner.query(`UPDATE application SET status = 'IN_COMMITTEE' WHERE id = $1`, [a.id]);
    expect(order(await cached())).toEqual([b.id]);
    await ctx.owner.query(`UPDATE call SET evaluation_grid = jsonb_set(evaluation_grid, '{overallThreshold}', '100') WHERE id = $1`, [call.id]);
    expect(await cached()).toEqual(await fresh());
    expect(await cached()).toMatchObject({ rows: [{ status: 'BELOW_THRESHOLD' }] });
  });
});
