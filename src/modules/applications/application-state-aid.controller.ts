import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import type { StateAidDeclaration } from '../cofinancing/domain/state-aid';
import { ApplicationViews } from './application-view.service';
import type { StateAidView } from './domain/state-aid-view';
import { StateAidSectionResponse } from './dto/application.response';
import { StateAidDto } from './dto/state-aid.dto';
import { UpdateApplicationUseCase } from './update-application.use-case';

/** The section as the API returns it: what was declared, and the same in words (regime, facts, ceiling, retention). */
export interface StateAidSection {
  applicationId: string;
  version: number;
  declaration: StateAidDeclaration | null;
  summary: StateAidView | null;
}

/**
 * The « Aides d'État » section of a dossier (docs/domain/state-aid.md), required before submission. Like the other
 * sections: read by whoever may read the dossier (a stranger's is a 404), written by its applicants while it is a
 * draft or while the plan is flagged for complements, with If-Match on the dossier's version (ETag).
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/state-aid')
export class ApplicationStateAidController {
  constructor(
    private readonly updating: UpdateApplicationUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @ApiOperation({ summary: "Lire la déclaration d'aides d'État du dossier" })
  @Get()
  @Authenticated()
  @ApiOkResponse({
    type: StateAidSectionResponse,
    description: "Le régime déclaré (null s'il ne l'est pas encore) et sa lecture en clair ; ETag = version du dossier",
  })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StateAidSection> {
    return this.section(auth, id, reply);
  }

  @ApiOperation({ summary: "Enregistrer la déclaration d'aides d'État du dossier" })
  @Put()
  @Roles('APPLICANT')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag lu avec le dossier, par exemple "3" (428 s\'il manque, 412 s\'il est périmé)' })
  @ApiOkResponse({ type: StateAidSectionResponse, description: 'La déclaration enregistrée ; ETag = nouvelle version du dossier' })
  async put(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: StateAidDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StateAidSection> {
    const text = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    await this.updating.updateStateAid(auth.user, actor, id, ifMatch, {
      regime: dto.regime,
      justification: text(dto.justification),
      gberArticle: text(dto.gberArticle),
      reference: text(dto.reference),
      deMinimisReceivedCents: dto.deMinimisReceivedCents ?? null,
    });
    return this.section(auth, id, reply);
  }

  private async section(auth: AuthContext, id: string, reply: FastifyReply): Promise<StateAidSection> {
    const view = await this.views.get(auth.user, id);
    void reply.header('ETag', etagOf(view.version));
    return { applicationId: id, version: view.version, declaration: view.stateAidDeclaration ?? null, summary: view.stateAid ?? null };
  }
}
