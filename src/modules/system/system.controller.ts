import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PingResponse } from './dto/system.response';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { CurrentActor } from '../auth/auth-context';
import { PingView, SystemPingService } from './system-ping.service';

@ApiTags('system')
@ApiBearerAuth()
@Controller('api/v1/system/pings')
@Roles('ADMINISTRATOR')
export class SystemController {
  constructor(private readonly pings: SystemPingService) {}

  @ApiOperation({ summary: 'Demander un ping de bout en bout (api, file, worker)' })
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PingResponse })
  request(@CurrentActor() actor: Actor): Promise<PingView> {
    return this.pings.request(actor);
  }

  @ApiOperation({ summary: "Lire le résultat d'un ping de bout en bout" })
  @Get(':id')
  @ApiOkResponse({ type: PingResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PingView> {
    return this.pings.get(id);
  }
}
