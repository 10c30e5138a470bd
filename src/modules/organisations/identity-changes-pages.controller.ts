import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { frenchDateTime } from '../../common/fr';
import { versionFromIfMatch } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { INSTRUCTION_STAFF } from '../auth/roles';
import { HTML, layoutContext } from '../web/page-kit';
import { type Form, formVersion } from '../web/section-forms';
import { ViewsService } from '../web/views.service';
import { LEGAL_FORM_LABELS, type LegalForm } from './domain/organisation-profile';
import type { IdentityChangeResponse } from './dto/identity-change.dto';
import { IdentityChangesService } from './identity-changes.service';
import { FORM_REFUSED } from '../web/form';

const PATH = '/instruction/identites';
const NOTICES: Record<string, string> = {
  approuvee: 'La demande est approuvée : la structure a sa nouvelle identité.',
  refusee: 'La demande est refusée ; le porteur voit votre commentaire.',
};
const form = (l: LegalForm | null) => (l ? LEGAL_FORM_LABELS[l] : '');

/** The staff page of pending legal-identity changes (docs/security.md): approve or refuse each, with If-Match. */
@ApiExcludeController()
@Controller('instruction/identites')
@Roles(...INSTRUCTION_STAFF)
export class IdentityChangesPagesController {
  constructor(
    private readonly changes: IdentityChangesService,
    private readonly dataSource: DataSource,
    private readonly views: ViewsService,
  ) {}

  @Get()
  async page(@CurrentAuth() auth: AuthContext, @Query('statut') statut: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    void reply.type(HTML).send(await this.render(auth, { notice: NOTICES[statut ?? ''] ?? null }));
  }

  @Post(':requestId/decision')
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
    const comment = one(body?.comment).trim() || null;
    try {
      const version = versionFromIfMatch(formVersion(body));
      if (one(body?.decision) === 'refuser') await this.changes.refuse(auth.user, actor, requestId, version, comment);
      else await this.changes.approve(auth.user, actor, requestId, version, comment);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'NOT_FOUND') throw e;
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, { error: e.message }));
    }
    void reply.redirect(`${PATH}?statut=${one(body?.decision) === 'refuser' ? 'refusee' : 'approuvee'}`, 303);
  }

  private async render(auth: AuthContext, opts: { notice?: string | null; error?: string | null }): Promise<string> {
    const { items } = await this.changes.list({ status: 'PENDING', limit: 100 });
    const names = await this.organisationNames(items);
    return this.views.render('organisations/identity-changes.njk', {
      ...layoutContext(auth, [
        { href: '/accueil', label: 'Accueil' },
        { href: PATH, label: "Changements d'identité", current: true },
      ]),
      notice: opts.notice ?? null,
      error: opts.error ?? null,
      requests: items.map((r) => ({
        id: r.id,
        version: r.version,
        organisationName: names.get(r.organisationId) ?? '',
        requestedAt: frenchDateTime(new Date(r.requestedAt)),
        reason: r.reason,
        rows: [
          { label: 'SIRET', before: r.previous.siret ?? '', after: r.requested.siret ?? 'inchangé' },
          { label: 'Raison sociale', before: r.previous.legalName ?? '', after: r.requested.legalName ?? 'inchangée' },
          { label: 'Forme juridique', before: form(r.previous.legalForm), after: r.requested.legalForm ? form(r.requested.legalForm) : 'inchangée' },
        ],
      })),
    });
  }

  private async organisationNames(items: IdentityChangeResponse[]): Promise<Map<string, string>> {
    const rows: { id: string; legalName: string }[] = await this.dataSource.query(
      `SELECT id, legal_name AS "legalName" FROM organisation WHERE id = ANY($1::uuid[])`,
      [items.map((r) => r.organisationId)],
    );
    return new Map(rows.map((r) => [r.id, r.legalName]));
  }
}
