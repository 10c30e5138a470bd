import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ViewsService } from '../../web/views.service';
import { ResubmitApplicationUseCase } from '../resubmit-application.use-case';
import { HTML, layoutContext } from '../../web/page-kit';
import { FORM_REFUSED } from '../../web/form';

type Form = Record<string, string | string[]>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** « Redéposer » on the applicant's dossier page (form in admissibility/_applicant-complements.njk). */
@ApiExcludeController()
@Controller('dossiers/:id/redeposer')
@Roles('APPLICANT')
export class ApplicantResubmitPagesController {
  constructor(
    private readonly resubmitting: ResubmitApplicationUseCase,
    private readonly views: ViewsService,
  ) {}

  @Post()
  async resubmit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (one(body?.attestation) !== 'true') {
      return this.refused(reply, auth, id, FORM_REFUSED, [
        { path: 'attestation', code: 'REQUIRED', message: "Cochez l'attestation sur l'honneur pour redéposer le dossier." },
      ]);
    }
    const version = one(body?.version);
    try {
      await this.resubmitting.resubmit(
        auth.user,
        actor,
        id,
        { attestation: true, expectedVersion: /^\d{1,9}$/.test(version) ? Number(version) : undefined },
        one(body?.idempotencyKey),
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'IDEMPOTENCY_KEY_IN_USE') return void reply.redirect(`/dossiers/${id}`, 303);
      if (!['APPLICATION_INCOMPLETE', 'COMPLEMENTS_OVERDUE', 'INVALID_STATUS_TRANSITION', 'PRECONDITION_FAILED'].includes(e.code)) throw e;
      return this.refused(reply, auth, id, FORM_REFUSED, e.details.errors?.length ? e.details.errors : [{ path: 'dossier', code: e.code, message: e.message }]);
    }
    void reply.redirect(`/dossiers/${id}?redepose=1`, 303);
  }

  private refused(reply: FastifyReply, auth: AuthContext, id: string, status: number, errors: FieldError[]): void {
    const html = this.views.render('admissibility/resubmit-refused.njk', {
      ...layoutContext(auth),
      nav: [
        { href: '/accueil', label: 'Accueil' },
        { href: '/dossiers', label: 'Mes dossiers', current: true },
      ],
      id,
      errors,
    });
    void reply.status(status).type(HTML).send(html);
  }
}
