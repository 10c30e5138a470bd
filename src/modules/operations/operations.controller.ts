import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CountersignatureResponse,
  OperationDetailResponse,
  OperationRenouncedResponse,
  OperationStartedResponse,
  SignatureResponse,
} from './dto/operation.response';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { RenounceDto, SignConventionDto, StartOperationDto } from './dto/operation.dto';
import { OperationViews } from './operation-view.service';
import { OperationsService } from './operations.service';

/** Operations after the convention (docs/domain/execution.md): signature, countersignature, renunciation, start. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/v1/operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly views: OperationViews,
  ) {}

  @ApiOperation({ summary: 'Lire une opération programmée et sa convention' })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: OperationDetailResponse, description: 'Convention, signatures, démarrage, bilans dus, avenants, cibles des indicateurs' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.get(auth.user, id);
  }

  @ApiOperation({ summary: 'Enregistrer la signature de la convention par le bénéficiaire' })
  @Post(':id/signature')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: SignatureResponse })
  sign(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SignConventionDto) {
    return this.operations.sign(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: "Enregistrer la contresignature de la convention par l'organisme" })
  @Post(':id/countersignature')
  @Roles('INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CountersignatureResponse })
  countersign(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SignConventionDto) {
    return this.operations.countersign(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: "Renoncer à l'aide (bénéficiaire)" })
  @Post(':id/renunciation')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOkResponse({ type: OperationRenouncedResponse })
  renounce(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RenounceDto) {
    return this.operations.renounce(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: "Déclarer le démarrage de l'opération" })
  @Post(':id/start')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOkResponse({ type: OperationStartedResponse })
  start(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StartOperationDto) {
    return this.operations.start(auth.user, actor, id, dto);
  }
}
