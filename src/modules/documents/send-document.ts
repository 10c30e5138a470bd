import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { GeneratedDocumentRow } from './documents.repository';

/** A generated PDF as a download: never rendered inline, never sniffed, with its digest for the client to check. */
export function sendDocument(reply: FastifyReply, file: { doc: GeneratedDocumentRow; disposition: string; stream: Readable }): void {
  void reply
    .header('Content-Type', file.doc.mediaType)
    .header('Content-Length', String(file.doc.sizeBytes))
    .header('Content-Disposition', file.disposition)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .header('Repr-Digest', `sha-256=:${Buffer.from(file.doc.sha256!, 'hex').toString('base64')}:`)
    .send(file.stream);
}
