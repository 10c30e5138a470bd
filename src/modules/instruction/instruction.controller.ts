import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BulkAssignmentResponse, InstructionListPageResponse, InstructionStateResponse } from './dto/instruction.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { AssignInstructorUseCase, type InstructionState } from './assign-instructor.use-case';
import { LIST_SORTS, LISTABLE_STATUSES } from './domain/list-query';
import { AssignInstructorDto, BulkAssignDto, LabelsDto } from './dto/assignment.dto';
import { INSTRUCTION_STAFF } from './instruction-access';
import { InstructionListQuery } from './instruction-list.query';
import type { InstructionListPage } from './instruction-list.sql';
import { SetLabelsUseCase } from './set-labels.use-case';

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag du dossier, par exemple "3" (428 s\'il manque, 412 s\'il est périmé)' };

/** The instructor workspace API: the dossiers of a call, assignment to instructors, labels. */
@ApiTags('instruction')
@ApiBearerAuth()
@Controller('api/v1')
@Roles(...INSTRUCTION_STAFF)
export class InstructionController {
  constructor(
    private readonly assigning: AssignInstructorUseCase,
    private readonly labelling: SetLabelsUseCase,
    private readonly listing: InstructionListQuery,
  ) {}

  @ApiOperation({ summary: "Lister les dossiers déposés d'un appel, avec filtres et tri" })
  @Get('calls/:id/applications')
  @ApiQuery({ name: 'status', required: false, isArray: true, enum: LISTABLE_STATUSES })
  @ApiQuery({ name: 'departement', required: false })
  @ApiQuery({ name: 'euMinCents', required: false, type: Number })
  @ApiQuery({ name: 'euMaxCents', required: false, type: Number })
  @ApiQuery({ name: 'instructorId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'unassigned', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'label', required: false, isArray: true, description: 'Toutes les étiquettes données doivent être présentes' })
  @ApiQuery({ name: 'q', required: false, description: 'Numéro, titre ou nom de la structure' })
  @ApiQuery({ name: 'sort', required: false, enum: LIST_SORTS })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1 à 100, 25 par défaut' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor de la page précédente (même tri)' })
  @ApiOkResponse({ type: InstructionListPageResponse, description: '{ items, nextCursor } — dossiers déposés de l’appel, jamais les brouillons' })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, unknown>): Promise<InstructionListPage> {
    return this.listing.list(id, query ?? {});
  }

  @ApiOperation({ summary: 'Affecter plusieurs dossiers à un instructeur' })
  @Post('calls/:id/applications/assignments')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkAssignmentResponse })
  assignMany(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BulkAssignDto) {
    return this.assigning.assignMany(auth.user, actor, id, dto.applicationIds, dto.instructorId);
  }

  @ApiOperation({ summary: "Affecter le dossier à un instructeur, ou retirer l'affectation" })
  @Put('applications/:id/instructor')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: InstructionStateResponse })
  async assign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AssignInstructorDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstructionState> {
    return withEtag(reply, await this.assigning.assign(auth.user, actor, id, ifMatch, dto.instructorId));
  }

  @ApiOperation({ summary: "Modifier les étiquettes d'un dossier" })
  @Put('applications/:id/labels')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: InstructionStateResponse })
  async labels(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: LabelsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstructionState> {
    return withEtag(reply, await this.labelling.set(auth.user, actor, id, ifMatch, dto.labels));
  }
}

function withEtag(reply: FastifyReply, state: InstructionState): InstructionState {
  void reply.header('ETag', etagOf(state.version));
  return state;
}
