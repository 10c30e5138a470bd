import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import { assertValidGrid, scoreOf, weightedTotalOf, type EvaluationGrid } from './evaluation-grid';
import { thresholdFailures } from './ranking-thresholds';

export interface RankingDossier {
  applicationId: string;
  /** Dossier number, for display only: it never orders anything. */
  number: string;
  euAmountCents: number;
  eligible: boolean;
  /** Consensus integer score per criterion code. */
  criterionScores: Readonly<Record<string, number>>;
  /** Σ weight × consensus score; checked against the grid. */
  weightedTotal: number;
}

export interface RankingGrid extends EvaluationGrid {
  /** Criterion codes compared in order (higher score first) when totals are equal. */
  tieBreak: readonly string[];
}

export interface RankingInput {
  dossiers: readonly RankingDossier[];
  grid: RankingGrid;
  envelopeCents: number;
  /** Skip a dossier that does not fit and fund later ones that do (call option). */
  fillRemainder?: boolean;
}

export type RankingStatus = 'FUNDED' | 'RESERVE' | 'BELOW_THRESHOLD' | 'INELIGIBLE';

export interface RankingRow {
  applicationId: string;
  number: string;
  rank: number | null;
  /** Weighted consensus total; null for an ineligible dossier, which is never scored for ranking. */
  total: number | null;
  euAmountCents: number;
  /** EU amount funded so far in rank order, this row included when FUNDED; null when not ranked. */
  cumulativeEuCents: number | null;
  status: RankingStatus;
  skippedForLackOfFunds: boolean;
  tiedUnresolved: boolean;
  explanation: string;
}

export interface RankingResult {
  rows: RankingRow[];
  envelopeCents: number;
  fundedCents: number;
  remainingCents: number;
}

interface Candidate {
  dossier: RankingDossier;
  total: number;
}

/**
 * Ranks the eligible dossiers that pass every threshold by weighted total, breaks ties with the configured chain
 * (never by number or submission time), then draws the funding line against the envelope (docs/domain/evaluation.md).
 * Ties the chain cannot break get consecutive ranks ordered by applicationId and are marked `tiedUnresolved`
 * for the committee. Rows come ranked first, then below threshold, then ineligible; each has a French explanation.
 * @throws DomainError VALIDATION_FAILED for an invalid grid, chain, envelope, amount, score or total.
 */
export function rankDossiers(input: RankingInput): RankingResult {
  const { grid, envelopeCents } = input;
  assertValidRankingInput(input);

  const passing: Candidate[] = [];
  const below: RankingRow[] = [];
  const ineligible: RankingRow[] = [];
  for (const dossier of input.dossiers) {
    if (!dossier.eligible) {
      ineligible.push(unranked(dossier, null, 'INELIGIBLE', 'inéligible : non classé'));
      continue;
    }
    const failures = thresholdFailures(grid, dossier.criterionScores, dossier.weightedTotal);
    if (failures.length === 0) passing.push({ dossier, total: dossier.weightedTotal });
    else below.push(unranked(dossier, dossier.weightedTotal, 'BELOW_THRESHOLD', failures.join(' ; ')));
  }

  const ranked = passing.sort((a, b) => compareCandidates(a, b, grid.tieBreak));
  const ties = tieExplanations(ranked, grid.tieBreak);

  const line = drawFundingLine(
    ranked.map((c) => c.dossier.euAmountCents),
    envelopeCents,
    input.fillRemainder === true,
  );
  const rows = ranked.map((candidate, i): RankingRow => {
    const step = line.rows[i];
    const tie = ties[i];
    if (!step || !tie) throw new Error('the funding line and the ties have one entry per ranked dossier');
    return {
      applicationId: candidate.dossier.applicationId,
      number: candidate.dossier.number,
      rank: i + 1,
      total: candidate.total,
      euAmountCents: candidate.dossier.euAmountCents,
      cumulativeEuCents: step.cumulativeEuCents,
      status: step.funded ? 'FUNDED' : 'RESERVE',
      skippedForLackOfFunds: step.skipped,
      tiedUnresolved: tie.unresolved,
      explanation: [`rang ${i + 1}, total ${candidate.total}`, tie.text, step.text].filter(Boolean).join(' ; '),
    };
  });

  below.sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || compareIds(a.applicationId, b.applicationId));
  ineligible.sort((a, b) => compareIds(a.applicationId, b.applicationId));
  return {
    rows: [...rows, ...below, ...ineligible],
    envelopeCents,
    fundedCents: envelopeCents - line.remainingCents,
    remainingCents: line.remainingCents,
  };
}

