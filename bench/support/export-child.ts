import { stat } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ReportGenerator } from '../../src/modules/reports/report-generator';

export interface ChildResult {
  rows: number;
  generateMs: number;
  maxRssMb: number;
  /** RSS once modules are loaded and the pool is connected, before generating. */
  baselineRssMb: number;
  bytes: number;
  /** Longest event-loop stall while generating: BullMQ renews a job's lock from this loop (docs/decisions/0007). */
  maxLoopDelayMs: number;
}

/** Generates the list of operations of priority 6 into `out`, timing it and reading the process's peak RSS. */
export async function measureGeneration(generator: ReportGenerator, format: 'CSV' | 'XLSX', out: string): Promise<ChildResult> {
  const baselineRssMb = process.memoryUsage().rss / 1048576;
  if (process.env.BENCH_TRACE_RSS)
    setInterval(
      () => console.error(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`),
      250,
    ).unref();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  const rows = await generator.generate(
    { id: 'bench', type: 'OPERATIONS', format, priority: 6, callId: null, callReference: null, callTitle: null, requestedAt: new Date('2026-04-30T10:00:00Z') },
    out,
  );
  const generateMs = Date.now() - started;
  loop.disable();
  return { rows, generateMs, maxRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb, bytes: (await stat(out)).size, maxLoopDelayMs: loop.max / 1e6 };
}
