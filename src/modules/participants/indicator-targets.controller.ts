import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndicatorTargetsResponse } from './dto/participant.response';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { TargetsDto } from './dto/targets.dto';
import { IndicatorTargetsService } from './indicator-targets.service';

/** Indicator targets of a dossier (ESF+ Annex I), declared in the draft and kept in the submission snapshot. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/indicator-targets')
export class IndicatorTargetsController {
  constructor(private readonly targets: IndicatorTargetsService) {}

  @ApiOperation({ summary: "Lire les cibles d'indicateurs du dossier" })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: IndicatorTargetsResponse })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.targets.get(auth.user, id);
  }

  @ApiOperation({ summary: "Enregistrer les cibles d'indicateurs du dossier" })
  @Put()
  @Roles('APPLICANT')
  @HttpCode(204)
  async put(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TargetsDto): Promise<void> {
    await this.targets.put(
      auth.user,
      actor,
      id,
      dto.targets.map((t) => ({ code: t.code, total: t.total, women: t.women ?? null, men: t.men ?? null, nonBinary: t.nonBinary ?? null })),
    );
  }
}
