import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AwardAcceptedResponse, AwardProposalViewResponse, AwardRenouncedResponse } from './dto/committee.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { AwardProposalService, type AwardProposalView } from './award-proposal.service';
import { AcceptAwardDto, RefuseAwardDto } from './dto/award-proposal.dto';

/** A reduced committee award is a proposal the beneficiary accepts with a revised plan or refuses (docs/domain/committee.md). */
@ApiTags('committee')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/award-proposal')
export class AwardProposalController {
  constructor(private readonly proposals: AwardProposalService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'La proposition du comité (montant réduit), le plan retenu et, après acceptation, le plan révisé' })
  @ApiOkResponse({ type: AwardProposalViewResponse, description: 'ETag : version de la proposition (If-Match des réponses). 404 hors de vos structures.' })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AwardProposalView> {
    const view = await this.proposals.get(auth.user, id);
    void reply.header('ETag', etagOf(view.proposal.version));
    return view;
  }

  @Post('accept')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepter la proposition avec un plan révisé : le dossier est programmé et la convention établie' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag de la proposition (428 sans, 412 périmé)' })
  @ApiOkResponse({ type: AwardAcceptedResponse, description: '422 AWARD_PLAN_INVALID (un chemin par écart), 409 AWARD_ANSWER_OVERDUE après la date limite' })
  accept(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AcceptAwardDto,
  ) {
    return this.proposals.accept(auth.user, actor, id, versionFromIfMatch(ifMatch), {
      lines: dto.lines,
      resources: dto.resources.map((r) => ({ type: r.type, funderName: r.funderName?.trim() || null, amountCents: r.amountCents })),
    });
  }

  @Post('lapse')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Constater l’absence de réponse après la date limite : renonciation, le montant revient à l’enveloppe' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag de la proposition (428 sans, 412 périmé)' })
  @ApiOkResponse({ type: AwardRenouncedResponse })
  lapse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.proposals.lapse(auth.user, actor, id, versionFromIfMatch(ifMatch));
  }

  @Post('refuse')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuser la proposition : renonciation à l’aide, le montant revient à l’enveloppe de l’appel' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag de la proposition (428 sans, 412 périmé)' })
  @ApiOkResponse({ type: AwardRenouncedResponse })
  refuse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: RefuseAwardDto,
  ) {
    return this.proposals.refuse(auth.user, actor, id, versionFromIfMatch(ifMatch), dto.reason);
  }
}
