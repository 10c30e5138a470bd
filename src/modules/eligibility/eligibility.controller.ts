import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EligibilityViewResponse } from './dto/eligibility.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { CsessScoresDto, RuleOverrideDto } from './dto/eligibility.dto';
import type { EligibilityView } from './eligibility.view';
import { EligibilityService } from './eligibility.service';
import { INSTRUCTION_STAFF } from '../auth/roles';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: "ETag du rapport d'éligibilité lu, par exemple \"2\" (428 s'il manque, 412 s'il est périmé)",
};

/** Eligibility of a dossier: Article 15 of the loi ESS and the Priority 6 scope (docs/domain/eligibility.md). Instruction staff only. */
@ApiTags('eligibility')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/eligibility')
@Roles(...INSTRUCTION_STAFF)
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @ApiOperation({ summary: "Lire le rapport d'éligibilité d'un dossier" })
  @Get()
  @ApiOkResponse({
    type: EligibilityViewResponse,
    description: 'Le rapport stocké : résultat effectif de chaque règle, dérogations, verdict, grille CSESS ; ETag = version',
  })
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<EligibilityView> {
    const { view } = await this.eligibility.get(id);
    if (!view) throw new DomainError('NOT_FOUND', "L'éligibilité de ce dossier n'a pas encore été examinée.");
    return tagged(reply, view);
  }

  @ApiOperation({ summary: "Évaluer les règles d'éligibilité du dossier" })
  @Post('evaluate')
  @HttpCode(200)
  @ApiOkResponse({
    type: EligibilityViewResponse,
    description: 'Toutes les règles évaluées ; la première évaluation fait passer le dossier « En instruction »',
  })
  async evaluate(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EligibilityView> {
    return tagged(reply, await this.eligibility.evaluate(auth.user, actor, id));
  }

  @ApiOperation({ summary: "Forcer le résultat d'une règle d'éligibilité, avec justification" })
  @Put('overrides/:ruleId')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EligibilityViewResponse })
  async override(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ruleId') ruleId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: RuleOverrideDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EligibilityView> {
    return tagged(reply, await this.eligibility.override(auth.user, actor, id, ruleId, versionFromIfMatch(ifMatch), dto));
  }

  @ApiOperation({ summary: "Confirmer le rapport d'éligibilité" })
  @Post('confirm')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EligibilityViewResponse })
  async confirm(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EligibilityView> {
    return tagged(reply, await this.eligibility.confirm(auth.user, actor, id, versionFromIfMatch(ifMatch)));
  }

  @ApiOperation({ summary: 'Enregistrer la grille CSESS du dossier' })
  @Put('csess')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EligibilityViewResponse, description: 'Notes de la grille CSESS (non bloquante) et sous-totaux par catégorie' })
  async csess(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: CsessScoresDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EligibilityView> {
    return tagged(reply, await this.eligibility.scoreCsess(actor, id, versionFromIfMatch(ifMatch), dto));
  }
}

function tagged(reply: FastifyReply, view: EligibilityView): EligibilityView {
  void reply.header('ETag', etagOf(view.version));
  return view;
}
