import { Body, Controller, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationResubmittedResponse } from './dto/admissibility.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { SubmitApplicationDto } from '../applications/dto/submit-application.dto';
import { ResubmitApplicationUseCase } from './resubmit-application.use-case';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications/:id')
export class ResubmissionController {
  constructor(private readonly resubmitting: ResubmitApplicationUseCase) {}

  @ApiOperation({ summary: 'Redéposer un dossier incomplet avec ses compléments' })
  @Post('resubmit')
  @Roles('APPLICANT')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Obligatoire : même clé et même corps → même réponse' })
  @ApiOkResponse({ type: ApplicationResubmittedResponse, description: 'Dossier incomplet redéposé : dépôt n° n+1, statut « Déposé »' })
  async resubmit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: SubmitApplicationDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.resubmitting.resubmit(auth.user, actor, id, dto, key);
    if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
    void reply.status(r.status).type('application/json; charset=utf-8').send(r.body);
  }
}
