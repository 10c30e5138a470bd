import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { sameSecret } from '../auth/tokens';
import { Metrics } from './metrics.service';

/**
 * The worker has no HTTP api; with WORKER_METRICS_PORT set it serves its own GET /metrics (job durations and
 * failures of this process) on WORKER_METRICS_HOST (loopback by default), behind `Bearer METRICS_TOKEN` when set.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { workerPort, workerHost, token } = this.config.metrics;
    if (!workerPort) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
      if (token && !sameSecret(req.headers.authorization, `Bearer ${token}`)) return void res.writeHead(401).end();
      this.metrics.text().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.contentType, 'Cache-Control': 'no-store' }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(workerPort, workerHost, () => resolve()));
    this.logger.log(`worker metrics on http://${workerHost}:${workerPort}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
