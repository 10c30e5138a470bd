import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics.service';

/** The process's metrics registry, for the api (HTTP, queues, outbox) and the worker (jobs). */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
