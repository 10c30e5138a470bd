import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { frenchDateTime, frenchSize } from '../../../common/fr';
import { ACCEPTED_TYPES_TEXT } from '../../applications/application-documents.use-case';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { sendUpload } from '../../files/send-upload';
import { HTML, layoutContext } from '../../web/page-kit';
import { ViewsService } from '../../web/views.service';
import { FORM_REFUSED, summaryLinks } from '../../web/form';
import { DossierMessagesService, type Thread } from '../dossier-messages.service';
import { BODY_MAX, SUBJECT_MAX } from '../domain/message-rules';

/** Where each side reads the thread: beside the applicant's dossier, or among the instruction tabs. */
const BASES = { APPLICANT: '/dossiers', STAFF: '/instruction/dossiers' } as const;
type Where = keyof typeof BASES;

interface Refusal {
  status: number;
  errors: FieldError[];
  typed: { subject: string; body: string };
}

/**
 * The thread of a dossier, as a page for each side (docs/domain/messages.md): `/dossiers/:id/messages` for the
 * applicant, `/instruction/dossiers/:id/messages` for the intermediate body. A person who opens the other side's
 * address is sent to their own.
 */
@ApiExcludeController()
@Controller()
export class DossierMessagesPagesController {
  constructor(
    private readonly messages: DossierMessagesService,
    private readonly views: ViewsService,
  ) {}

  @Get('dossiers/:id/messages')
  @Authenticated()
  applicantThread(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('envoye') sent: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.page(auth, id, 'APPLICANT', reply, sent === 'ok');
  }

  @Get('instruction/dossiers/:id/messages')
  @Authenticated()
  staffThread(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('envoye') sent: string | undefined, @Res() reply: FastifyReply) {
    return this.page(auth, id, 'STAFF', reply, sent === 'ok');
  }

  @Post('dossiers/:id/messages')
  @Authenticated()
  applicantPost(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.post(auth, actor, id, 'APPLICANT', req, reply);
  }

  @Post('instruction/dossiers/:id/messages')
  @Authenticated()
  staffPost(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.post(auth, actor, id, 'STAFF', req, reply);
  }

  @Get('dossiers/:id/messages/pieces/:fileId')
  @Authenticated()
  applicantFile(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.file(auth, id, fileId, reply);
  }

  @Get('instruction/dossiers/:id/messages/pieces/:fileId')
  @Authenticated()
  staffFile(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.file(auth, id, fileId, reply);
  }

  private async file(auth: AuthContext, id: string, fileId: string, reply: FastifyReply): Promise<void> {
    const { file, stream } = await this.messages.openFile(auth.user, id, fileId);
    sendUpload(reply, file, stream);
  }

  private async post(auth: AuthContext, actor: Actor, id: string, where: Where, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      await this.messages.post(auth.user, actor, id, req);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'NOT_FOUND') throw e;
      const errors = e.details.errors?.length ? e.details.errors : [{ path: '', code: e.code, message: e.message }];
      const typed = (e.details.typed as Refusal['typed'] | undefined) ?? { subject: '', body: '' };
      return this.page(auth, id, where, reply, false, { status: FORM_REFUSED, errors, typed });
    }
    void reply.redirect(`${BASES[where]}/${id}/messages?envoye=ok#nouveau-message`, 303);
  }

  private async page(auth: AuthContext, id: string, where: Where, reply: FastifyReply, sent: boolean, refusal?: Refusal): Promise<void> {
    const thread = await this.messages.read(auth.user, id);
    if (thread.side !== where) return void reply.redirect(`${BASES[thread.side]}/${id}/messages`, 303);
    const html = this.views.render('messages/thread.njk', {
      ...layoutContext(auth),
      ...threadModel(thread, id),
      sent,
      errors: summaryLinks(refusal?.errors ?? [], (path) => (['subject', 'body', 'file'].includes(path) ? path : 'form-message')),
      fieldErrors: Object.fromEntries((refusal?.errors ?? []).filter((x) => x.path).map((x) => [x.path, x.message])),
      typed: refusal?.typed ?? { subject: '', body: '' },
      limits: { subject: SUBJECT_MAX, body: BODY_MAX },
      acceptedTypes: ACCEPTED_TYPES_TEXT,
    });
    void reply
      .status(refusal?.status ?? 200)
      .type(HTML)
      .header('Cache-Control', 'no-store')
      .send(html);
  }
}

function threadModel(t: Thread, id: string) {
  const base = `${BASES[t.side]}/${id}`;
  return {
    side: t.side,
    base,
    dossier: { id, number: t.dossier.number, title: t.dossier.title },
    writeRefusal: t.writeRefusal,
    messages: t.messages.map((m) => ({
      ...m,
      mine: m.authorSide === t.side,
      sideLabel: m.authorSide === 'STAFF' ? 'Service instructeur' : 'Porteur de projet',
      createdAtText: frenchDateTime(new Date(m.createdAt)),
      files: m.files.map((f) => ({ ...f, href: `${base}/messages/pieces/${f.id}`, sizeText: frenchSize(f.sizeBytes) })),
    })),
  };
}
