/**
 * Structural bounds checked on the raw bytes of a JSON body before JSON.parse runs: a 1 MB body of `[[[[…` would
 * otherwise blow the parser's (and class-validator's) stack. Documented in docs/security.md.
 */
export const JSON_MAX_DEPTH = 32;
export const JSON_MAX_KEYS = 10_000;

export type JsonShapeViolation = { kind: 'depth'; limit: number } | { kind: 'keys'; limit: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/** Scans bytes once, outside strings only; malformed input is left for the parser to refuse. */
export function checkJsonShape(body: Uint8Array, maxDepth = JSON_MAX_DEPTH, maxKeys = JSON_MAX_KEYS): JsonShapeViolation | null {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return { kind: 'depth', limit: maxDepth };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COLON && ++keys > maxKeys) return { kind: 'keys', limit: maxKeys };
  }
  return null;
}
