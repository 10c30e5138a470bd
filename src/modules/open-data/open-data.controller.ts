import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Public, Roles } from '../auth/access.decorator';
import { CurrentActor } from '../auth/auth-context';
import { PUBLIC_CACHE } from '../web/cache';
import { tableSchema } from './domain/open-data-columns';
import { OpenDataService } from './open-data.service';

const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

class ReleaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() releasedAt: Date;
  @ApiProperty() operationCount: number;
  @ApiProperty() csvSha256: string;
  @ApiProperty() jsonSha256: string;
}

/**
 * Open data of the list of operations (CPR art. 49(3)): the current files, their Table Schema and the dated releases.
 * Public, cacheable, UTF-8, Licence Ouverte 2.0.
 */
@Controller()
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('donnees/operations.csv')
  @Public()
  @ApiExcludeEndpoint()
  async csv(@Res() reply: FastifyReply): Promise<void> {
    await this.stream(reply, CSV, 'operations.csv', Readable.from(this.openData.csv()));
  }

  @Get('donnees/operations.json')
  @Public()
  @ApiExcludeEndpoint()
  async json(@Res() reply: FastifyReply): Promise<void> {
    const updatedAt = await this.openData.lastChange();
    await this.stream(reply, JSON_TYPE, 'operations.json', Readable.from(this.openData.json(updatedAt)), updatedAt);
  }

  @Get('donnees/schema.json')
  @Public()
  @ApiExcludeEndpoint()
  @Header('Content-Type', JSON_TYPE)
  @Header('Cache-Control', PUBLIC_CACHE)
  schema(): Record<string, unknown> {
    return tableSchema();
  }

  @Get('donnees/publications/:id/operations.csv')
  @Public()
  @ApiExcludeEndpoint()
  releaseCsv(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.release(reply, id, 'csv');
  }

  @Get('donnees/publications/:id/operations.json')
  @Public()
  @ApiExcludeEndpoint()
  releaseJson(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.release(reply, id, 'json');
  }

  @Post('api/v1/open-data/releases')
  @Roles('MANAGING_AUTHORITY', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(201)
  @ApiTags('open-data')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publier une version datée de la liste des opérations (art. 49, § 3, RPDC : au moins tous les quatre mois)' })
  @ApiCreatedResponse({ type: ReleaseResponse })
  createRelease(@CurrentActor() actor: Actor) {
    return this.openData.release(actor);
  }

  private async stream(reply: FastifyReply, type: string, name: string, body: Readable, updatedAt?: Date | null): Promise<void> {
    const lastChange = updatedAt === undefined ? await this.openData.lastChange() : updatedAt;
    void reply
      .type(type)
      .header('Cache-Control', PUBLIC_CACHE)
      .header('Content-Disposition', `inline; filename="${name}"`)
      .header('X-Content-Type-Options', 'nosniff');
    if (lastChange) void reply.header('Last-Modified', lastChange.toUTCString());
    return reply.send(body);
  }

  private async release(reply: FastifyReply, id: string, format: 'csv' | 'json'): Promise<void> {
    const file = await this.openData.releaseFile(id, format);
    if (!file) throw new DomainError('NOT_FOUND', "Cette publication n'existe pas.");
    const day = file.releasedAt.toISOString().slice(0, 10);
    void reply
      .type(format === 'csv' ? CSV : JSON_TYPE)
      // A release never changes: caches may keep it.
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Content-Disposition', `attachment; filename="operations-${day}.${format}"`)
      .header('Last-Modified', file.releasedAt.toUTCString());
    return reply.send(file.bytes);
  }
}
