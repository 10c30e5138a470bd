import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Authenticated, Public } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { CatalogueService, type OperationPage, type PublicationChoices } from './catalogue.service';
import { CatalogueQueryDto } from './dto/catalogue.query';
import { OperationPageResponse, PublicationChoicesResponse, PublishedOperationResponse } from './dto/operation.response';
import { PublicationChoicesDto } from './dto/publication.dto';
import { PUBLIC_CACHE } from '../web/cache';
import type { PublishedOperation } from './domain/published-operation';

/** Public read API of the catalogue of programmed operations (no account needed, cacheable). */
@ApiTags('public')
@Controller('api/v1/public/operations')
export class PublicOperationsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Opérations programmées : recherche, filtres, pagination par curseur',
    description: 'Seules les opérations programmées (art. 49, § 3, RPDC) sont publiées.',
  })
  @ApiOkResponse({ type: OperationPageResponse })
  async list(@Query() q: CatalogueQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<OperationPage> {
    const page = await this.catalogue.search(this.catalogue.parse(q));
    void reply.header('Cache-Control', PUBLIC_CACHE);
    return page;
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'Une opération programmée, par son code unique' })
  @ApiOkResponse({ type: PublishedOperationResponse })
  async get(@Param('code') code: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublishedOperation> {
    const op = await this.catalogue.get(code);
    void reply.header('Cache-Control', PUBLIC_CACHE);
    return op;
  }
}

/** The beneficiary's publication choices on its dossier (members of the owning organisation). */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/publication')
export class PublicationController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Choix de publication du dossier : contact public, recherche de partenaires ; ETag = version' })
  @ApiOkResponse({ type: PublicationChoicesResponse })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicationChoices> {
    const c = await this.catalogue.publication(auth.user, id);
    void reply.header('ETag', etagOf(c.version));
    return c;
  }

  @Put()
  @Authenticated()
  @ApiOperation({ summary: 'Modifier les choix de publication (If-Match obligatoire, "0" avant le premier choix)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag lu, par exemple "0" ou "2"' })
  @ApiOkResponse({ type: PublicationChoicesResponse })
  async put(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PublicationChoicesDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicationChoices> {
    const c = await this.catalogue.updatePublication(auth.user, actor, id, dto, versionFromIfMatch(ifMatch));
    void reply.header('ETag', etagOf(c.version));
    return c;
  }
}
