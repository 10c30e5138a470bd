import { deflateRawSync } from 'node:zlib';
import { detectFileType, extensionMatches } from './detect-file-type';

const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** One ZIP local file header + data, as written by office suites (crc left at zero: detection never checks it). */
function zipEntry(name: string, data: number[], opts: { method?: number; streamed?: boolean } = {}): number[] {
  const method = opts.method ?? 0;
  const flags = opts.streamed ? 0x08 : 0;
  const size = opts.streamed ? 0 : data.length;
  return [
    0x50,
    0x4b,
    0x03,
    0x04,
    ...le16(20),
    ...le16(flags),
    ...le16(method),
    0,
    0,
    0,
    0,
    ...le32(0),
    ...le32(size),
    ...le32(size),
    ...le16(name.length),
    ...le16(0),
    ...ascii(name),
    ...data,
  ];
}

const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

const kindOf = async (head: Uint8Array): Promise<string | null> => (await detectFileType(head))?.kind ?? null;

/** A PNG signature followed by its IHDR chunk (file-type reads the first chunk to tell PNG from APNG). */
const PNG_HEAD = [
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...[0, 0, 0, 13],
  ...ascii('IHDR'),
  ...[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0],
  ...[0x90, 0x77, 0x53, 0xde],
];

describe('detectFileType (magic bytes, file-type inside our allowlist)', () => {
  it('recognises PDF, PNG and JPEG by their signatures', async () => {
    expect(await kindOf(bytes([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]))).toBe('PDF');
    expect(await kindOf(bytes(PNG_HEAD))).toBe('PNG');
    expect(await detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toEqual({
      kind: 'JPEG',
      mediaType: 'image/jpeg',
      extension: 'jpg',
    });
  });

  it('refuses an executable, whatever its name says', async () => {
    expect(await detectFileType(bytes([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]))).toBeNull(); // MZ (Windows PE)
    expect(await detectFileType(bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]))).toBeNull(); // ELF
  });

  it('refuses empty heads, signatures not at offset 0 and text', async () => {
    expect(await detectFileType(new Uint8Array(0))).toBeNull();
    expect(await detectFileType(bytes([0x20, 0x25, 0x50, 0x44, 0x46, 0x2d]))).toBeNull(); // not at offset 0
    expect(await detectFileType(bytes(ascii('<html><script>alert(1)</script>')))).toBeNull();
    expect(await detectFileType(bytes(ascii('nom;prenom\nDupont;Marie\n')))).toBeNull(); // a CSV stays unrecognised
  });

  it('recognises ODT and ODS by their stored mimetype entry, and refuses other OpenDocument types', async () => {
    expect(await kindOf(bytes(zipEntry('mimetype', ascii('application/vnd.oasis.opendocument.text')), zipEntry('content.xml', ascii('<x/>'))))).toBe('ODT');
    expect(await kindOf(bytes(zipEntry('mimetype', ascii('application/vnd.oasis.opendocument.spreadsheet'))))).toBe('ODS');
    expect(await detectFileType(bytes(zipEntry('mimetype', ascii('application/vnd.oasis.opendocument.presentation'))))).toBeNull();
  });

  it('recognises DOCX and XLSX from [Content_Types].xml, stored or deflated, or from their part names', async () => {
    const docxTypes = ascii('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    expect(await kindOf(bytes(zipEntry('[Content_Types].xml', docxTypes), zipEntry('_rels/.rels', ascii('<r/>'))))).toBe('DOCX');
    const xlsxTypes = [
      ...deflateRawSync(Buffer.from('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')),
    ];
    expect(await detectFileType(bytes(zipEntry('[Content_Types].xml', xlsxTypes, { method: 8 })))).toEqual({
      kind: 'XLSX',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    });
    expect(await kindOf(bytes(zipEntry('_rels/.rels', ascii('<r/>')), zipEntry('word/document.xml', ascii('<w/>'))))).toBe('DOCX');
  });

  it('refuses a plain ZIP, a macro-enabled document, an archive with a VBA part and a truncated header', async () => {
    expect(await detectFileType(bytes(zipEntry('readme.txt', ascii('hello'))))).toBeNull();
    const docm = ascii('<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>');
    expect(await detectFileType(bytes(zipEntry('[Content_Types].xml', docm), zipEntry('word/document.xml', ascii('<w/>'))))).toBeNull();
    expect(
      await detectFileType(bytes(zipEntry('[Content_Types].xml', docxTypesOf('wordprocessingml.document')), zipEntry('word/vbaProject.bin', [0, 1, 2]))),
    ).toBeNull();
    expect(await detectFileType(bytes([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBeNull();
  });
});

function docxTypesOf(part: string): number[] {
  return ascii(`<Types><Override ContentType="application/vnd.openxmlformats-officedocument.${part}.main+xml"/></Types>`);
}

describe('extensionMatches', () => {
  const pdf = { kind: 'PDF', mediaType: 'application/pdf', extension: 'pdf' } as const;
  const jpeg = { kind: 'JPEG', mediaType: 'image/jpeg', extension: 'jpg' } as const;

  it('accepts the extensions of the detected type, in any case, and a name without extension', () => {
    expect(extensionMatches('statuts.PDF', pdf)).toBe(true);
    expect(extensionMatches('photo.jpeg', jpeg)).toBe(true);
    expect(extensionMatches('photo.JPG', jpeg)).toBe(true);
    expect(extensionMatches('statuts', pdf)).toBe(true);
  });

  it('refuses a name whose extension belongs to another type', () => {
    expect(extensionMatches('statuts.pdf.exe', pdf)).toBe(false);
    expect(extensionMatches('photo.png', jpeg)).toBe(false);
  });
});
