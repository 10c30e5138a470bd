import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiFileResponse, UPLOAD_MEDIA_TYPES } from '../files/api-file-response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/http/time-id-cursor';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { sendUpload } from '../files/send-upload';
import { validateForm } from '../web/form';
import { DossierMessagesService, type ThreadMessage } from './dossier-messages.service';
import { BODY_MAX, type MessageInput, SUBJECT_MAX } from './domain/message-rules';
import { ListMessagesQuery, MessageResponse, MessageThreadResponse, SendMessageDto } from './dto/message.dto';

/**
 * The dossier's message thread in the API (docs/domain/messages.md, docs/api.md): the same thread, rules and
 * authorisation as the pages `/dossiers/:id/messages` and `/instruction/dossiers/:id/messages`. A dossier the caller may
 * not read answers 404, as an unknown one.
 */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/messages')
export class DossierMessagesController {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly messages: DossierMessagesService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "Lire le fil des messages d'un dossier (du plus ancien au plus récent), sans le marquer lu" })
  @ApiOkResponse({ type: MessageThreadResponse })
  async list(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: ListMessagesQuery): Promise<MessageThreadResponse> {
    const limit = q.limit ?? 50;
    const page = await this.messages.page(auth.user, id, limit, q.cursor ? decodeTimeIdCursor(q.cursor) : null);
    const last = page.messages.at(-1);
    return {
      items: page.messages.map((m) => toMessageResponse(id, m)),
      nextCursor: page.hasMore && last ? encodeTimeIdCursor(last.createdAtKey, last.id) : null,
      side: page.side,
      unread: page.unread,
      writeRefusal: page.writeRefusal,
    };
  }

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Écrire sur le fil du dossier (JSON, ou multipart/form-data avec une pièce jointe « file »)',
    description:
      "Le service instructeur (instructeur affecté, gestionnaire, administrateur) écrit avec un objet ; le porteur répond une fois que le service instructeur a écrit, l'objet reprenant celui du fil.",
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  // JSON `{ subject, body }`, or the same fields in multipart/form-data with `file`.
  @ApiBody({
    schema: {
      type: 'object',
      required: ['body'],
      properties: {
        subject: { type: 'string', maxLength: SUBJECT_MAX },
        body: { type: 'string', minLength: 1, maxLength: BODY_MAX },
        file: {
          type: 'string',
          format: 'binary',
          description: 'En multipart/form-data seulement : une pièce jointe facultative (PDF, PNG, JPEG, DOCX, XLSX, ODT ou ODS)',
        },
      },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Facultatif : une nouvelle tentative avec la même clé reçoit la première réponse' })
  @ApiCreatedResponse({ type: MessageResponse, description: 'Le message envoyé, avec son éventuelle pièce jointe' })
  async send(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Body() raw: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Access and the right to write are checked before a byte of an attachment is read.
    await this.messages.writer(auth.user, id);
    const { input, attachment } = req.isMultipart() ? await this.messages.receive(req) : { input: await jsonInput(raw), attachment: null };
    const key = rawKey === undefined ? null : requireIdempotencyKey(rawKey);
    const send = (finish?: (em: EntityManager, m: ThreadMessage) => Promise<void>) => this.messages.send(auth.user, actor, id, input, attachment, finish);
    if (!key) return sendCreated(reply, JSON.stringify(toMessageResponse(id, await send())), false);

    const hash = idempotencyRequestHash({ id, ...input, file: attachment ? { name: attachment.originalName, sha256: attachment.upload.sha256 } : null });
    const claimed = await this.idempotency.claim(`${auth.user.id}:messages.send`, key, hash).catch(async (e: unknown) => {
      await this.messages.discard(attachment);
      throw e;
    });
    if (claimed.kind === 'replay') {
      await this.messages.discard(attachment);
      return sendCreated(reply, claimed.body, true);
    }
    let body = '';
    try {
      await send(async (em, m) => {
        body = await this.idempotency.complete(em, claimed.claim, 201, toMessageResponse(id, m));
      });
    } catch (e) {
      await this.idempotency.release(claimed.claim).catch(() => undefined);
      throw e;
    }
    sendCreated(reply, body, false);
  }

  @Post('read')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Marquer le fil du dossier comme lu (et ses messages dans la boîte de réception)' })
  @ApiNoContentResponse({ description: 'Fil marqué lu : le compteur de messages non lus de ce dossier revient à zéro' })
  async markRead(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.messages.markRead(auth.user, id);
  }

  @Get('files/:fileId/content')
  @Authenticated()
  @ApiOperation({ summary: "Télécharger la pièce jointe d'un message du fil" })
  @ApiFileResponse({ description: 'Le fichier, en pièce jointe (Content-Disposition), avec son empreinte (Repr-Digest)', mediaTypes: UPLOAD_MEDIA_TYPES })
  async file(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.messages.openFile(auth.user, id, fileId);
    sendUpload(reply, file, stream);
  }
}

/** A JSON message: unknown fields and non-text values are refused (400), lengths are the message rules' (docs/api.md). */
async function jsonInput(raw: unknown): Promise<MessageInput> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new DomainError('VALIDATION_FAILED', 'Le message est attendu en JSON : { "subject", "body" }.', {
      errors: [{ path: 'body', code: 'REQUIRED', message: 'Saisissez le texte du message.' }],
    });
  const { value, errors } = await validateForm(SendMessageDto, raw);
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Le message ne peut pas être envoyé.', { errors });
  return { subject: value.subject ?? '', body: value.body };
}

function sendCreated(reply: FastifyReply, body: string, replayed: boolean): void {
  if (replayed) void reply.header('Idempotent-Replayed', 'true');
  void reply.status(201).type('application/json; charset=utf-8').send(body);
}

export function toMessageResponse(applicationId: string, m: ThreadMessage): MessageResponse {
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    body: m.body,
    authorSide: m.authorSide,
    authorName: m.authorName,
    createdAt: new Date(m.createdAt).toISOString(),
    files: m.files.map((f) => ({
      id: f.id,
      originalName: f.originalName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      contentUrl: `/api/v1/applications/${applicationId}/messages/files/${f.id}/content`,
    })),
  };
}
