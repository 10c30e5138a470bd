import { DomainError } from '../../../common/errors/domain-error';

/**
 * Volume bounds of uploads (docs/security.md, docs/api.md): a file name longer than 255 characters (the common
 * file-system limit) is refused rather than silently cut, and a dossier holds at most 50 pieces at a time — the
 * calls ask for about ten, so 50 leaves room for complements while keeping a dossier reviewable.
 */
export const MAX_FILE_NAME_LENGTH = 255;
export const MAX_DOCUMENTS_PER_APPLICATION = 50;

export function checkFileName(originalName: string): void {
  if ([...originalName].length <= MAX_FILE_NAME_LENGTH) return;
  const message = `Le nom du fichier dépasse ${MAX_FILE_NAME_LENGTH} caractères : renommez-le avant de le joindre.`;
  throw new DomainError('VALIDATION_FAILED', message, { errors: [{ path: 'file', code: 'FILE_NAME_TOO_LONG', message }] });
}

export function checkDocumentCount(activeDocuments: number): void {
  if (activeDocuments < MAX_DOCUMENTS_PER_APPLICATION) return;
  const message = `Un dossier compte au plus ${MAX_DOCUMENTS_PER_APPLICATION} pièces : retirez une pièce devenue inutile avant d'en joindre une autre.`;
  throw new DomainError('FILE_LIMIT_REACHED', message, { errors: [{ path: 'file', code: 'FILE_LIMIT_REACHED', message }] });
}
