import { Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Authenticated, Public } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ViewsService } from '../web/views.service';
import { InvitationsService } from './invitations.service';
import { pageLayout } from './organisation-pages';
import { frenchDateTime } from '../../common/fr';
import { HTML } from '../web/page-kit';

/**
 * The page an invitation link opens. Public, because the invited person may have no account yet: it then offers to
 * sign in or sign up and come back here. The token is the only secret; the page shows the organisation's name only.
 */
@ApiExcludeController()
@Controller('invitations')
export class InvitationsWebController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly views: ViewsService,
  ) {}

  @Get(':token')
  @Public()
  @Header('Content-Type', HTML)
  async page(@Req() req: FastifyRequest, @Param('token') token: string): Promise<string> {
    const preview = await this.invitations.preview(token, req.auth?.user ?? null);
    if (!preview) throw new DomainError('NOT_FOUND', "Cette invitation n'existe pas ou n'est plus valable : elle a pu expirer, être révoquée ou déjà servir.");
    const suite = encodeURIComponent(`/invitations/${token}`);
    return this.views.render('organisations/invitation.njk', {
      ...(req.auth ? pageLayout(req.auth) : {}),
      preview,
      token,
      expiresAtText: frenchDateTime(preview.expiresAt),
      loginHref: `/connexion?suite=${suite}`,
      signUpHref: `/inscription?suite=${suite}`,
    });
  }

  @Post(':token/accepter')
  @Authenticated()
  async accept(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const accepted = await this.invitations.accept(auth.user, actor, token);
    void reply.redirect(`/structures/${accepted.organisationId}`, 303);
  }
}
