import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
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

/**
 * The status of a form page shown again because its action was refused (invalid field, business rule, stale
 * version): always 422, whatever the underlying code, so the browser keeps the page and the person's input is shown
 * back with the messages (docs/architecture.md, « pages »). Full-page errors stay for navigation (404, 403).
 */
export const FORM_REFUSED = 422;

/**
 * A DomainError a form shows in the page (422): every one but the navigation errors — an object that does not exist or
 * is not the person's (NOT_FOUND, 404) and a function they may not use (FORBIDDEN, 403), which stay full pages.
 */
export function isFormRefusal(e: unknown): e is DomainError {
  return e instanceof DomainError && e.code !== 'NOT_FOUND' && e.code !== 'FORBIDDEN';
}

export interface SummaryLink {
  text: string;
  href: string | null;
}

/**
 * The lines of the error summary at the top of a form, each linking to its field: `idOf` maps an error path
 * (`i1.answer`, `lines[0].amountCents`) to the id of the input to focus; by default the path itself.
 */
export function summaryLinks(errors: readonly FieldError[], idOf: (path: string) => string | null = (p) => p || null): SummaryLink[] {
  return errors.map((e) => {
    const id = e.path ? idOf(e.path) : null;
    return { text: e.message, href: id ? `#${id}` : null };
  });
}
