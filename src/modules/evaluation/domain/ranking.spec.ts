import { DomainError } from '../../../common/errors/domain-error';
import { formatEuros as eur } from '../../../common/money/cents';
import { rankDossiers, type RankingDossier, type RankingGrid, type RankingRow } from './ranking';
import { weightedTotalOf } from './evaluation-grid';

const dossier = (grid: RankingGrid, id: string, scores: Record<string, number>, extra: Partial<RankingDossier> = {}) => ({
  applicationId: id,
  number: `2025-${id}`,
  euAmountCents: 10_000_000,
  eligible: true,
  criterionScores: scores,
  weightedTotal: weightedTotalOf(grid, scores),
  ...extra,
});
const pick = (rows: RankingRow[], keys: (keyof RankingRow)[]) => rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k]])));

describe('rankDossiers — thresholds and statuses', () => {
  const grid: RankingGrid = {
    criteria: [
      { code: 'C1', label: 'Besoins', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 2 },
      { code: 'C2', label: 'Effets', weight: 2, scaleMin: 0, scaleMax: 5, threshold: 3 },
      { code: 'C3', label: 'Dans le champ P6', weight: 1, scaleMin: 0, scaleMax: 1, eliminatory: true },
    ],
    overallThreshold: 15,
    tieBreak: ['C1'],
  };
  const result = rankDossiers({
    grid,
    envelopeCents: 100_000_000,
    dossiers: [
      dossier(grid, 'g', { C1: 2, C2: 3, C3: 1 }),
      dossier(grid, 'h', { C1: 5, C2: 5, C3: 1 }, { eligible: false }),
      dossier(grid, 'a', { C1: 5, C2: 5, C3: 1 }),
      dossier(grid, 'e', { C1: 5, C2: 2, C3: 1 }),
      dossier(grid, 'm', { C1: 1, C2: 2, C3: 1 }),
      dossier(grid, 'f', { C1: 5, C2: 5, C3: 0 }),
      dossier(grid, 'b', { C1: 3, C2: 3, C3: 1 }),
    ],
  });

  it('ranks only eligible dossiers above every threshold; the others follow, unranked', () => {
    expect(pick(result.rows, ['applicationId', 'rank', 'status', 'total'])).toEqual([
      { applicationId: 'a', rank: 1, status: 'FUNDED', total: 26 },
      { applicationId: 'b', rank: 2, status: 'FUNDED', total: 16 },
      { applicationId: 'f', rank: null, status: 'BELOW_THRESHOLD', total: 25 },
      { applicationId: 'e', rank: null, status: 'BELOW_THRESHOLD', total: 20 },
      { applicationId: 'g', rank: null, status: 'BELOW_THRESHOLD', total: 13 },
      { applicationId: 'm', rank: null, status: 'BELOW_THRESHOLD', total: 8 },
      { applicationId: 'h', rank: null, status: 'INELIGIBLE', total: null },
    ]);
  });

  it('explains each exclusion in French', () => {
    const why = Object.fromEntries(result.rows.map((r) => [r.applicationId, r.explanation]));
    expect(why.e).toBe('sous le seuil sur C2 : 2 < 3');
    expect(why.f).toBe("note éliminatoire sur C3 : 0 (minimum de l'échelle)");
    expect(why.g).toBe('sous le seuil global : 13 < 15');
    expect(why.m).toBe('sous le seuil sur C1 : 1 < 2 ; sous le seuil sur C2 : 2 < 3 ; sous le seuil global : 8 < 15');
    expect(why.h).toBe('inéligible : non classé');
    expect(why.a).toBe(`rang 1, total 26 ; financé : cumul ${eur(10_000_000)} sur ${eur(100_000_000)}`);
  });

  it('does not need scores for an ineligible dossier', () => {
    const ranked = rankDossiers({
      grid,
      envelopeCents: 0,
      dossiers: [dossier(grid, 'x', { C1: 5, C2: 5, C3: 1 }, { eligible: false, criterionScores: {}, weightedTotal: 0 })],
    });
    expect(ranked.rows[0]?.status).toBe('INELIGIBLE');
  });
});

