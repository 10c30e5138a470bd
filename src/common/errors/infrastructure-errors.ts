import type { ErrorCode } from './error-codes';

export interface Unavailable {
  code: Extract<ErrorCode, 'DATABASE_UNAVAILABLE' | 'DATABASE_TIMEOUT' | 'STORAGE_UNAVAILABLE' | 'ANTIVIRUS_UNAVAILABLE' | 'SERVICE_UNAVAILABLE'>;
  detail: string;
  /** Seconds for Retry-After (503 only). */
  retryAfterSeconds?: number;
}

/** SQLSTATEs of a database that is away, restarting, full of connections, or of a transaction to simply run again. */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '53400', '40001', '40P01', '08000', '08001', '08003', '08004', '08006', '08007', '08P01']);
/** Statement timeout, lock timeout, idle-in-transaction timeout. */
const PG_TIMEOUT = new Set(['57014', '55P03', '25P03']);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** A files directory that cannot be written (permissions, read-only, full, failing disk). */
const FS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'EMFILE', 'ENFILE', 'EBUSY', 'ENOTDIR']);
const PG_CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*(closed|ended)/i,
  /Client has encountered a connection error/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** A storage operation that failed for a reason outside the request (file vanished, directory unusable, S3 away). */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

type Errorish = { code?: unknown; syscall?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; name?: unknown; $metadata?: unknown };

/**
 * Recognises failures of a dependency, as opposed to bugs: they answer 503 with Retry-After (the dependency is away or
 * busy) or 504 (it did not answer in time), never 500. Pure: looks only at the error's code, syscall and message.
 */
export function classifyInfrastructureError(error: unknown, depth = 0): Unavailable | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  if (error instanceof StorageUnavailableError) {
    return { code: 'STORAGE_UNAVAILABLE', detail: 'Le stockage des fichiers est momentanément indisponible ; réessayez plus tard.', retryAfterSeconds: 30 };
  }
  if ((error as Errorish).name === 'ScannerUnavailableError') {
    return {
      code: 'ANTIVIRUS_UNAVAILABLE',
      detail: "L'analyse antivirus des fichiers est momentanément indisponible ; réessayez votre envoi dans quelques minutes.",
      retryAfterSeconds: 60,
    };
  }
  if ((error as Errorish).name === 'StoredObjectMissingError') {
    return {
      code: 'STORAGE_UNAVAILABLE',
      detail: 'Le fichier est momentanément introuvable dans le stockage ; réessayez plus tard ou prévenez le support.',
      retryAfterSeconds: 60,
    };
  }
  const e = error as Errorish;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_TIMEOUT.has(code)) return { code: 'DATABASE_TIMEOUT', detail: 'Le traitement a dépassé le délai autorisé ; réessayez dans un instant.' };
  if (PG_UNAVAILABLE.has(code) || (!code && PG_CONNECTION_MESSAGES.some((r) => r.test(message)))) {
    return { code: 'DATABASE_UNAVAILABLE', detail: 'La base de données est momentanément indisponible ; réessayez dans un instant.', retryAfterSeconds: 5 };
  }
  if (FS_CODES.has(code) && typeof e.syscall === 'string') {
    return { code: 'STORAGE_UNAVAILABLE', detail: 'Le stockage des fichiers est momentanément indisponible ; réessayez plus tard.', retryAfterSeconds: 30 };
  }
  if (e.$metadata && typeof e.$metadata === 'object') {
    const status = (e.$metadata as { httpStatusCode?: number }).httpStatusCode;
    if (!status || status >= 500)
      return { code: 'STORAGE_UNAVAILABLE', detail: 'Le stockage des fichiers est momentanément indisponible ; réessayez plus tard.', retryAfterSeconds: 30 };
  }
  if (NET_CODES.has(code))
    return { code: 'SERVICE_UNAVAILABLE', detail: 'Un service nécessaire est momentanément indisponible ; réessayez dans un instant.', retryAfterSeconds: 5 };
  return classifyInfrastructureError(e.driverError, depth + 1) ?? classifyInfrastructureError(e.cause, depth + 1);
}
