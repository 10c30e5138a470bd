import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { sanitizeFileName } from '../files/domain/content-disposition';
import { checkDocumentCount, checkFileName } from '../files/domain/upload-bounds';
import { ALLOWED_FILE_TYPES, detectFileType, extensionMatches } from '../files/domain/detect-file-type';
import { FileStorage } from '../files/file-storage.service';
import { classifyInfrastructureError } from '../../common/errors/infrastructure-errors';
import { multipartReader } from '../files/multipart';
import { tooLarge, type StreamedUpload } from '../files/upload-stream';
import { ApplicationAccess, notFound } from './application-access.service';
import { ApplicationDocumentsRepository } from './application-documents.repository';
import type { DocumentRow } from './application-rows';
import { OTHER_DOCUMENT_TYPE } from './domain/labels';
import { ApplicationsRepository } from './applications.repository';

/** Room for the multipart boundaries and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export const ACCEPTED_TYPES_TEXT = Object.values(ALLOWED_FILE_TYPES)
  .map((t) => t.label)
  .join(', ');

/**
 * Documents of a draft (docs/security.md, ASVS V5): access is checked before a byte is read; the upload streams to a
 * temporary file under the size limit, hashed on the way; its type comes from its magic bytes; it is renamed to a
 * server-generated name, and only then is the row written, with the audit, in one transaction.
 */
