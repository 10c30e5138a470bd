import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../files/api-file-response';
import { DocumentRequestedResponse, GeneratedDocumentListResponse, GeneratedDocumentResponse } from './dto/document.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { DocumentsService } from './documents.service';
import { type DocumentResponse, RequestDocumentDto } from './dto/request-document.dto';
import { sendDocument } from './send-document';

/** Generated documents: request (or regenerate), status, content; a dossier's generated documents. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @ApiOperation({ summary: 'Demander la génération d’un document (PDF produit en tâche de fond)' })
  @Post('documents')
  @Authenticated()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DocumentRequestedResponse })
  async request(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: RequestDocumentDto): Promise<{ id: string; status: string }> {
    const { id, status } = await this.documents.request(auth.user, actor, body.kind, body.subjectId);
    return { id, status };
  }

  @ApiOperation({ summary: "Lire l'état d'un document généré" })
  @Get('documents/:id')
  @Authenticated()
  @ApiOkResponse({ type: GeneratedDocumentResponse })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentResponse> {
    return this.documents.get(auth.user, id);
  }

  @ApiOperation({ summary: 'Télécharger un document généré (PDF)' })
  @Get('documents/:id/content')
  @Authenticated()
  @ApiFileResponse({ description: 'Le document PDF', mediaTypes: ['application/pdf'] })
  async content(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.documents.open(auth.user, id));
  }

  @ApiOperation({ summary: "Lister les documents générés d'un dossier" })
  @Get('applications/:id/documents/generated')
  @Authenticated()
  @ApiOkResponse({ type: GeneratedDocumentListResponse })
  async forApplication(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<{ items: DocumentResponse[] }> {
    return { items: await this.documents.listForApplication(auth.user, id) };
  }
}
