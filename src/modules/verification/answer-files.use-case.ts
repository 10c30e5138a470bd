import { Injectable } from '@nestjs/common';
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
import { VerificationAccess } from './verification-access';
import { VerificationRepository } from './verification.repository';

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Files the beneficiary joins to its contradictory answer, with the checks of every upload (access before a byte is
 * read, size while streaming, SHA-256, type by magic bytes, server-generated storage name).
 */
@Injectable()
export class AnswerFilesUseCase {
  constructor(
    private readonly access: VerificationAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly verifications: VerificationRepository,
  ) {}

  private async assertOpen(user: AuthUser, id: string, em?: Parameters<VerificationAccess['forMember']>[2]) {
    const { v } = await this.access.forMember(user, id, em);
    if (v.status !== 'CONTRADICTORY' || v.contradictoryAnsweredAt)
      throw new DomainError('VERIFICATION_STATE', 'Cette vérification n’attend pas de réponse de votre part.');
  }

  async upload(user: AuthUser, actor: Actor, id: string, req: FastifyRequest): Promise<{ id: string; sha256: string; sizeBytes: number; mediaType: string }> {
    await this.assertOpen(user, id);
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data (champ « file »).');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.storage.maxUploadBytes);
    const { upload, originalName } = await receiveRequiredFile(req, this.storage);
    try {
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
          await this.assertOpen(user, id, em);
          const file = {
            verificationId: id,
            originalName: sanitizeFileName(originalName, detected.extension),
            storageKey,
            mediaType: detected.mediaType,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            uploadedBy: user.id,
            scanStatus,
          };
          const fileId = await this.verifications.insertAnswerFile(em, file);
          await em.query(`UPDATE verification SET version = version + 1 WHERE id = $1`, [id]);
          await this.audit.record(em, actor, {
            action: 'verification.answer_file_uploaded',
            subjectType: 'verification',
            subjectId: id,
            after: { fileId, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
          });
          return { id: fileId, sha256: file.sha256, sizeBytes: file.sizeBytes, mediaType: file.mediaType };
        });
      } catch (e) {
        await this.storage.remove(storageKey);
        throw e;
      }
    } finally {
      await this.storage.discard(upload);
    }
  }

  async open(user: AuthUser, id: string, fileId: string): Promise<{ file: { originalName: string; mediaType: string; sizeBytes: number }; stream: Readable }> {
    await this.access.forRead(user, id);
    const file = await this.verifications.answerFile(id, fileId);
    if (!file) throw new DomainError('NOT_FOUND', "Ce fichier n'existe pas.");
    return { file, stream: await this.storage.open(file.storageKey) };
  }
}
