import { createHash } from 'node:crypto';

/** One expenditure line as the sampling sees it: an id, its cost category and its declared amount in cents. */
export interface SampleLine {
  readonly id: string;
  readonly category: string;
  readonly amountCents: number;
}

/** The sampling parameters of a call (docs/domain/verification.md: defaults 5 000,00 €, 10 %, 30 lines). */
export interface SamplingParameters {
  readonly seed: string;
  readonly exhaustiveThresholdCents: number;
  readonly sampleRateBp: number;
  readonly minSampleSize: number;
}

export const DEFAULT_SAMPLING: Omit<SamplingParameters, 'seed'> = {
  exhaustiveThresholdCents: 500_000,
  sampleRateBp: 1_000,
  minSampleSize: 30,
};

export interface SampleSelection {
  /** Lines of at least the threshold: all checked. Ascending id order. */
  readonly exhaustive: string[];
  /** Lines drawn among the others of each category. Ascending id order. */
  readonly sampled: string[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Lowercase hex SHA-256 of "<seed>:<lineId>": the draw key, reproducible by anyone who knows the seed. */
export function drawKey(seed: string, lineId: string): string {
  return createHash('sha256').update(`${seed}:${lineId}`, 'utf8').digest('hex');
}

/** n = min(N, max(minSampleSize, ceil(N × sampleRateBp / 10 000))): rounded up so a rate never samples less. */
export function sampleSize(population: number, sampleRateBp: number, minSampleSize: number): number {
  if (population <= 0) return 0;
  const byRate = Math.ceil((population * sampleRateBp) / 10_000);
  return Math.min(population, Math.max(minSampleSize, byRate));
}

/**
 * Management verification sample (CPR art. 74(2): verifications may be on a risk-based sample; the method is recorded
 * so that the audit authority can redo it). Per category: every line ≥ threshold is checked; among the N others the n
 * lines with the smallest draw key are checked.
 */
export function selectSample(lines: readonly SampleLine[], params: SamplingParameters): SampleSelection {
  const exhaustive: string[] = [];
  const others = new Map<string, SampleLine[]>();
  for (const line of lines) {
    if (line.amountCents >= params.exhaustiveThresholdCents) {
      exhaustive.push(line.id);
      continue;
    }
    const group = others.get(line.category) ?? [];
    group.push(line);
    others.set(line.category, group);
  }
  const sampled: string[] = [];
  for (const group of others.values()) {
    const n = sampleSize(group.length, params.sampleRateBp, params.minSampleSize);
    const keyed = group.map((line) => ({ id: line.id, key: drawKey(params.seed, line.id) }));
    keyed.sort((a, b) => byId(a.key, b.key) || byId(a.id, b.id));
    for (const { id } of keyed.slice(0, n)) sampled.push(id);
  }
  return { exhaustive: exhaustive.sort(byId), sampled: sampled.sort(byId) };
}
