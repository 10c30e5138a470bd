import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MetricsReaders } from '../auth/access.decorator';
import { Metrics } from './metrics.service';

@ApiTags('system')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus text format; for the scraper (Bearer METRICS_TOKEN) or an administrator. */
  @Get()
  @MetricsReaders()
  @ApiOperation({ summary: 'Métriques Prometheus (latences par route, files de jobs, retard de la boîte d’envoi)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Métriques au format texte Prometheus', schema: { type: 'string' } })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.text();
    void reply.header('Content-Type', this.metrics.contentType).header('Cache-Control', 'no-store').send(body);
  }
}
