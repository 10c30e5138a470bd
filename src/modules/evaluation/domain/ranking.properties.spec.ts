import fc from 'fast-check';
import { weightedTotalOf } from './evaluation-grid';
import { rankDossiers, type RankingDossier, type RankingGrid, type RankingInput } from './ranking';

const grid: RankingGrid = {
  criteria: [
    { code: 'C1', label: 'Besoins', weight: 3, scaleMin: 0, scaleMax: 3, threshold: 1 },
    { code: 'C2', label: 'Effets', weight: 2, scaleMin: 0, scaleMax: 3 },
    { code: 'C3', label: 'Champ', weight: 1, scaleMin: 0, scaleMax: 1, eliminatory: true },
  ],
  overallThreshold: 5,
  tieBreak: ['C2', 'C1'],
};

// Small scales and amounts on purpose: they produce many ties and many envelope cuts.
const dossierArb = fc
  .record({
    eligible: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    scores: fc.record({ C1: fc.integer({ min: 0, max: 3 }), C2: fc.integer({ min: 0, max: 3 }), C3: fc.integer({ min: 0, max: 1 }) }),
    euAmountCents: fc.integer({ min: 0, max: 50 }).map((k) => k * 100_000),
  })
  .map(({ eligible, scores, euAmountCents }) => ({ eligible, criterionScores: scores, euAmountCents }));

const inputArb: fc.Arbitrary<RankingInput> = fc
  .record({
    dossiers: fc.array(dossierArb, { maxLength: 25 }),
    envelopeCents: fc.integer({ min: 0, max: 30_000_000 }),
    fillRemainder: fc.boolean(),
  })
  .map(({ dossiers, envelopeCents, fillRemainder }) => ({
    grid,
    envelopeCents,
    fillRemainder,
    dossiers: dossiers.map((d, i): RankingDossier => ({
      ...d,
      applicationId: `app-${String(i).padStart(2, '0')}`,
      number: `N${(i * 7) % 25}`,
      weightedTotal: weightedTotalOf(grid, d.criterionScores),
    })),
  }));

const rankedRows = (input: RankingInput) => rankDossiers(input).rows.filter((r) => r.rank !== null);

describe('rankDossiers — properties', () => {
  it('never funds more than the envelope', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = rankDossiers(input);
        const funded = result.rows.filter((r) => r.status === 'FUNDED').reduce((sum, r) => sum + r.euAmountCents, 0);
        expect(funded).toBe(result.fundedCents);
        expect(funded).toBeLessThanOrEqual(input.envelopeCents);
        expect(result.remainingCents).toBe(input.envelopeCents - funded);
      }),
    );
  });

  it('without fillRemainder the funded set is a prefix of the ranked list', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const rows = rankedRows({ ...input, fillRemainder: false });
        const statuses = rows.map((r) => r.status);
        const firstReserve = statuses.indexOf('RESERVE');
        if (firstReserve < 0) return;
        expect(statuses.slice(firstReserve).every((s) => s === 'RESERVE')).toBe(true);
        const fundedBefore = rows.slice(0, firstReserve).reduce((sum, r) => sum + r.euAmountCents, 0);
        expect(rows[firstReserve]?.euAmountCents).toBeGreaterThan(input.envelopeCents - fundedBefore);
        expect(rows.every((r) => !r.skippedForLackOfFunds)).toBe(true);
      }),
    );
  });

  it('with fillRemainder every skipped dossier asked more than what remained at its turn, every other one was funded', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        let remaining = input.envelopeCents;
        for (const row of rankedRows({ ...input, fillRemainder: true })) {
          if (row.skippedForLackOfFunds) {
            expect(row.status).toBe('RESERVE');
            expect(row.euAmountCents).toBeGreaterThan(remaining);
          } else {
            expect(row.status).toBe('FUNDED');
            remaining -= row.euAmountCents;
          }
          expect(row.cumulativeEuCents).toBe(input.envelopeCents - remaining);
        }
      }),
    );
  });

  it('fillRemainder funds at least what the strict line funds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const strict = rankDossiers({ ...input, fillRemainder: false }).fundedCents;
        expect(rankDossiers({ ...input, fillRemainder: true }).fundedCents).toBeGreaterThanOrEqual(strict);
      }),
    );
  });

  it('ranks exactly the eligible dossiers above every threshold, 1..n by non-increasing total', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const passes = (d: RankingDossier) => d.eligible && (d.criterionScores.C1 ?? 0) >= 1 && (d.criterionScores.C3 ?? 0) > 0 && d.weightedTotal >= 5;
        const ranked = rankedRows(input);
        expect(ranked.map((r) => r.applicationId).sort()).toEqual(
          input.dossiers
            .filter(passes)
            .map((d) => d.applicationId)
            .sort(),
        );
        expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
        ranked.slice(1).forEach((row, i) => expect(row.total as number).toBeLessThanOrEqual(ranked[i]?.total as number));
        const byId = new Map(input.dossiers.map((d) => [d.applicationId, d]));
        for (const row of rankDossiers(input).rows.filter((r) => r.rank === null)) {
          expect(row.status).toBe(byId.get(row.applicationId)?.eligible ? 'BELOW_THRESHOLD' : 'INELIGIBLE');
        }
      }),
    );
  });

  it('does not depend on input order or dossier numbers', () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.nat()), (input, noise) => {
        const shuffled = input.dossiers
          .map((d) => ({ d: { ...d, number: `X${noise.next().value}` }, key: noise.next().value }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.d);
        const strip = (i: RankingInput) =>
          rankDossiers(i).rows.map(({ applicationId, rank, status, skippedForLackOfFunds, tiedUnresolved }) => ({
            applicationId,
            rank,
            status,
            skippedForLackOfFunds,
            tiedUnresolved,
          }));
        expect(strip({ ...input, dossiers: shuffled })).toEqual(strip(input));
      }),
    );
  });

  it('marks a row tiedUnresolved iff another ranked row has the same total and chain scores', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.dossiers.map((d) => [d.applicationId, d]));
        const key = (id: string) => {
          const d = byId.get(id) as RankingDossier;
          return [d.weightedTotal, d.criterionScores.C2, d.criterionScores.C1].join('/');
        };
        const ranked = rankedRows(input);
        for (const row of ranked) {
          const twins = ranked.filter((o) => o !== row && key(o.applicationId) === key(row.applicationId));
          expect(row.tiedUnresolved).toBe(twins.length > 0);
        }
      }),
    );
  });
});
