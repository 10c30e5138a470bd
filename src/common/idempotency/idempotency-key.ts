import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error';

/** The Idempotency-Key header, checked: present, at most 255 printable characters (Stripe's limit). */
export function requireIdempotencyKey(raw: string | string[] | undefined): string {
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.trim() === '') {
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', "L'en-tête Idempotency-Key est obligatoire pour cette opération (par exemple un UUID v4).");
  }
  if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new DomainError('VALIDATION_FAILED', "La clé d'idempotence doit compter au plus 255 caractères imprimables, sans espace.", {
      errors: [{ path: 'Idempotency-Key', code: 'INVALID', message: "Clé d'idempotence invalide." }],
    });
  }
  return key;
}

/** SHA-256 of the request's canonical JSON (keys sorted), to tell a retry from another request under the same key. */
export function idempotencyRequestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
