import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentAuth } from '../auth/auth-context';
import { DocumentsService } from './documents.service';
import { sendDocument } from './send-document';

/** Browser downloads of generated documents, from the dossier pages (same access rules as the API). */
@ApiExcludeController()
@Controller()
export class DocumentsPagesController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('documents/:id/telecharger')
  @Authenticated()
  async download(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.documents.open(auth.user, id));
  }
}