describe('rankDossiers — tie-break chain', () => {
  const grid: RankingGrid = {
    criteria: ['C1', 'C2', 'C3'].map((code) => ({ code, label: code, weight: 1, scaleMin: 0, scaleMax: 5 })),
    tieBreak: ['C1', 'C2'],
  };
  const dossiers = [
    dossier(grid, 'u', { C1: 2, C2: 4, C3: 4 }),
    dossier(grid, 's', { C1: 4, C2: 4, C3: 2 }, { number: '2025-001' }),
    dossier(grid, 'q', { C1: 4, C2: 5, C3: 1 }),
    dossier(grid, 'v', { C1: 4, C2: 4, C3: 4 }),
    dossier(grid, 'r', { C1: 4, C2: 4, C3: 2 }, { number: '2025-009' }),
    dossier(grid, 'p', { C1: 5, C2: 3, C3: 2 }),
  ];
  const { rows } = rankDossiers({ grid, envelopeCents: 1_000_000_000, dossiers });

  it('orders equal totals by the chain, then by applicationId, never by number', () => {
    expect(pick(rows, ['applicationId', 'rank', 'total', 'tiedUnresolved'])).toEqual([
      { applicationId: 'v', rank: 1, total: 12, tiedUnresolved: false },
      { applicationId: 'p', rank: 2, total: 10, tiedUnresolved: false },
      { applicationId: 'q', rank: 3, total: 10, tiedUnresolved: false },
      { applicationId: 'r', rank: 4, total: 10, tiedUnresolved: true },
      { applicationId: 's', rank: 5, total: 10, tiedUnresolved: true },
      { applicationId: 'u', rank: 6, total: 10, tiedUnresolved: false },
    ]);
  });

  it('says which criteria decided, and what the committee must settle', () => {
    const why = Object.fromEntries(rows.map((r) => [r.applicationId, r.explanation.split(' ; ')[1]]));
    expect(why.v).toMatch(/^financé/);
    expect(why.p).toBe('ex aequo à 10 avec n° 2025-q, n° 2025-009, n° 2025-001, n° 2025-u, départagé par C1');
    expect(why.q).toBe('ex aequo à 10 avec n° 2025-p, n° 2025-009, n° 2025-001, n° 2025-u, départagé par C1 puis C2');
    expect(why.r).toBe(
      'ex aequo à 10 avec n° 2025-p, n° 2025-q, n° 2025-001, n° 2025-u, départagé par C2, égalité persistante avec n° 2025-001 après C1, C2 : ordre provisoire par identifiant, à trancher par le comité',
    );
    expect(why.s).toContain('départagé par C1, égalité persistante avec n° 2025-009 après C1, C2');
  });

  it('gives the same result whatever the input order', () => {
    const reversed = rankDossiers({ grid, envelopeCents: 1_000_000_000, dossiers: [...dossiers].reverse() });
    expect(reversed.rows).toEqual(rows);
  });

  it('summarises a large tie instead of naming every dossier', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => dossier(grid, id, { C1: 3, C2: 3, C3: 3 }));
    const first = rankDossiers({ grid, envelopeCents: 0, dossiers: many }).rows[0];
    expect(first?.explanation).toContain('ex aequo à 9 avec 5 autres dossiers, égalité persistante avec 5 autres dossiers');
  });

  it('an empty chain leaves every equal total to the committee', () => {
    const noChain = rankDossiers({ grid: { ...grid, tieBreak: [] }, envelopeCents: 0, dossiers: dossiers.slice(0, 2) });
    expect(noChain.rows.every((r) => r.tiedUnresolved)).toBe(true);
    expect(noChain.rows[0]?.explanation).toContain('après la chaîne de départage (vide)');
  });
});

