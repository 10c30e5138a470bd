import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, isFormRefusal, summaryLinks } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { CatalogueService, type PublicationChoices } from '../catalogue.service';
import { HTML, layoutContext } from '../../web/page-kit';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The beneficiary's page for what the public catalogue shows of its dossier beyond the art. 49(3) fields. */
@ApiExcludeController()
@Controller('dossiers/:id/publication')
export class PublicationPagesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Authenticated()
  @Header('Content-Type', HTML)
  async page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    const c = await this.catalogue.publication(auth.user, id);
    return this.render(auth, id, c, { publicContact: c.publicContact ?? '', seeksPartners: c.seeksPartners }, [], saved === '1');
  }

  @Post()
  @Authenticated()
  async save(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = { publicContact: one(body?.publicContact), seeksPartners: one(body?.seeksPartners) === 'true' };
    const version = Number(one(body?.version));
    try {
      await this.catalogue.updatePublication(auth.user, actor, id, values, Number.isInteger(version) ? version : -1);
      return void reply.redirect(`/dossiers/${id}/publication?enregistre=1`, 303);
    } catch (e) {
      if (!isFormRefusal(e)) throw e;
      // A stale version is said at the top, the form keeping what was typed (docs/ui.md, « Errors »).
      const errors: FieldError[] = e.details.errors ?? [{ path: '', code: e.code, message: e.message }];
      const current = await this.catalogue.publication(auth.user, id);
      void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, id, current, values, errors, false));
    }
  }

  private async render(
    auth: AuthContext,
    id: string,
    c: PublicationChoices,
    values: { publicContact: string; seeksPartners: boolean },
    errors: FieldError[],
    saved: boolean,
  ): Promise<string> {
    return this.views.render('catalogue/publication.njk', {
      ...layoutContext(auth),
      nav: [
        { href: '/accueil', label: 'Accueil' },
        { href: '/dossiers', label: 'Mes dossiers', current: true },
        { href: '/projets', label: 'Projets financés' },
      ],
      id,
      c,
      values,
      errors: summaryLinks(errors, (path) => (path === 'publicContact' || path === 'seeksPartners' ? path : 'form-publication')),
      fieldErrors: errorsByPath(errors),
      saved,
    });
  }
}
