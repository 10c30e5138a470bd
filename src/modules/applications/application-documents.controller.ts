import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse, UPLOAD_MEDIA_TYPES } from '../files/api-file-response';
import { UploadedDocumentResponse } from './dto/application.response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { sendUpload } from '../files/send-upload';
import { ApplicationDocumentsUseCase } from './application-documents.use-case';
import type { DocumentRow } from './application-rows';

/** Documents of a dossier: multipart upload (draft only), download as an attachment, soft delete (draft only). */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/documents')
export class ApplicationDocumentsController {
  constructor(private readonly documents: ApplicationDocumentsUseCase) {}

  @ApiOperation({ summary: 'Joindre une pièce au dossier (multipart, champ « file »)' })
  @Post()
  @Roles('APPLICANT')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentType', 'file'],
      properties: {
        documentType: { type: 'string', example: 'RIB' },
        file: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG, DOCX, XLSX, ODT ou ODS' },
      },
    },
  })
  @ApiCreatedResponse({ type: UploadedDocumentResponse })
  async upload(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<DocumentRow, 'storageKey'>> {
    const { storageKey: _key, ...doc } = await this.documents.upload(auth.user, actor, id, req);
    void reply.status(201);
    return doc;
  }

  @ApiOperation({ summary: "Télécharger une pièce jointe d'un dossier" })
  @Get(':docId/content')
  @Authenticated()
  @ApiFileResponse({ description: 'La pièce, avec son type de fichier', mediaTypes: UPLOAD_MEDIA_TYPES })
  async content(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { doc, stream } = await this.documents.open(auth.user, actor, id, docId);
    sendUpload(reply, doc, stream);
  }

  @ApiOperation({ summary: "Retirer une pièce jointe d'un dossier en brouillon" })
  @Delete(':docId')
  @Roles('APPLICANT')
  @HttpCode(204)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
  ): Promise<void> {
    await this.documents.remove(auth.user, actor, id, docId);
  }
}
