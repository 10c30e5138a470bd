import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Public, Roles } from '../auth/access.decorator';
import { CurrentActor } from '../auth/auth-context';
import { CALL_ID } from './call-id.pipe';
import { CallsService } from './calls.service';
import { CallPageResponse, CallResponse, CallVersionResponse } from './dto/call.response';
import { CreateCallDto } from './dto/create-call.dto';
import { ListCallsQuery } from './dto/list-calls.query';
import { UpdateCallDto } from './dto/update-call.dto';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { viewerOf } from './viewer';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag of the version being changed, e.g. "3"' };

@ApiTags('calls')
@Controller('api/v1/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @ApiOperation({ summary: 'Lister les appels à projets' })
  @Get()
  @Public()
  @ApiOkResponse({ type: CallPageResponse, description: 'Public for open, upcoming and closed; staff only for draft' })
  list(@Query() query: ListCallsQuery, @Req() req: FastifyRequest): Promise<CallPageResponse> {
    return this.calls.list(query, viewerOf(req));
  }

  @ApiOperation({ summary: 'Créer un appel à projets en brouillon' })
  @Post()
  @Roles('PROGRAMME_MANAGER')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CallResponse, description: 'The new DRAFT, with its ETag' })
  async create(@Body() dto: CreateCallDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<CallResponse> {
    return tagged(reply, await this.calls.create(dto, actor), true);
  }

  @ApiOperation({ summary: 'Lire un appel à projets' })
  @Get(':id')
  @Public()
  @ApiOkResponse({ type: CallResponse, description: 'Published calls: anyone; drafts: staff (404 for others)' })
  async get(@Param('id', CALL_ID) id: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CallResponse> {
    return tagged(reply, await this.calls.get(id, viewerOf(req)));
  }

  @ApiOperation({ summary: 'Modifier un appel à projets' })
  @Patch(':id')
  @Roles('PROGRAMME_MANAGER')
  @ApiBearerAuth()
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CallResponse, description: 'On a published call, the change is published as the next version' })
  async update(
    @Param('id', CALL_ID) id: string,
    @Body() dto: UpdateCallDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CallResponse> {
    return tagged(reply, await this.calls.update(id, dto, versionFromIfMatch(ifMatch), actor));
  }

  @ApiOperation({ summary: 'Publier un appel à projets (version figée)' })
  @Post(':id/publish')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CallResponse, description: 'Rules frozen as call_version n+1' })
  async publish(
    @Param('id', CALL_ID) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CallResponse> {
    return tagged(reply, await this.calls.publish(id, versionFromIfMatch(ifMatch), actor));
  }

  @ApiOperation({ summary: "Lire une version publiée d'un appel à projets" })
  @Get(':id/versions/:version')
  @Public()
  @ApiOkResponse({ type: CallVersionResponse, description: 'The rules frozen at one publication' })
  getVersion(@Param('id', CALL_ID) id: string, @Param('version', ParseIntPipe) version: number): Promise<CallVersionResponse> {
    return this.calls.getVersion(id, version);
  }
}

function tagged(reply: FastifyReply, call: CallResponse, created = false): CallResponse {
  void reply.header('ETag', etagOf(call.version));
  if (created) void reply.header('Location', `/api/v1/calls/${call.id}`);
  return call;
}
