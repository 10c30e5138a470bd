import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { PostponementAnswerDto, PostponementAnswerResponse } from './dto/postponement-answer.dto';
import { PostponementUseCase } from './postponement.use-case';

/** The applicant's answer to a postponement (ajournement), which sends the dossier back to instruction. */
@ApiTags('committee')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/postponement-answer')
export class PostponementController {
  constructor(private readonly postponement: PostponementUseCase) {}

  @Post()
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Répondre aux demandes du comité sur un dossier ajourné : le dossier repart en instruction' })
  @ApiHeader({ name: 'If-Match', required: true, description: "ETag du dossier (412 s'il a changé, 428 s'il manque)." })
  @ApiOkResponse({
    type: PostponementAnswerResponse,
    description: "409 INVALID_STATUS_TRANSITION si le dossier n'est pas ajourné ; 404 hors de vos structures.",
  })
  async answer(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: PostponementAnswerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PostponementAnswerResponse> {
    const r = await this.postponement.answer(auth.user, actor, id, versionFromIfMatch(ifMatch), dto.answer);
    void reply.header('ETag', etagOf(r.version));
    return r;
  }
}