interface FundingLine {
  rows: { funded: boolean; skipped: boolean; cumulativeEuCents: number; text: string }[];
  remainingCents: number;
}

/** Walks the amounts in rank order against the envelope; see docs/domain/evaluation.md for both modes. */
function drawFundingLine(amounts: readonly number[], envelopeCents: number, fillRemainder: boolean): FundingLine {
  let remaining = envelopeCents;
  let exhaustedAtRank: number | null = null;
  const skippedRanks: number[] = [];
  const rows = amounts.map((amount, i) => {
    const rank = i + 1;
    const funded = exhaustedAtRank === null && amount <= remaining;
    let text: string;
    if (funded) {
      remaining -= amount;
      const after = skippedRanks.length > 0 ? ` en complément (rangs non financés : ${skippedRanks.join(', ')})` : '';
      text = `financé${after} : cumul ${formatEuros(envelopeCents - remaining)} sur ${formatEuros(envelopeCents)}`;
    } else if (exhaustedAtRank !== null) {
      text = `liste de réserve : enveloppe épuisée au rang ${exhaustedAtRank}`;
    } else if (fillRemainder) {
      skippedRanks.push(rank);
      text = `liste de réserve, non financé faute de crédits : ${shortfall(amount, remaining)}`;
    } else {
      exhaustedAtRank = rank;
      text = `liste de réserve : enveloppe épuisée au rang ${rank} (${shortfall(amount, remaining)})`;
    }
    return { funded, skipped: !funded && fillRemainder, cumulativeEuCents: envelopeCents - remaining, text };
  });
  return { rows, remainingCents: remaining };
}

function shortfall(amount: number, remaining: number): string {
  return `${formatEuros(amount)} demandés, ${formatEuros(remaining)} restants`;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First chain criterion on which a and b differ, or null when the chain cannot separate them. */
function decidingCriterion(a: Candidate, b: Candidate, chain: readonly string[]): string | null {
  return chain.find((code) => a.dossier.criterionScores[code] !== b.dossier.criterionScores[code]) ?? null;
}

/** A candidate's score on a chain criterion: every eligible dossier scores every criterion (assertValidRankingInput). */
function chainScore(c: Candidate, code: string): number {
  return c.dossier.criterionScores[code] ?? 0;
}

function compareCandidates(a: Candidate, b: Candidate, chain: readonly string[]): number {
  if (a.total !== b.total) return b.total - a.total;
  const code = decidingCriterion(a, b, chain);
  if (code !== null) return chainScore(b, code) - chainScore(a, code);
  // Deterministic only; such rows are flagged tiedUnresolved so the committee decides.
  return compareIds(a.dossier.applicationId, b.dossier.applicationId);
}

/**
 * The tie text of every ranked row. Rows with the same total, and within them rows the chain cannot separate, are
 * contiguous once sorted (the order is lexicographic on total, chain scores, id), so runs are found in one pass and
 * each explanation costs O(1) besides its short list: a 5 000-dossier call with large tie groups stays linear.
 */
function tieExplanations(ranked: readonly Candidate[], chain: readonly string[]): { text: string | null; unresolved: boolean }[] {
  const chainKey = (c: Candidate) => chain.map((code) => c.dossier.criterionScores[code]).join(',');
  const totalRun = runs(ranked, (a, b) => a.total === b.total);
  const keyRun = runs(ranked, (a, b) => a.total === b.total && chainKey(a) === chainKey(b));
  return ranked.map((self, i) => {
    const totalRunOfSelf = totalRun[i];
    const keyRunOfSelf = keyRun[i];
    if (!totalRunOfSelf || !keyRunOfSelf) throw new Error('runs() gives one run per ranked dossier');
    const [from, to] = totalRunOfSelf;
    if (to - from === 1) return { text: null, unresolved: false };
    const neighbours = [ranked[i - 1], ranked[i + 1]].filter((c): c is Candidate => c !== undefined && c.total === self.total);
    const deciders = new Set(neighbours.map((c) => decidingCriterion(self, c, chain)).filter((c) => c !== null));
    const parts = [`ex aequo à ${self.total} avec ${dossierList(ranked, totalRunOfSelf, i)}`];
    const used = chain.filter((code) => deciders.has(code));
    if (used.length > 0) parts.push(`départagé par ${used.join(' puis ')}`);
    const [keyFrom, keyTo] = keyRunOfSelf;
    const unresolved = keyTo - keyFrom > 1;
    if (unresolved) {
      parts.push(
        `égalité persistante avec ${dossierList(ranked, keyRunOfSelf, i)} après ${
          chain.length > 0 ? chain.join(', ') : 'la chaîne de départage (vide)'
        } : ordre provisoire par identifiant, à trancher par le comité`,
      );
    }
    return { text: parts.join(', '), unresolved };
  });
}

/** For each index, the [from, to) run of consecutive rows `same` as it. */
function runs(ranked: readonly Candidate[], same: (a: Candidate, b: Candidate) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let to = 1; to <= ranked.length; to++) {
    const first = ranked[from];
    const next = ranked[to];
    if (first !== undefined && next !== undefined && same(first, next)) continue;
    for (let k = from; k < to; k++) out.push([from, to]);
    from = to;
  }
  return out;
}

