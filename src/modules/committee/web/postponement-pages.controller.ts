import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError } from '../../../common/errors/domain-error';
import { versionFromIfMatch } from '../../../common/http/etag';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { validateForm } from '../../web/form';
import { type Form, formVersion } from '../../web/section-forms';
import { PostponementAnswerDto } from '../dto/postponement-answer.dto';
import { PostponementUseCase } from '../postponement.use-case';

/** The applicant's answer form on the dossier page (committee/_applicant-postponement.njk), same use case as the API. */
@ApiExcludeController()
@Controller('dossiers/:id/reponse-ajournement')
@Roles('APPLICANT')
export class PostponementPagesController {
  constructor(private readonly postponement: PostponementUseCase) {}

  @Post()
  async answer(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const { value, errors } = await validateForm(PostponementAnswerDto, body, () => ({ answer: typeof body?.answer === 'string' ? body.answer : '' }));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', 'La réponse est requise.', { errors });
      await this.postponement.answer(auth.user, actor, id, versionFromIfMatch(formVersion(body)), value.answer);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'NOT_FOUND') throw e;
      return void reply.redirect(`/dossiers/${id}?ajournement=erreur#ajournement`, 303);
    }
    void reply.redirect(`/dossiers/${id}?ajournement=repondu`, 303);
  }
}
