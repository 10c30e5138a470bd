import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AmendmentDecisionResponse, AmendmentRequestedResponse } from './dto/amendment.response';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { AmendmentsService } from './amendments.service';
import { DecideAmendmentDto, RequestAmendmentDto } from './dto/amendment.dto';

/** Amendments (avenants) of an operation: requested by the beneficiary, decided by an instructor. */
@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1')
export class AmendmentsController {
  constructor(private readonly amendments: AmendmentsService) {}

  @ApiOperation({ summary: "Demander un avenant à la convention d'une opération" })
  @Post('operations/:id/amendments')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: AmendmentRequestedResponse })
  request(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RequestAmendmentDto) {
    return this.amendments.request(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: "Accepter ou refuser une demande d'avenant" })
  @Post('amendments/:id/decision')
  @Roles('INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: AmendmentDecisionResponse })
  decide(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideAmendmentDto) {
    return this.amendments.decide(auth.user, actor, id, dto);
  }
}
