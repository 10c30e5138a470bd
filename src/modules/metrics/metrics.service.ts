import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (docs/architecture.md, "Observabilité"). One registry per process, not prom-client's
 * global one, so the api and a worker started in the same test process keep theirs apart.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** Latency by route pattern (`/api/v1/applications/:id`, never the ids), method and status. */
  readonly httpDuration = new Histogram({
    name: 'essaim_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'essaim_job_duration_seconds',
    help: 'Duration of job attempts in this worker, by job name and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'essaim_job_failures_total',
    help: 'Failed job attempts in this worker, by job name; final="true" when no retry is left',
    labelNames: ['job', 'final'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'essaim_' });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
