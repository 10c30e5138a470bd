import { inflateRawSync } from 'node:zlib';

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

const MAX_INFLATED_BYTES = 256 * 1024;

/**
 * Recognises an allowed type from the first bytes of a file (magic bytes), never from its name or the Content-Type
 * the client sent. Office documents are ZIP archives: ODF ones start with a stored `mimetype` entry naming their type;
 * OOXML ones carry `[Content_Types].xml` (its content, or the `word/` / `xl/` parts, tell DOCX from XLSX).
 * Macro-enabled OOXML (a `vbaProject.bin` part or a macroEnabled content type) is refused. Returns null when the
 * bytes are not one of {@link ALLOWED_FILE_TYPES}.
 */
export function detectFileType(head: Uint8Array): DetectedFileType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return result('PDF'); // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return result('PNG');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return result('JPEG');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return detectOfficeArchive(head);
  return null;
}

/** `true` when the name has no extension, or one that belongs to the detected type (ASVS 5.2.2). */
export function extensionMatches(originalName: string, detected: DetectedFileType): boolean {
  const dot = originalName.lastIndexOf('.');
  if (dot <= 0 || dot === originalName.length - 1) return true;
  const ext = originalName.slice(dot + 1).toLowerCase();
  return (ALLOWED_FILE_TYPES[detected.kind].extensions as readonly string[]).includes(ext);
}

interface ZipEntry {
  name: string;
  method: number;
  /** Entry data when it lies wholly inside the head, else null. */
  data: Uint8Array | null;
}

function detectOfficeArchive(head: Uint8Array): DetectedFileType | null {
  const entries = readLocalEntries(head);
  if (entries.length === 0) return null;

  const first = entries[0];
  if (first.name === 'mimetype') {
    if (first.method !== 0 || !first.data) return null;
    const mime = latin1(first.data).trim();
    if (mime === ALLOWED_FILE_TYPES.ODT.mediaType) return result('ODT');
    if (mime === ALLOWED_FILE_TYPES.ODS.mediaType) return result('ODS');
    return null;
  }

  const names = entries.map((e) => e.name);
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  const contentTypes = entries.find((e) => e.name === '[Content_Types].xml');
  if (!contentTypes && !names.includes('_rels/.rels')) return null;

  const xml = contentTypes ? entryText(contentTypes) : null;
  if (xml !== null) {
    if (/macroEnabled/i.test(xml)) return null;
    if (xml.includes('wordprocessingml.document.main+xml')) return result('DOCX');
    if (xml.includes('spreadsheetml.sheet.main+xml')) return result('XLSX');
  }
  if (names.some((n) => n.startsWith('word/'))) return result('DOCX');
  if (names.some((n) => n.startsWith('xl/'))) return result('XLSX');
  return null;
}

/** Walks the ZIP local file headers found in the head (a truncated tail is simply not read). */
function readLocalEntries(head: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 30 <= head.length && entries.length < 64 && isLocalHeader(head, at)) {
    const flags = u16(head, at + 6);
    const method = u16(head, at + 8);
    const compressedSize = u32(head, at + 18);
    const nameLength = u16(head, at + 26);
    const extraLength = u16(head, at + 28);
    const nameStart = at + 30;
    if (nameStart + nameLength > head.length) break;
    const name = latin1(head.subarray(nameStart, nameStart + nameLength));
    const dataStart = nameStart + nameLength + extraLength;
    const sizeKnown = (flags & 0x08) === 0;
    const dataEnd = dataStart + compressedSize;
    entries.push({ name, method, data: sizeKnown && dataEnd <= head.length ? head.subarray(dataStart, dataEnd) : null });
    if (sizeKnown) {
      at = dataEnd;
    } else {
      // Streamed entry (sizes in a trailing data descriptor): resume at the next local header signature.
      const next = indexOfLocalHeader(head, dataStart);
      if (next < 0) break;
      at = next;
    }
  }
  return entries;
}

function entryText(entry: ZipEntry): string | null {
  if (!entry.data) return null;
  if (entry.method === 0) return latin1(entry.data);
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(entry.data, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return null;
  }
}

function result(kind: FileKind): DetectedFileType {
  const t = ALLOWED_FILE_TYPES[kind];
  return { kind, mediaType: t.mediaType, extension: t.extensions[0] };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function isLocalHeader(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x03 && bytes[at + 3] === 0x04;
}

function indexOfLocalHeader(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= bytes.length; i++) if (isLocalHeader(bytes, i)) return i;
  return -1;
}

const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
