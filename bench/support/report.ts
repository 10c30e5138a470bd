import { LoadOptions, LoadResult, median, runLoad } from './load';
import { at } from '../../src/common/collections';

export type Endpoint = 'live' | 'me' | 'calls' | 'mine' | 'instr' | 'instr-cur' | 'catalogue' | 'catalogue-page';
export type TargetName = 'essaim' | 'bare';

export interface Summary {
  endpoint: Endpoint;
  target: TargetName;
  runs: LoadResult[];
}

const RPS_RATIO_MIN = 0.5;
const P95_RATIO_MAX = 2.5;
const LISTING_P95_MAX_MS = 60;

const cols = (cells: [string, number][]): string => cells.map(([text, width]) => (width < 0 ? text.padEnd(-width) : text.padStart(width))).join('  ');

const medianOf = (s: Summary, pick: (r: LoadResult) => number): number => median(s.runs.map(pick));

export function printTable(summaries: Summary[]): void {
  console.log(
    cols([
      ['endpoint', -8],
      ['target', -7],
      ['rps', 7],
      ['p50 ms', 7],
      ['p95 ms', 7],
      ['p99 ms', 7],
      ['non2xx', 6],
      ['errors', 6],
      ['rps per run', -1],
    ]),
  );
  for (const s of summaries) {
    console.log(
      cols([
        [s.endpoint, -8],
        [s.target, -7],
        [medianOf(s, (r) => r.rps).toFixed(0), 7],
        [medianOf(s, (r) => r.p50Ms).toFixed(2), 7],
        [medianOf(s, (r) => r.p95Ms).toFixed(2), 7],
        [medianOf(s, (r) => r.p99Ms).toFixed(2), 7],
        [String(totalNon2xx(s)), 6],
        [String(s.runs.reduce((n, r) => n + r.errors, 0)), 6],
        [s.runs.map((r) => r.rps.toFixed(0)).join(' / '), -1],
      ]),
    );
  }
}

/** L1: rps_app / rps_base ≥ 0.50 and p95_app ≤ 2.5 × p95_base, on medians; the absolute p95 bar is docs/quality.md's. */
export function printRatios(summaries: Summary[]): void {
  for (const endpoint of new Set(summaries.map((s) => s.endpoint))) {
    const app = summaries.find((s) => s.endpoint === endpoint && s.target === 'essaim');
    const base = summaries.find((s) => s.endpoint === endpoint && s.target === 'bare');
    if (!app || !base) continue;
    const rpsRatio = medianOf(app, (r) => r.rps) / medianOf(base, (r) => r.rps);
    const p95App = medianOf(app, (r) => r.p95Ms);
    const p95Ratio = p95App / medianOf(base, (r) => r.p95Ms);
    console.log(
      `ratio ${endpoint}: rps ${rpsRatio.toFixed(2)} (≥ ${RPS_RATIO_MIN}: ${verdict(rpsRatio >= RPS_RATIO_MIN)}), ` +
        `p95 ${p95Ratio.toFixed(2)}x (≤ ${P95_RATIO_MAX}x: ${verdict(p95Ratio <= P95_RATIO_MAX)}), ` +
        `essaim p95 ${p95App.toFixed(1)} ms (≤ ${LISTING_P95_MAX_MS} ms: ${verdict(p95App <= LISTING_P95_MAX_MS)})`,
    );
  }
}

export function totalNon2xx(s: Summary): number {
  return s.runs.reduce((n, r) => n + r.non2xx, 0);
}

const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

export interface Target {
  endpoint: Endpoint;
  target: TargetName;
  url: string;
  headers: Record<string, string>;
}

/**
 * Measures every target `runs` times, printing each run, then the table and the ratios. Rounds interleave the
 * targets so that drift on the machine (autovacuum, other load) spreads over both sides. Returns the non-2xx count.
 */
export async function measureAndReport(targets: Target[], runs: number, load: LoadOptions): Promise<number> {
  const width = Math.max(...targets.map((t) => t.endpoint.length));
  const summaries: Summary[] = targets.map((t) => ({ endpoint: t.endpoint, target: t.target, runs: [] }));
  for (let round = 1; round <= runs; round++) {
    for (const [i, t] of targets.entries()) {
      const r = await runLoad(t.url, t.headers, load);
      at(summaries, i, 'summary').runs.push(r);
      console.log(
        `  run ${round}/${runs} ${t.endpoint.padEnd(width)} ${t.target.padEnd(6)} ${r.rps.toFixed(0).padStart(6)} req/s  p95 ${r.p95Ms.toFixed(2)} ms  non2xx ${r.non2xx}`,
      );
    }
  }
  console.log('');
  printTable(summaries);
  console.log('');
  printRatios(summaries);
  const non2xx = summaries.reduce((n, s) => n + totalNon2xx(s), 0);
  if (non2xx > 0) console.log(`\n${non2xx} non-2xx answers: the figures above are not valid (L1 requires 0).`);
  return non2xx;
}
