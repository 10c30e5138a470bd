import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploads, generated documents and exports live. The database holds the key and the digest; this
 * port holds the bytes. Two drivers: the local filesystem (the embedded default) and any S3-compatible store
 * (docs/architecture.md, "Stockage des fichiers"). Nothing here is reachable from outside: every download goes
 * through the api, which checks who may read what before it opens a stream.
 */
export interface ObjectStorage {
  readonly driver: 'local' | 's3';
  /** Writes a whole object; readers see either nothing or every byte (rename into place, or S3's atomic PUT). */
  put(key: string, body: Readable | Buffer, opts?: { contentType?: string }): Promise<void>;
  /** Stores a local file under `key`; the file is consumed (renamed or uploaded, then removed). */
  putFile(key: string, path: string, opts?: { contentType?: string }): Promise<void>;
  /** The object's bytes; `StoredObjectMissingError` when there is none (rejects before any byte is sent). */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing an absent object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Its size in bytes, or null when absent. */
  size(key: string): Promise<number | null>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Keys are built by the application (`uploads/ab/<uuid>`, `documents/<uuid>.pdf`, `reports/<uuid>.csv`), never taken from a client. */
const KEY = /^(?:[a-z0-9][a-z0-9_-]*\/){1,3}[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertStorageKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key`);
  return key;
}

/** The stored object a row points at is not there: data loss or a manual deletion, never the reader's fault. */
export class StoredObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`stored object missing: ${key}`);
    this.name = 'StoredObjectMissingError';
  }
}
