import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/**
 * Closed-loop load: `concurrency` clients on keep-alive connections, each sending its next request as soon as the
 * previous answer is read. Every latency is kept, so percentiles are exact (autocannon reports no p95).
 */
export async function runLoad(url: string, headers: Record<string, string>, opts: { concurrency: number; warmupMs: number; durationMs: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const target = new URL(url);
  const once = (): Promise<{ status: number; ms: number }> =>
    new Promise((resolve) => {
      const start = process.hrtime.bigint();
      const req = request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      });
      req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      req.end();
    });

  const loop = async (until: number, sink: { status: number; ms: number }[] | null): Promise<void> => {
    while (Date.now() < until) {
      const r = await once();
      sink?.push(r);
    }
  };
  const warmEnd = Date.now() + opts.warmupMs;
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(warmEnd, null)));
  const samples: { status: number; ms: number }[] = [];
  const started = Date.now();
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(started + opts.durationMs, samples)));
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();

  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requests: samples.length,
    rps: samples.length / elapsed,
    p50Ms: pct(50),
    p95Ms: pct(95),
    p99Ms: pct(99),
    non2xx: samples.filter((s) => s.status < 200 || s.status >= 300).length,
    errors: samples.filter((s) => s.status === 0).length,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
