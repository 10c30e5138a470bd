const MAX_NAME_LENGTH = 150;

/**
 * A file name safe to store and to send back: no path, no control or bidi-override characters, no leading dots,
 * at most 150 characters (the extension is kept), and the given extension appended when it has none.
 */
export function sanitizeFileName(original: string, fallbackExtension: string): string {
  const base = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[\s.]+/, '')
    .trim();
  if (!name) name = `document.${fallbackExtension}`;
  if (!/\.[A-Za-z0-9]{1,5}$/.test(name)) name = `${name}.${fallbackExtension}`;
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = name.slice(dot);
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the exact name in `filename*` (RFC 6266 / RFC 8187),
 * so a browser saves the file instead of displaying it, under a name that cannot escape the download folder.
 */
export function attachmentDisposition(original: string, fallbackExtension: string): string {
  const name = sanitizeFileName(original, fallbackExtension);
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
