import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ListOrganisationsQuery } from './dto/list-organisations.query';
import { MemberResponse, OrganisationListResponse, OrganisationResponse } from './dto/organisation.response';
import { RegisterOrganisationDto } from './dto/register-organisation.dto';
import { UpdateOrganisationDto } from './dto/update-organisation.dto';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @ApiOperation({ summary: 'Enregistrer une organisation (SIRET)' })
  @Post()
  @Roles('APPLICANT')
  @ApiCreatedResponse({
    type: OrganisationResponse,
    description: 'Structure enregistrée ; vous en êtes responsable (OWNER). 409 SIRET_TAKEN si le SIRET est déjà enregistré.',
  })
  async register(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() dto: RegisterOrganisationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationResponse> {
    const org = await this.organisations.register(auth.user, actor, dto);
    void reply.header('ETag', etagOf(org.version)).header('Location', `/api/v1/organisations/${org.id}`);
    return org;
  }

  @ApiOperation({ summary: 'Lister mes organisations' })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: OrganisationListResponse, description: 'Les structures dont vous êtes membre, par raison sociale.' })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ListOrganisationsQuery): Promise<OrganisationListResponse> {
    return this.organisations.listMine(auth.user, query);
  }

  @ApiOperation({ summary: 'Lire une organisation' })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: OrganisationResponse, description: 'Membres et agents ; 404 pour les autres. En-tête ETag.' })
  async get(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrganisationResponse> {
    const org = await this.organisations.get(auth.user, id);
    void reply.header('ETag', etagOf(org.version));
    return org;
  }

  @ApiOperation({ summary: 'Modifier une organisation' })
  @Patch(':id')
  @Roles('APPLICANT')
  @ApiHeader({ name: 'If-Match', required: true, description: "L'ETag reçu (412 s'il n'est plus à jour, 428 s'il manque)." })
  @ApiOkResponse({ type: OrganisationResponse })
  async update(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateOrganisationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationResponse> {
    const org = await this.organisations.update(auth.user, actor, id, versionFromIfMatch(ifMatch), dto);
    void reply.header('ETag', etagOf(org.version));
    return org;
  }

  @ApiOperation({ summary: "Lister les membres de l'organisation" })
  @Get(':id/members')
  @Authenticated()
  @ApiOkResponse({ type: [MemberResponse] })
  members(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<MemberResponse[]> {
    return this.organisations.members(auth.user, id);
  }

  @ApiOperation({ summary: "Retirer un membre de l'organisation" })
  @Delete(':id/members/:userId')
  @Roles('APPLICANT')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Le membre perd aussitôt l’accès à la structure et à ses dossiers. Responsables seulement ; le dernier responsable ne peut pas être retiré.',
  })
  removeMember(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    return this.organisations.removeMember(auth.user, actor, id, userId);
  }
}
