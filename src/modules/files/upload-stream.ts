import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DomainError } from '../../common/errors/domain-error';

export interface StreamedUpload {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for type detection. */
  head: Buffer;
}

export function tooLarge(maxBytes: number): DomainError {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new DomainError('PAYLOAD_TOO_LARGE', `Le fichier dépasse la taille maximale autorisée (${mb > 0 ? `${mb} Mo` : `${maxBytes} octets`}).`);
}

/**
 * Streams an upload to `tempPath`, hashing it (SHA-256) and keeping its first `headBytes` on the way, and stops as
 * soon as it exceeds `maxBytes` (busboy's `limit` event or our own count): the caller answers 413 at once while the
 * rest of the request is drained and dropped, never written. On any failure the temporary file is removed.
 */
export function streamToTempFile(source: Readable, tempPath: string, opts: { maxBytes: number; headBytes: number }): Promise<StreamedUpload> {
  return new Promise<StreamedUpload>((resolve, reject) => {
    const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let settled = false;

    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      source.removeListener('data', onData);
      source.resume(); // keep draining so the client can finish sending and read our answer
      out.destroy();
      // A cleanup that fails too (directory gone or unwritable) must not become an unhandled rejection: the sweep of
      // orphan temporary files removes what is left; the caller gets the first error.
      rm(tempPath, { force: true })
        .catch(() => undefined)
        .then(
          () => reject(error),
          () => reject(error),
        );
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > opts.maxBytes) return fail(tooLarge(opts.maxBytes));
      hash.update(chunk);
      if (headLength < opts.headBytes) {
        const part = chunk.subarray(0, opts.headBytes - headLength);
        headChunks.push(part);
        headLength += part.length;
      }
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => !settled && source.resume());
      }
    };

    source.on('data', onData);
    source.once('limit', () => fail(tooLarge(opts.maxBytes)));
    source.on('error', fail);
    out.on('error', fail);
    source.once('end', () => {
      if (settled) return;
      if ((source as Readable & { truncated?: boolean }).truncated) return fail(tooLarge(opts.maxBytes));
      out.end((error?: Error | null) => {
        if (settled) return;
        // The temporary file must hold every byte: a file that was never opened or written is an error here, not at
        // the later rename.
        if (error) return fail(error);
        if (out.bytesWritten !== size)
          return fail(Object.assign(new Error(`temporary file incomplete (${out.bytesWritten} of ${size} bytes)`), { code: 'EIO', syscall: 'write' }));
        settled = true;
        resolve({ tempPath, sizeBytes: size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) });
      });
    });
  });
}
