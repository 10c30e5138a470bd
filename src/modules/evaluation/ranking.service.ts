import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { callGridOf, type CallGrid } from './domain/call-grid';
import { scoreOf, weightedTotalOf } from './domain/evaluation-grid';
import { rankDossiers, type RankingDossier, type RankingGrid, type RankingResult } from './domain/ranking';
import { RankingCache } from './ranking-cache';
import { RankingRepository, type RankingDossierRow } from './ranking.repository';

/** Threshold changes for a what-if: a number sets a threshold, null removes it, an absent key keeps the grid's. */
export interface ThresholdOverrides {
  overallThreshold?: number | null;
  criteria?: Readonly<Record<string, number | null>>;
}

export interface RankingOptions {
  /** The amount to distribute; defaults to the call's envelope minus what committees already granted. */
  envelopeCents?: number;
  thresholds?: ThresholdOverrides;
  /** Defaults to the grid's `fillRemainder` option. */
  fillRemainder?: boolean;
}

export type PendingReason = 'NO_INSTRUCTION_REPORT' | 'NO_FINANCING_PLAN' | 'NO_CONSENSUS';

/** An eligible dossier that cannot be ranked yet: listed apart, never silently dropped. */
export interface PendingDossier {
  applicationId: string;
  number: string;
  euAmountCents: number | null;
  reason: PendingReason;
  explanation: string;
}

export interface CallRanking extends RankingResult {
  callId: string;
  callEnvelopeCents: number;
  grantedCents: number;
  fillRemainder: boolean;
  grid: RankingGrid;
  pending: PendingDossier[];
}

const PENDING_TEXT: Record<PendingReason, string> = {
  NO_INSTRUCTION_REPORT: "non classé : rapport d'instruction absent",
  NO_FINANCING_PLAN: 'non classé : plan de financement retenu introuvable',
  NO_CONSENSUS: 'non classé : consensus du rapporteur non encore établi',
};

/**
 * Ranks a call's dossiers from the stored consensus (docs/domain/evaluation.md) with the pure `rankDossiers`; stores nothing.
 *
 * - Candidates: dossiers in INSTRUCTED or UNDER_EVALUATION with a confirmed eligibility verdict. INELIGIBLE ones are
 *   listed with status INELIGIBLE; ELIGIBLE ones need an instruction report and a consensus to be ranked, otherwise
 *   they are returned in `pending` with the reason (they take no place in the funding line).
 * - EU amount: the retained financing plan, i.e. the highest `financing_plan_version.version_no`.
 * - Envelope: `call.envelope_cents` minus the EU amounts of FAVORABLE committee decisions already taken on this call,
 *   floored at 0, because dossiers already granted have left INSTRUCTED/UNDER_EVALUATION and their money is spent;
 *   a what-if may pass its own `envelopeCents`, taken as the amount left to distribute.
 */
@Injectable()
export class RankingService {
  private readonly cache = new RankingCache();

  constructor(private readonly repository: RankingRepository) {}

  /**
   * The call's ranking as the JSON text of `rankCall(callId)`, from the cache while the rows it was computed from are
   * unchanged (RankingRepository#fingerprint, read first: an answer computed from newer rows than its fingerprint is
   * never served, since rows only move forward). For `GET /calls/:id/ranking` (docs/decisions/0010-throughput.md).
   */
  async rankCallJson(callId: string): Promise<string> {
    const fingerprint = await this.repository.fingerprint(callId);
    const cached = this.cache.get(callId, fingerprint);
    if (cached !== undefined) return cached;
    const json = JSON.stringify(await this.rankCall(callId));
    this.cache.set(callId, fingerprint, json);
    return json;
  }

  async rankCall(callId: string, what: RankingOptions = {}, em?: EntityManager): Promise<CallRanking> {
    const call = await this.repository.call(callId, em);
    if (!call) throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible.");
    const stored = callGridOf(call.grid);
    if (!stored) throw new DomainError('BUSINESS_RULE_VIOLATED', "L'appel n'a pas de grille d'évaluation : aucun classement possible.");
    const grid = withThresholds(stored, what.thresholds);
    const fillRemainder = what.fillRemainder ?? stored.fillRemainder;
    const envelopeCents = what.envelopeCents ?? Math.max(0, call.envelopeCents - call.grantedCents);

    const rows = await this.repository.dossiers(callId, em);
    const dossiers: RankingDossier[] = [];
    const pending: PendingDossier[] = [];
    for (const row of rows) {
      const reason = pendingReason(row, grid);
      if (reason) {
        pending.push({ applicationId: row.applicationId, number: row.number, euAmountCents: row.euCents, reason, explanation: PENDING_TEXT[reason] });
        continue;
      }
      const eligible = row.verdict === 'ELIGIBLE';
      const criterionScores = eligible ? pickScores(grid, row.consensusScores as Record<string, number>) : {};
      dossiers.push({
        applicationId: row.applicationId,
        number: row.number,
        euAmountCents: row.euCents ?? 0,
        eligible,
        criterionScores,
        weightedTotal: eligible ? weightedTotalOf(grid, criterionScores) : 0,
      });
    }
    pending.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    const result = rankDossiers({ dossiers, grid, envelopeCents, fillRemainder });
    return { ...result, callId, callEnvelopeCents: call.envelopeCents, grantedCents: call.grantedCents, fillRemainder, grid, pending };
  }
}

function pendingReason(row: RankingDossierRow, grid: RankingGrid): PendingReason | null {
  if (row.verdict === 'INELIGIBLE') return null;
  if (!row.hasInstructionReport) return 'NO_INSTRUCTION_REPORT';
  if (row.euCents === null) return 'NO_FINANCING_PLAN';
  const scores = row.consensusScores;
  if (!scores || grid.criteria.some((c) => scoreOf(scores, c.code) === undefined)) return 'NO_CONSENSUS';
  return null;
}

function pickScores(grid: RankingGrid, scores: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    grid.criteria.flatMap((c) => {
      const score = scores[c.code];
      return score === undefined ? [] : [[c.code, score] as const];
    }),
  );
}

function withThresholds(grid: CallGrid, overrides: ThresholdOverrides | undefined): RankingGrid {
  const base: RankingGrid = {
    criteria: grid.criteria,
    tieBreak: grid.tieBreak,
    ...(grid.overallThreshold !== undefined ? { overallThreshold: grid.overallThreshold } : {}),
  };
  if (!overrides) return base;
  const errors: FieldError[] = [];
  const codes = new Set(grid.criteria.map((c) => c.code));
  for (const code of Object.keys(overrides.criteria ?? {})) {
    if (!codes.has(code)) errors.push({ path: `thresholds.criteria.${code}`, code: 'UNKNOWN_CRITERION', message: `Critère inconnu : ${code}.` });
  }
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Seuils de simulation invalides.', { errors });
  const criteria = grid.criteria.map((c) => {
    const override = overrides.criteria && Object.hasOwn(overrides.criteria, c.code) ? overrides.criteria[c.code] : undefined;
    if (override === undefined) return c;
    const { threshold: _dropped, ...rest } = c;
    return override === null ? rest : { ...rest, threshold: override };
  });
  const overall = overrides.overallThreshold === undefined ? grid.overallThreshold : (overrides.overallThreshold ?? undefined);
  return { criteria, tieBreak: grid.tieBreak, ...(overall !== undefined ? { overallThreshold: overall } : {}) };
}
