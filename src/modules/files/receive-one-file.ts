import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import type { FileStorage } from './file-storage.service';
import { multipartReader } from './multipart';
import type { StreamedUpload } from './upload-stream';

export interface ReceivedFile {
  /** The first file part, streamed to a temporary file (checked by the caller); null when the form had none. */
  upload: StreamedUpload | null;
  originalName: string;
  /** The text fields the caller asked for, each cut at `fieldMaxChars` characters (300 unless asked). */
  fields: Record<string, string>;
}

/**
 * One file and a few text fields from a multipart form: the first file is received, further files are drained, and a
 * broken or interrupted form is one 400 `MALFORMED_REQUEST` that leaves no temporary file behind.
 */
export async function receiveOneFile(
  req: FastifyRequest,
  storage: FileStorage,
  o: { fields?: readonly string[]; failure: string; fieldMaxChars?: number },
): Promise<ReceivedFile> {
  const reader = multipartReader(req);
  let upload: StreamedUpload | null = null;
  let originalName = '';
  const fields: Record<string, string> = {};
  try {
    for (let part = await reader.next(); part; part = await reader.next()) {
      if (part.type === 'file' && !upload) {
        originalName = part.filename ?? '';
        upload = await storage.receive(part.file);
      } else if (part.type === 'file') part.file.resume();
      else if (typeof part.value === 'string' && o.fields?.includes(part.fieldname)) {
        // A field longer than the multipart limit arrives cut: refused rather than stored half-written.
        if (part.valueTruncated)
          throw new DomainError('VALIDATION_FAILED', 'Ce texte est trop long.', {
            errors: [{ path: part.fieldname, code: 'TOO_LONG', message: 'Ce texte est trop long : raccourcissez-le.' }],
          });
        fields[part.fieldname] = part.value.slice(0, o.fieldMaxChars ?? 300);
      }
    }
  } catch (e) {
    if (upload) await storage.discard(upload);
    if (e instanceof DomainError) throw e;
    throw new DomainError('MALFORMED_REQUEST', o.failure);
  }
  return { upload, originalName, fields };
}

/** The same, when the file is required: a form without one is a 400 on the `file` field. */
export async function receiveRequiredFile(req: FastifyRequest, storage: FileStorage): Promise<{ upload: StreamedUpload; originalName: string }> {
  const { upload, originalName } = await receiveOneFile(req, storage, {
    failure: "L'envoi du fichier a échoué (formulaire multipart invalide ou interrompu).",
  });
  if (!upload)
    throw new DomainError('VALIDATION_FAILED', 'Choisissez un fichier à joindre.', {
      errors: [{ path: 'file', code: 'REQUIRED', message: 'Choisissez un fichier à joindre.' }],
    });
  return { upload, originalName };
}
