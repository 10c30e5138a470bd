import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '../../common/errors/domain-error';
import { flattenValidationErrors } from '../../common/errors/flatten-validation-errors';

export interface FormResult<T> {
  value: T;
  errors: FieldError[];
}

/**
 * Validates an urlencoded form against the same DTO class as the API (minus the `_csrf` field), so that a page
 * re-renders with each message next to its field instead of answering a problem+json.
 * Form values are strings: `coerce` turns them into the DTO's types (e.g. euros typed by a person into cents).
 */
export async function validateForm<T extends object>(
  cls: new () => T,
  body: unknown,
  coerce: (raw: Record<string, string | string[]>) => Record<string, unknown> = (raw) => raw,
): Promise<FormResult<T>> {
  const { _csrf: _ignored, ...raw } = (body && typeof body === 'object' ? body : {}) as Record<string, string | string[]>;
  const value = plainToInstance(cls, coerce(raw));
  const errors = flattenValidationErrors(await validate(value, { whitelist: true, forbidNonWhitelisted: true }));
  return { value, errors };
}

/** Errors indexed by field path, for templates (`errors['lines[0].amountCents']`). */
export function errorsByPath(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path] ??= e.message;
  return out;
}
