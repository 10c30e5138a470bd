import type { AppConfig } from '../../../config/config';
import { LocalObjectStorage } from './local-object-storage';
import type { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** The driver STORAGE_DRIVER names: `local` (under FILES_DIR, the default) or `s3` (S3_* variables). */
export function createObjectStorage(config: AppConfig): ObjectStorage {
  const s3 = config.files.s3;
  if (config.files.driver === 's3' && s3) return new S3ObjectStorage(s3);
  return new LocalObjectStorage(config.files.dir);
}
