import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { StorageUnavailableError } from '../../common/errors/infrastructure-errors';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DETECTION_HEAD_BYTES } from './domain/detect-file-type';
import { StreamedUpload, streamToTempFile } from './upload-stream';

const STORAGE_KEY = /^uploads\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/**
 * Local storage of uploaded documents under `config.files.dir/uploads`. Names are generated here (ASVS 5.3.2), never
 * taken from the client. Bytes land in a temporary file and are renamed into place in one step, so a stored key always
 * points at a complete file. An S3-compatible store would replace this class (docs/decisions/0004-embedded-default.md).
 */
@Injectable()
export class FileStorage {
  private readonly logger = new Logger(FileStorage.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get maxUploadBytes(): number {
    return this.config.files.maxUploadBytes;
  }

  /** Streams an upload to a temporary file (size limit, SHA-256 and head captured on the way). */
  async receive(source: Readable): Promise<StreamedUpload> {
    const dir = join(this.config.files.dir, 'uploads', '.tmp');
    await mkdir(dir, { recursive: true });
    return streamToTempFile(source, join(dir, `${randomUUID()}.part`), { maxBytes: this.maxUploadBytes, headBytes: DETECTION_HEAD_BYTES });
  }

  /** Moves a received file to its final, server-generated name; returns the storage key. */
  async commit(upload: StreamedUpload): Promise<string> {
    const id = randomUUID();
    const key = `uploads/${id.slice(0, 2)}/${id}`;
    try {
      await mkdir(join(this.config.files.dir, 'uploads', id.slice(0, 2)), { recursive: true });
      await rename(upload.tempPath, this.pathOf(key));
    } catch (e) {
      throw new StorageUnavailableError(e); // the received file is gone or its place unwritable: not the client's fault
    }
    return key;
  }

  /** Never throws: it runs on error paths, and what it cannot remove the scheduled sweep of temporary files will. */
  async discard(upload: StreamedUpload): Promise<void> {
    await rm(upload.tempPath, { force: true }).catch((e: Error) => this.logger.warn(`temporary upload not removed: ${e.message}`));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true }).catch((e: Error) => this.logger.warn(`stored file ${key} not removed: ${e.message}`));
  }

  /** A read stream of a stored file; a missing file fails here (a clean 500), not half-way through the answer. */
  async open(key: string): Promise<ReadStream> {
    const path = this.pathOf(key);
    await access(path);
    return createReadStream(path);
  }

  private pathOf(key: string): string {
    if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
    return join(this.config.files.dir, key);
  }
}
