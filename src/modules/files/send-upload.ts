import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { attachmentDisposition } from './domain/content-disposition';
import { ALLOWED_FILE_TYPES } from './domain/detect-file-type';

/**
 * A file someone uploaded, sent back as a download: never rendered inline nor sniffed, sandboxed, named after the
 * original (with the extension of its checked type as fallback), with its digest when the caller has it.
 */
export function sendUpload(reply: FastifyReply, file: { originalName: string; mediaType: string; sizeBytes: number; sha256?: string }, stream: Readable): void {
  const extension = Object.values(ALLOWED_FILE_TYPES).find((t) => t.mediaType === file.mediaType)?.extensions[0] ?? 'bin';
  void reply
    .header('Content-Type', file.mediaType)
    .header('Content-Length', String(file.sizeBytes))
    .header('Content-Disposition', attachmentDisposition(file.originalName, extension))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox");
  if (file.sha256) void reply.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  void reply.send(stream);
}
