import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { FileStorage } from '../../files/file-storage.service';
import { errorsByPath, FORM_REFUSED } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { ACCEPTED_TYPES_TEXT, ApplicationDocumentsUseCase } from '../application-documents.use-case';
import { ApplicationViews, type ApplicationView } from '../application-view.service';
import { SubmitApplicationUseCase } from '../submit-application.use-case';
import { dossierModel } from '../../web/dossier-model';
import { HTML, pageContext } from './page-context';
import type { Form } from '../../web/section-forms';
import { frenchSize } from '../../../common/fr';

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** Documents of a draft (upload, list with SHA-256, delete) and the submission page. */
@ApiExcludeController()
@Controller('dossiers/:id')
@Roles('APPLICANT')
export class ApplicationSubmissionPagesController {
  constructor(
    private readonly applications: ApplicationViews,
    private readonly documents: ApplicationDocumentsUseCase,
    private readonly storage: FileStorage,
    private readonly submitting: SubmitApplicationUseCase,
    private readonly views: ViewsService,
  ) {}

  @Get('pieces')
  @Header('Content-Type', HTML)
  documentsPage(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('ajoute') added?: string,
    @Query('supprime') removed?: string,
  ): Promise<string> {
    return this.renderDocuments(auth, id, { added: added === '1', removed: removed === '1' });
  }

  /** Multipart: the CSRF token is the first field (read by the multipart hook), then the type, then the file. */
  @Post('pieces')
  async upload(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.documents.upload(auth.user, actor, id, req);
    } catch (e) {
      if (
        !(e instanceof DomainError) ||
        !['VALIDATION_FAILED', 'UNSUPPORTED_FILE_TYPE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'MALFORMED_REQUEST'].includes(e.code)
      )
        throw e;
      const errors: FieldError[] = e.details.errors?.length ? e.details.errors : [{ path: 'file', code: e.code, message: e.message }];
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.renderDocuments(auth, id, { errors }));
    }
    void reply.redirect(`/dossiers/${id}/pieces?ajoute=1`, 303);
  }

  @Post('pieces/:docId/supprimer')
  async remove(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.documents.remove(auth.user, actor, id, docId);
    void reply.redirect(`/dossiers/${id}/pieces?supprime=1`, 303);
  }

  @Get('deposer')
  @Header('Content-Type', HTML)
  submitPage(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.renderSubmit(auth, id, {});
  }

  /** The hidden key was generated with the page: a double click posts it twice, and the dossier is submitted once. */
  @Post('deposer')
  async submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = one(body?.idempotencyKey);
    const version = one(body?.version);
    if (one(body?.attestation) !== 'true') {
      const errors = [{ path: 'attestation', code: 'REQUIRED', message: "Cochez l'attestation sur l'honneur pour déposer le dossier." }];
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.renderSubmit(auth, id, { errors, key }));
    }
    try {
      await this.submitting.submit(auth.user, actor, id, { attestation: true, expectedVersion: /^\d{1,9}$/.test(version) ? Number(version) : undefined }, key);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'IDEMPOTENCY_KEY_IN_USE' || e.code === 'INVALID_STATUS_TRANSITION') return void reply.redirect(`/dossiers/${id}`, 303);
      if (e.code === 'APPLICATION_INCOMPLETE')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.renderSubmit(auth, id, { errors: e.details.errors ?? [] }));
      if (e.code === 'PRECONDITION_FAILED')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.renderSubmit(auth, id, { conflict: true }));
      throw e;
    }
    void reply.redirect(`/dossiers/${id}?depose=1`, 303);
  }

  private async renderDocuments(auth: AuthContext, id: string, opts: { errors?: FieldError[]; added?: boolean; removed?: boolean }): Promise<string> {
    const view = await this.applications.get(auth.user, id);
    const present = new Set(view.documents.map((d) => d.documentType));
    const documentTypes = view.call.documentTypes.map((t) => ({
      value: t.code,
      text: t.label + (t.required ? ' (obligatoire)' : ''),
      required: t.required,
      present: present.has(t.code),
      label: t.label,
    }));
    const reopened = reopenedDocumentTypes(view);
    return this.views.render('applications/documents.njk', {
      ...pageContext(auth),
      d: dossierModel(view, 'documents'),
      errors: opts.errors ?? [],
      added: opts.added ?? false,
      removed: opts.removed ?? false,
      documentTypes,
      // Only the types the server accepts now: while answering a request for complements, the reopened ones.
      uploadTypes: reopened ? documentTypes.filter((t) => reopened.has(t.value)) : documentTypes,
      reopenedTypes: reopened ? [...reopened] : null,
      acceptedTypes: ACCEPTED_TYPES_TEXT,
      maxSizeText: frenchSize(this.storage.maxUploadBytes),
    });
  }

  private async renderSubmit(auth: AuthContext, id: string, opts: { errors?: FieldError[]; conflict?: boolean; key?: string }): Promise<string> {
    const view = await this.applications.get(auth.user, id);
    return this.views.render('applications/submit.njk', {
      ...pageContext(auth),
      d: dossierModel(view, 'submit'),
      errors: opts.errors ?? [],
      fieldErrors: errorsByPath(opts.errors ?? []),
      conflict: opts.conflict ?? false,
      idempotencyKey: opts.key && /^[0-9a-f-]{36}$/.test(opts.key) ? opts.key : randomUUID(),
    });
  }
}

/**
 * While a request for complements is open, the document types it reopens (docs/domain/admissibility.md): `null`
 * when every type may change (a draft, or a DOCUMENTS complement naming no type).
 */
function reopenedDocumentTypes(view: ApplicationView): Set<string> | null {
  const request = view.status === 'INCOMPLETE' && view.complementRequest?.open ? view.complementRequest : null;
  if (!request) return null;
  const documents = request.complements.filter((c) => c.section === 'DOCUMENTS');
  if (documents.some((c) => !c.documentType)) return null;
  return new Set(documents.map((c) => c.documentType!));
}
