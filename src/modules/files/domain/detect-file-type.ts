import { fileTypeFromBuffer } from 'file-type';

/** The document types an applicant may upload (docs/security.md, ASVS 5.1.1): media type, extensions, French label. */
export const ALLOWED_FILE_TYPES = {
  PDF: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  PNG: { mediaType: 'image/png', extensions: ['png'], label: 'image PNG' },
  JPEG: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'image JPEG' },
  DOCX: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'document Word (DOCX)' },
  XLSX: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'classeur Excel (XLSX)' },
  ODT: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'texte OpenDocument (ODT)' },
  ODS: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'classeur OpenDocument (ODS)' },
} as const;

export type FileKind = keyof typeof ALLOWED_FILE_TYPES;

export interface DetectedFileType {
  kind: FileKind;
  mediaType: string;
  /** The canonical extension, used when a download name lacks one. */
  extension: string;
}

/** How many leading bytes the detection needs: enough for the first entries of an office archive. */
export const DETECTION_HEAD_BYTES = 64 * 1024;

const KIND_BY_MEDIA_TYPE = new Map<string, FileKind>(Object.entries(ALLOWED_FILE_TYPES).map(([kind, t]) => [t.mediaType, kind as FileKind]));

/** The ZIP entry that holds VBA macros; its name is stored in clear in the archive's local headers. */
const VBA_PROJECT = Buffer.from('vbaProject.bin', 'latin1');

/**
 * Recognises an allowed type from the first bytes of a file (magic bytes, with the `file-type` package), never from its
 * name or the Content-Type the client sent. Our allowlist sits around it: anything `file-type` names outside
 * {@link ALLOWED_FILE_TYPES} (a plain ZIP, a macro-enabled `docm`/`xlsm`, an executable) is refused, and so is an
 * office archive that carries a `vbaProject.bin` part whatever its declared content type. Returns null when the bytes
 * are not one of the allowed types.
 */
export async function detectFileType(head: Uint8Array): Promise<DetectedFileType | null> {
  const found = await fileTypeFromBuffer(head);
  const kind = found ? KIND_BY_MEDIA_TYPE.get(found.mime) : undefined;
  if (!kind) return null;
  if (isOfficeArchive(kind) && Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(VBA_PROJECT)) return null;
  const t = ALLOWED_FILE_TYPES[kind];
  return { kind, mediaType: t.mediaType, extension: t.extensions[0] };
}

/** `true` when the name has no extension, or one that belongs to the detected type (ASVS 5.2.2). */
export function extensionMatches(originalName: string, detected: DetectedFileType): boolean {
  const dot = originalName.lastIndexOf('.');
  if (dot <= 0 || dot === originalName.length - 1) return true;
  const ext = originalName.slice(dot + 1).toLowerCase();
  return (ALLOWED_FILE_TYPES[detected.kind].extensions as readonly string[]).includes(ext);
}

const isOfficeArchive = (kind: FileKind): boolean => kind === 'DOCX' || kind === 'XLSX' || kind === 'ODT' || kind === 'ODS';