describe('rankDossiers — funding line', () => {
  const grid: RankingGrid = {
    criteria: [{ code: 'C1', label: 'Qualité', weight: 1, scaleMin: 0, scaleMax: 20 }],
    tieBreak: [],
  };
  const amounts: [string, number, number][] = [
    ['a', 20, 10_000_000],
    ['b', 19, 8_000_000],
    ['c', 18, 9_000_000],
    ['d', 17, 2_000_000],
    ['e', 16, 6_000_000],
  ];
  const dossiers = amounts.map(([id, score, euAmountCents]) => dossier(grid, id, { C1: score }, { euAmountCents }));

  it('without fillRemainder: funds in rank order, the first that does not fit and all after it are in reserve', () => {
    const result = rankDossiers({ grid, envelopeCents: 25_000_000, dossiers });
    expect(pick(result.rows, ['applicationId', 'status', 'cumulativeEuCents', 'skippedForLackOfFunds'])).toEqual([
      { applicationId: 'a', status: 'FUNDED', cumulativeEuCents: 10_000_000, skippedForLackOfFunds: false },
      { applicationId: 'b', status: 'FUNDED', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: false },
      { applicationId: 'c', status: 'RESERVE', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: false },
      { applicationId: 'd', status: 'RESERVE', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: false },
      { applicationId: 'e', status: 'RESERVE', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: false },
    ]);
    expect(result.rows[2]?.explanation).toBe(
      `rang 3, total 18 ; liste de réserve : enveloppe épuisée au rang 3 (${eur(9_000_000)} demandés, ${eur(7_000_000)} restants)`,
    );
    expect(result.rows[3]?.explanation).toBe('rang 4, total 17 ; liste de réserve : enveloppe épuisée au rang 3');
    expect([result.fundedCents, result.remainingCents]).toEqual([18_000_000, 7_000_000]);
  });

  it('with fillRemainder: skips what does not fit and funds the next ones that do', () => {
    const result = rankDossiers({ grid, envelopeCents: 25_000_000, dossiers, fillRemainder: true });
    expect(pick(result.rows, ['applicationId', 'status', 'cumulativeEuCents', 'skippedForLackOfFunds'])).toEqual([
      { applicationId: 'a', status: 'FUNDED', cumulativeEuCents: 10_000_000, skippedForLackOfFunds: false },
      { applicationId: 'b', status: 'FUNDED', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: false },
      { applicationId: 'c', status: 'RESERVE', cumulativeEuCents: 18_000_000, skippedForLackOfFunds: true },
      { applicationId: 'd', status: 'FUNDED', cumulativeEuCents: 20_000_000, skippedForLackOfFunds: false },
      { applicationId: 'e', status: 'RESERVE', cumulativeEuCents: 20_000_000, skippedForLackOfFunds: true },
    ]);
    expect(result.rows[2]?.explanation).toBe(
      `rang 3, total 18 ; liste de réserve, non financé faute de crédits : ${eur(9_000_000)} demandés, ${eur(7_000_000)} restants`,
    );
    expect(result.rows[3]?.explanation).toBe(
      `rang 4, total 17 ; financé en complément (rangs non financés : 3) : cumul ${eur(20_000_000)} sur ${eur(25_000_000)}`,
    );
    expect([result.fundedCents, result.remainingCents]).toEqual([20_000_000, 5_000_000]);
  });

  it('an exact fit is funded; an empty envelope funds nothing', () => {
    expect(
      rankDossiers({ grid, envelopeCents: 18_000_000, dossiers })
        .rows.map((r) => r.status)
        .slice(0, 3),
    ).toEqual(['FUNDED', 'FUNDED', 'RESERVE']);
    const empty = rankDossiers({ grid, envelopeCents: 0, dossiers });
    expect(empty.rows.every((r) => r.status === 'RESERVE')).toBe(true);
    expect(empty.rows[0]?.explanation).toContain('enveloppe épuisée au rang 1');
  });
});

describe('rankDossiers — validation', () => {
  const grid: RankingGrid = {
    criteria: [{ code: 'C1', label: 'Qualité', weight: 2, scaleMin: 0, scaleMax: 5 }],
    tieBreak: ['C9', 'C1', 'C1'],
  };

  it('lists every inconsistency of the input', () => {
    try {
      rankDossiers({
        grid,
        envelopeCents: -1,
        dossiers: [
          { ...dossier(grid, 'a', { C1: 3 }), weightedTotal: 3 },
          { ...dossier(grid, 'a', { C1: 3 }), euAmountCents: 1.5 },
          { ...dossier(grid, 'b', { C1: 3 }), criterionScores: {} },
        ],
      });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.errors?.map((f) => `${f.path}:${f.code}`)).toEqual([
        'grid.tieBreak[0]:UNKNOWN_CRITERION',
        'grid.tieBreak[2]:DUPLICATE_CRITERION',
        'envelopeCents:INVALID_AMOUNT',
        'dossiers[0].weightedTotal:TOTAL_MISMATCH',
        'dossiers[1].applicationId:DUPLICATE_APPLICATION',
        'dossiers[1].euAmountCents:INVALID_AMOUNT',
        'dossiers[2].criterionScores.C1:SCORE_OUT_OF_SCALE',
      ]);
    }
  });
});
