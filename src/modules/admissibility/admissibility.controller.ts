import { INSTRUCTION_STAFF } from '../auth/roles';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdmissibilityCheckRunResponse,
  AdmissibilityDecisionResponse,
  AdmissibilityRoundsResponse,
  SubmissionDiffResponse,
} from './dto/admissibility.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import type { ReviewRow } from './admissibility.repository';
import { AdmissibilityService, type CheckRun, type DecisionResult, type SubmissionDiff } from './admissibility.service';
import { AdmissibilityDecisionDto, SubmissionDiffQuery } from './dto/admissibility-decision.dto';

/** Instruction staff (docs/domain/organisations.md): they decide admissibility. Evaluators and applicants never reach these routes. */

@ApiTags('admissibility')
@ApiBearerAuth()
@Controller('api/v1/applications/:id')
export class AdmissibilityController {
  constructor(private readonly admissibility: AdmissibilityService) {}

  @ApiOperation({ summary: 'Lancer les contrôles automatiques de recevabilité sur le dernier dépôt (rien n’est enregistré)' })
  @Post('admissibility/check')
  @Roles(...INSTRUCTION_STAFF)
  @HttpCode(200)
  @ApiOkResponse({ type: AdmissibilityCheckRunResponse, description: 'Résultat des contrôles automatiques sur le dernier dépôt ; rien n’est enregistré' })
  check(@Param('id', ParseUUIDPipe) id: string): Promise<CheckRun> {
    return this.admissibility.check(id);
  }

  @ApiOperation({ summary: 'Décider de la recevabilité (recevable, incomplet avec compléments demandés, irrecevable)' })
  @Post('admissibility/decision')
  @Roles(...INSTRUCTION_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag du dossier (428 sans, 412 périmé)' })
  @ApiOkResponse({ type: AdmissibilityDecisionResponse })
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AdmissibilityDecisionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionResult> {
    const result = await this.admissibility.decide(auth.user, actor, id, ifMatch, dto);
    void reply.header('ETag', etagOf(result.version));
    return result;
  }

  @ApiOperation({ summary: "Historique des examens de recevabilité d'un dossier" })
  @Get('admissibility')
  @Roles(...INSTRUCTION_STAFF)
  @ApiOkResponse({ type: AdmissibilityRoundsResponse, description: 'Les tours de recevabilité, du premier au dernier' })
  async rounds(@Param('id', ParseUUIDPipe) id: string): Promise<{ rounds: ReviewRow[] }> {
    return { rounds: await this.admissibility.rounds(id) };
  }

  @ApiOperation({ summary: 'Différences entre les deux derniers dépôts du dossier' })
  @Get('submissions/diff')
  @Roles(...INSTRUCTION_STAFF)
  @ApiOkResponse({ type: SubmissionDiffResponse, description: 'Champs modifiés entre deux dépôts (par défaut les deux derniers)' })
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() q: SubmissionDiffQuery): Promise<SubmissionDiff> {
    return this.admissibility.diff(id, q.from, q.to);
  }
}
