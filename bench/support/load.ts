import { Agent, request } from 'node:http';
import { at } from '../../src/common/collections';

export interface LoadOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answers outside 2xx, plus requests that got no answer at all (`errors`). */
  non2xx: number;
  errors: number;
}

interface Sample {
  status: number;
  ms: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Closed-loop load: `concurrency` clients on keep-alive connections, each sending its next request as soon as the
 * previous answer is read. Every latency is kept so percentiles are exact (autocannon reports no p95).
 */
export async function runLoad(url: string, headers: Record<string, string>, opts: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const target = new URL(url);
  const once = (): Promise<Sample> =>
    new Promise((resolve) => {
      const start = process.hrtime.bigint();
      const elapsed = (): number => Number(process.hrtime.bigint() - start) / 1e6;
      const req = request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: elapsed() }));
        res.on('error', () => resolve({ status: 0, ms: elapsed() }));
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, ms: elapsed() }));
      req.end();
    });
  const client = async (until: bigint, sink: Sample[] | null): Promise<void> => {
    while (process.hrtime.bigint() < until) {
      const sample = await once();
      sink?.push(sample);
    }
  };
  const clients = (until: bigint, sink: Sample[] | null): Promise<void[]> => Promise.all(Array.from({ length: opts.concurrency }, () => client(until, sink)));

  try {
    await clients(process.hrtime.bigint() + BigInt(opts.warmupMs) * 1_000_000n, null);
    const samples: Sample[] = [];
    const started = process.hrtime.bigint();
    await clients(started + BigInt(opts.durationMs) * 1_000_000n, samples);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return summarise(samples, seconds);
  } finally {
    agent.destroy();
  }
}

function summarise(samples: Sample[], seconds: number): LoadResult {
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    rps: samples.length / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    non2xx: samples.filter((s) => s.status < 200 || s.status >= 300).length,
    errors: samples.filter((s) => s.status === 0).length,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return at(sorted, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1), 'sample');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? at(sorted, mid, 'value') : (at(sorted, mid - 1, 'value') + at(sorted, mid, 'value')) / 2;
}
