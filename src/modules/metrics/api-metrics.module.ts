import { Module } from '@nestjs/common';
import { ApiMetricsCollector } from './api-metrics.collector';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';
import { QueueBoardModule } from './queue-board.module';

/** GET /metrics and the administrators' queue dashboard, in the api process. */
@Module({ imports: [MetricsModule, QueueBoardModule], controllers: [MetricsController], providers: [ApiMetricsCollector] })
export class ApiMetricsModule {}