@Injectable()
export class ApplicationDocumentsUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly documents: ApplicationDocumentsRepository,
    private readonly storage: FileStorage,
  ) {}

  async upload(user: AuthUser, actor: Actor, id: string, req: FastifyRequest): Promise<DocumentRow> {
    const row = await this.access.forEdit(user, id, undefined, false, { section: 'DOCUMENTS' });
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data (champs « documentType » et « file »).');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.storage.maxUploadBytes);
    // Early answer before a byte is stored; the count is checked again under the dossier's lock below.
    checkDocumentCount(await this.documents.countActive(id));

    const { documentType, upload, originalName } = await this.receive(req);
    try {
      checkFileName(originalName);
      const call = (await this.applications.findCall(row.callId))!;
      const allowedTypes = [...call.requiredDocumentTypes, OTHER_DOCUMENT_TYPE];
      if (!documentType || !allowedTypes.includes(documentType)) {
        throw new DomainError('VALIDATION_FAILED', 'Choisissez le type de la pièce.', {
          errors: [{ path: 'documentType', code: 'NOT_ALLOWED_VALUE', message: `Type de pièce attendu : ${allowedTypes.join(', ')}.` }],
        });
      }
      if (upload.sizeBytes === 0) {
        throw new DomainError('VALIDATION_FAILED', 'Le fichier est vide.', { errors: [{ path: 'file', code: 'EMPTY_FILE', message: 'Le fichier est vide.' }] });
      }
      const detected = await detectFileType(upload.head);
      if (!detected || !extensionMatches(originalName, detected)) {
        throw new DomainError(
          'UNSUPPORTED_FILE_TYPE',
          `Ce fichier n'est pas d'un type accepté (${ACCEPTED_TYPES_TEXT}) ou son extension ne correspond pas à son contenu.`,
        );
      }
      const { storageKey, scanStatus } = await this.storage.commit(upload, detected.mediaType);
      try {
        return await this.dataSource.transaction(async (em) => {
          await this.access.forEdit(user, id, em, true, { section: 'DOCUMENTS', documentType });
          checkDocumentCount(await this.documents.countActive(id, em));
          const doc = {
            applicationId: id,
            documentType,
            originalName: sanitizeFileName(originalName, detected.extension),
            storageKey,
            mediaType: detected.mediaType,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            uploadedBy: user.id,
            scanStatus,
          };
          const docId = await this.documents.insert(em, doc);
          const version = await this.applications.bumpVersion(em, id);
          await this.audit.record(em, actor, {
            action: 'application.document.uploaded',
            subjectType: 'application',
            subjectId: id,
            after: { documentId: docId, documentType, mediaType: doc.mediaType, sizeBytes: doc.sizeBytes, sha256: doc.sha256, version },
          });
          return (await this.documents.findActive(id, docId, em))!;
        });
      } catch (e) {
        await this.storage.remove(storageKey);
        throw e;
      }
    } finally {
      await this.storage.discard(upload); // no-op once renamed
    }
  }

  async remove(user: AuthUser, actor: Actor, id: string, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.access.forEdit(user, id, em, true, { section: 'DOCUMENTS' });
      const doc = await this.documents.findActive(id, documentId, em);
      if (!doc) throw notFound();
      await this.access.forEdit(user, id, em, false, { section: 'DOCUMENTS', documentType: doc.documentType });
      if (!(await this.documents.softDelete(em, id, documentId, user.id))) throw notFound();
      const version = await this.applications.bumpVersion(em, id);
      await this.audit.record(em, actor, {
        action: 'application.document.deleted',
        subjectType: 'application',
        subjectId: id,
        before: { documentId, documentType: doc.documentType, sha256: doc.sha256 },
        after: { version },
      });
    });
  }

  /**
   * A document of a dossier the user may read, with a stream of its bytes. Each download of an applicant's upload is
   * audited like a report download (who read which piece, when), before the first byte leaves.
   */
  async open(user: AuthUser, actor: Actor, id: string, documentId: string): Promise<{ doc: DocumentRow; stream: Readable }> {
    await this.access.forRead(user, id);
    return this.openAuthorised(actor, id, documentId);
  }

  /**
   * A document for a reader another module has authorised: an evaluator of the dossier's panel, declared and clear of
   * conflict (evaluation/evaluation-access.ts). Audited like every download.
   */
  async openAuthorised(actor: Actor, id: string, documentId: string): Promise<{ doc: DocumentRow; stream: Readable }> {
    const doc = await this.documents.findActive(id, documentId);
    if (!doc) throw notFound();
    await this.dataSource.transaction((em) =>
      this.audit.record(em, actor, {
        action: 'application.document.downloaded',
        subjectType: 'application',
        subjectId: id,
        after: { documentId, sha256: doc.sha256 },
      }),
    );
    return { doc, stream: await this.storage.open(doc.storageKey) };
  }

  /** Reads the parts: the `documentType` field and one file, streamed to a temporary file as it arrives. */
  private async receive(req: FastifyRequest): Promise<{ documentType: string | null; upload: StreamedUpload; originalName: string }> {
    const reader = multipartReader(req);
    let documentType: string | null = null;
    let upload: StreamedUpload | null = null;
    let originalName = '';
    try {
      for (let part = await reader.next(); part; part = await reader.next()) {
        if (part.type === 'field') {
          if (part.fieldname === 'documentType' && typeof part.value === 'string') documentType = part.value.trim();
        } else if (upload) {
          part.file.resume();
        } else {
          originalName = part.filename ?? '';
          upload = await this.storage.receive(part.file);
        }
      }
    } catch (e) {
      if (upload) await this.storage.discard(upload);
      throw asUploadError(e, this.storage.maxUploadBytes);
    }
    if (!upload) {
      throw new DomainError('VALIDATION_FAILED', 'Choisissez un fichier à joindre.', {
        errors: [{ path: 'file', code: 'REQUIRED', message: 'Choisissez un fichier à joindre.' }],
      });
    }
    return { documentType, upload, originalName };
  }
}

function asUploadError(e: unknown, maxBytes: number): unknown {
  if (e instanceof DomainError) return e;
  if (classifyInfrastructureError(e)) return e; // the files directory, not the request: 503 (ProblemFilter)
  const status = (e as { statusCode?: number }).statusCode;
  if (status === 413)
    return (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
      ? tooLarge(maxBytes)
      : new DomainError('PAYLOAD_TOO_LARGE', 'Un seul fichier par envoi, avec au plus quelques champs.');
  return new DomainError('MALFORMED_REQUEST', "L'envoi du fichier a échoué (formulaire multipart invalide ou interrompu).");
}
