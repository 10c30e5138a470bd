import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../../common/errors/domain-error';
import { StorageUnavailableError } from '../../common/errors/infrastructure-errors';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Antivirus, type ScanStatus } from './antivirus/antivirus.service';
import { ScannerUnavailableError } from './antivirus/clamd-client';
import { DETECTION_HEAD_BYTES } from './domain/detect-file-type';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage';
import { StreamedUpload, streamToTempFile } from './upload-stream';

/** An upload kept in the object storage, with what the scan found. */
export interface CommittedUpload {
  storageKey: string;
  scanStatus: ScanStatus;
}

/**
 * Uploaded documents. Names are generated here (ASVS 5.3.2), never taken from the client. Bytes land in a local
 * temporary file (size limit, SHA-256 and head captured on the way), are scanned, and only a file the antivirus
 * accepted goes to the object storage (local directory or S3, `ObjectStorage`): a stored key always points at a
 * complete, scanned (or explicitly "not scanned") file.
 */
@Injectable()
export class FileStorage {
  private readonly logger = new Logger(FileStorage.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly antivirus: Antivirus,
  ) {}

  get maxUploadBytes(): number {
    return this.config.files.maxUploadBytes;
  }

  /** Streams an upload to a temporary file (size limit, SHA-256 and head captured on the way). */
  async receive(source: Readable): Promise<StreamedUpload> {
    const dir = join(this.config.files.dir, 'uploads', '.tmp');
    await mkdir(dir, { recursive: true });
    return streamToTempFile(source, join(dir, `${randomUUID()}.part`), { maxBytes: this.maxUploadBytes, headBytes: DETECTION_HEAD_BYTES });
  }

  /**
   * Scans a received file and moves it to its final, server-generated key. An infected file is removed at once and
   * refused with 422 FILE_INFECTED: it is never stored, so it can never be downloaded.
   */
  async commit(upload: StreamedUpload, mediaType = 'application/octet-stream'): Promise<CommittedUpload> {
    const scan = await this.antivirus.scanFile(upload.tempPath).catch((e: unknown) => {
      // clamd's failure is its own 503; the received file unreadable is the storage's.
      throw e instanceof ScannerUnavailableError ? e : new StorageUnavailableError(e);
    });
    if (scan.status === 'INFECTED') {
      await this.discard(upload);
      this.logger.warn(`upload refused: virus ${scan.signature} found (sha256 ${upload.sha256})`);
      throw new DomainError(
        'FILE_INFECTED',
        'Ce fichier contient un virus ou un code malveillant : il a été refusé et supprimé. Analysez votre poste et envoyez une copie saine du document.',
        {
          errors: [{ path: 'file', code: 'FILE_INFECTED', message: 'Fichier refusé par l’antivirus.' }],
        },
      );
    }
    const id = randomUUID();
    const key = `uploads/${id.slice(0, 2)}/${id}`;
    try {
      await this.objects.putFile(key, upload.tempPath, { contentType: mediaType });
    } catch (e) {
      throw new StorageUnavailableError(e); // the received file is gone or the store unwritable: not the client's fault
    }
    return { storageKey: key, scanStatus: scan.status };
  }

  /** Never throws: it runs on error paths, and what it cannot remove the scheduled sweep of temporary files will. */
  async discard(upload: StreamedUpload): Promise<void> {
    await rm(upload.tempPath, { force: true }).catch((e: Error) => this.logger.warn(`temporary upload not removed: ${e.message}`));
  }

  async remove(key: string): Promise<void> {
    await this.objects.delete(key).catch((e: Error) => this.logger.warn(`stored file ${key} not removed: ${e.message}`));
  }

  /** A read stream of a stored file; a missing file fails here, not half-way through the answer. */
  open(key: string): Promise<Readable> {
    return this.objects.get(key);
  }
}
