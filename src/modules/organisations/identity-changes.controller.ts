import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { INSTRUCTION_STAFF } from '../auth/roles';
import {
  CreateIdentityChangeDto,
  DecideIdentityChangeDto,
  IdentityChangeListResponse,
  IdentityChangeResponse,
  ListIdentityChangesQuery,
} from './dto/identity-change.dto';
import { IdentityChangesService } from './identity-changes.service';

const IF_MATCH = { name: 'If-Match', required: true, description: "L'ETag de la demande (412 s'il n'est plus à jour, 428 s'il manque)." };

/** Frozen legal identity: requests by the owner, decisions by instruction staff (docs/security.md). */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class IdentityChangesController {
  constructor(private readonly changes: IdentityChangesService) {}

  @Post('api/v1/organisations/:id/identity-changes')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Demander le changement du SIRET, de la raison sociale ou de la forme juridique (identité figée après un dépôt)' })
  @ApiCreatedResponse({ type: IdentityChangeResponse, description: 'Responsables seulement ; 409 IDENTITY_CHANGE_PENDING si une demande attend déjà.' })
  async create(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateIdentityChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityChangeResponse> {
    const created = await this.changes.request(auth.user, actor, id, dto);
    void reply.header('ETag', etagOf(created.version)).header('Location', `/api/v1/identity-changes/${created.id}`);
    return created;
  }

  @Get('api/v1/organisations/:id/identity-changes')
  @Authenticated()
  @ApiOperation({ summary: "Demandes de changement d'identité d'une structure (les 100 dernières)" })
  @ApiOkResponse({ type: [IdentityChangeResponse], description: 'Lecteurs de la structure ; 404 pour les autres.' })
  listForOrganisation(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<IdentityChangeResponse[]> {
    return this.changes.listForOrganisation(auth.user, id);
  }

  @Get('api/v1/identity-changes')
  @Roles(...INSTRUCTION_STAFF)
  @ApiOperation({ summary: "File des demandes de changement d'identité, les plus anciennes d'abord" })
  @ApiOkResponse({ type: IdentityChangeListResponse })
  list(@Query() query: ListIdentityChangesQuery): Promise<IdentityChangeListResponse> {
    return this.changes.list(query);
  }

  @Get('api/v1/identity-changes/:requestId')
  @Roles(...INSTRUCTION_STAFF)
  @ApiOperation({ summary: "Une demande de changement d'identité" })
  @ApiOkResponse({ type: IdentityChangeResponse, description: 'En-tête ETag.' })
  async get(@Param('requestId') requestId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<IdentityChangeResponse> {
    const row = await this.changes.get(requestId);
    void reply.header('ETag', etagOf(row.version));
    return row;
  }

  @Post('api/v1/identity-changes/:requestId/approve')
  @Roles(...INSTRUCTION_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Approuver : la structure prend la nouvelle identité (audité)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: IdentityChangeResponse })
  async approve(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: DecideIdentityChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityChangeResponse> {
    const row = await this.changes.approve(auth.user, actor, requestId, versionFromIfMatch(ifMatch), dto.comment || null);
    void reply.header('ETag', etagOf(row.version));
    return row;
  }

  @Post('api/v1/identity-changes/:requestId/refuse')
  @Roles(...INSTRUCTION_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuser, avec un commentaire pour le porteur (audité)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: IdentityChangeResponse })
  async refuse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: DecideIdentityChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityChangeResponse> {
    const row = await this.changes.refuse(auth.user, actor, requestId, versionFromIfMatch(ifMatch), dto.comment || null);
    void reply.header('ETag', etagOf(row.version));
    return row;
  }
}