// Past a few names a list stops helping the committee read the row.
function dossierList(ranked: readonly Candidate[], [from, to]: [number, number], self: number): string {
  const count = to - from - 1;
  if (count > 4) return `${count} autres dossiers`;
  return ranked
    .slice(from, to)
    .filter((_, k) => from + k !== self)
    .map((c) => `n° ${c.dossier.number}`)
    .join(', ');
}

function unranked(dossier: RankingDossier, total: number | null, status: RankingStatus, explanation: string): RankingRow {
  return {
    applicationId: dossier.applicationId,
    number: dossier.number,
    rank: null,
    total,
    euAmountCents: dossier.euAmountCents,
    cumulativeEuCents: null,
    status,
    skippedForLackOfFunds: false,
    tiedUnresolved: false,
    explanation,
  };
}

function assertValidRankingInput(input: RankingInput): void {
  const { grid } = input;
  assertValidGrid(grid);
  const errors: FieldError[] = [];
  const push = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const codes = new Set(grid.criteria.map((c) => c.code));
  grid.tieBreak.forEach((code, i) => {
    if (!codes.has(code)) push(`grid.tieBreak[${i}]`, 'UNKNOWN_CRITERION', `Critère inconnu : ${code}.`);
    else if (grid.tieBreak.indexOf(code) !== i) {
      push(`grid.tieBreak[${i}]`, 'DUPLICATE_CRITERION', `Critère ${code} répété.`);
    }
  });
  if (!Number.isSafeInteger(input.envelopeCents) || input.envelopeCents < 0) {
    push('envelopeCents', 'INVALID_AMOUNT', "L'enveloppe doit être un nombre entier positif de centimes.");
  }
  const ids = new Set<string>();
  input.dossiers.forEach((d, i) => {
    const at = `dossiers[${i}]`;
    if (ids.has(d.applicationId)) push(`${at}.applicationId`, 'DUPLICATE_APPLICATION', 'Dossier présent deux fois.');
    ids.add(d.applicationId);
    if (!Number.isSafeInteger(d.euAmountCents) || d.euAmountCents < 0) {
      push(`${at}.euAmountCents`, 'INVALID_AMOUNT', 'Le montant FSE+ doit être un nombre entier positif de centimes.');
    }
    if (!d.eligible) return;
    let complete = true;
    for (const c of grid.criteria) {
      const score = scoreOf(d.criterionScores, c.code);
      if (score === undefined || !Number.isSafeInteger(score) || score < c.scaleMin || score > c.scaleMax) {
        complete = false;
        const expected = `Note de consensus entière entre ${c.scaleMin} et ${c.scaleMax} attendue.`;
        push(`${at}.criterionScores.${c.code}`, 'SCORE_OUT_OF_SCALE', expected);
      }
    }
    const expectedTotal = complete ? weightedTotalOf(grid, d.criterionScores) : d.weightedTotal;
    if (d.weightedTotal !== expectedTotal) {
      push(`${at}.weightedTotal`, 'TOTAL_MISMATCH', `Le total pondéré devrait être ${expectedTotal}.`);
    }
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid ranking input', { errors });
}
