import { Injectable } from '@nestjs/common';
import { checkFileName } from '../files/domain/upload-bounds';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { ACCEPTED_TYPES_TEXT } from '../applications/application-documents.use-case';
import { sanitizeFileName } from '../files/domain/content-disposition';
import { detectFileType, extensionMatches } from '../files/domain/detect-file-type';
import { FileStorage } from '../files/file-storage.service';
import { receiveRequiredFile } from '../files/receive-one-file';
import { tooLarge } from '../files/upload-stream';
import { ExecutionReportsRepository } from './execution-reports.repository';
import { ReportAccess } from './report-access';

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const lineNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette ligne de dépense n'existe pas.");

/**
 * Supporting files of expenditure lines, with the same checks as the dossier's documents: access before a byte is
 * read, streamed under the size limit and hashed (SHA-256), type from the magic bytes, server-generated name.
 */
@Injectable()
export class ExpenditureFilesUseCase {
  constructor(
    private readonly access: ReportAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly reports: ExecutionReportsRepository,
    private readonly storage: FileStorage,
  ) {}

  async upload(
    user: AuthUser,
    actor: Actor,
    reportId: string,
    lineId: string,
    req: FastifyRequest,
  ): Promise<{ id: string; sha256: string; sizeBytes: number; mediaType: string }> {
    await this.access.forEdit(user, reportId);
    if (!(await this.reports.lineExists(this.dataSource, reportId, lineId))) throw lineNotFound();
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data (champ « file »).');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.storage.maxUploadBytes);
    const { upload, originalName } = await receiveRequiredFile(req, this.storage);
    try {
      checkFileName(originalName);
      if (upload.sizeBytes === 0)
        throw new DomainError('VALIDATION_FAILED', 'Le fichier est vide.', { errors: [{ path: 'file', code: 'EMPTY_FILE', message: 'Le fichier est vide.' }] });
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
          await this.access.forEdit(user, reportId, em);
          if (!(await this.reports.lineExists(em, reportId, lineId))) throw lineNotFound();
          const file = {
            lineId,
            originalName: sanitizeFileName(originalName, detected.extension),
            storageKey,
            mediaType: detected.mediaType,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            uploadedBy: user.id,
            scanStatus,
          };
          const id = await this.reports.insertFile(em, file);
          await this.reports.bump(em, reportId);
          await this.audit.record(em, actor, {
            action: 'execution_report.file_uploaded',
            subjectType: 'execution_report',
            subjectId: reportId,
            after: { lineId, fileId: id, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
          });
          return { id, sha256: file.sha256, sizeBytes: file.sizeBytes, mediaType: file.mediaType };
        });
      } catch (e) {
        await this.storage.remove(storageKey);
        throw e;
      }
    } finally {
      await this.storage.discard(upload);
    }
  }

  async open(
    user: AuthUser,
    reportId: string,
    lineId: string,
    fileId: string,
  ): Promise<{ file: { originalName: string; mediaType: string; sizeBytes: number }; stream: Readable }> {
    await this.access.forRead(user, reportId);
    const file = await this.reports.file(reportId, lineId, fileId);
    if (!file) throw new DomainError('NOT_FOUND', "Ce fichier n'existe pas.");
    return { file, stream: await this.storage.open(file.storageKey) };
  }
}
