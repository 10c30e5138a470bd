import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentAuth } from '../auth/auth-context';
import { DocumentsService } from './documents.service';
import { sendDocument } from './send-document';
import { type GeneratedDocumentItem, GeneratedDocumentsView } from './generated-documents.view';
import { type LiveStatus, liveStatus } from '../web/live-status';

/** Browser downloads of generated documents, from the dossier pages (same access rules as the API). */
@ApiExcludeController()
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly generated: GeneratedDocumentsView,
  ) {}

  /** The « Documents » block of a dossier page, polled while a document is being produced (same access as the page). */
  @Get('documents/dossiers/:id/etat')
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  async applicationStatus(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<LiveStatus<GeneratedDocumentItem>> {
    return liveStatus(await this.generated.forApplication(auth.user, id));
  }

  /** The minutes of a committee session, polled from the session page while they are produced. */
  @Get('documents/seances/:id/etat')
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  async sessionStatus(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<LiveStatus<GeneratedDocumentItem>> {
    return liveStatus((await this.generated.forSessions(auth.user, [id])).get(id) ?? []);
  }

  @Get('documents/:id/telecharger')
  @Authenticated()
  async download(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.documents.open(auth.user, id));
  }
}
