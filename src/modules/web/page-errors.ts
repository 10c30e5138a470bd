import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { FORM_REFUSED } from './form';

/** A refused page action: the HTTP status and the messages to list on the re-rendered page. */
export interface PageRefusal {
  status: number;
  errors: FieldError[];
}

/**
 * Runs a page action; a DomainError becomes a refusal shown on the page, in the form, with the status every refused
 * form answers (FORM_REFUSED, 422); a missing object stays a full-page 404 and anything else propagates.
 */
export async function attempt(action: () => Promise<unknown>): Promise<PageRefusal | null> {
  try {
    await action();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'NOT_FOUND') throw e;
    const errors = e.details.errors?.length ? e.details.errors : [{ path: '', code: e.code, message: e.message }];
    return { status: FORM_REFUSED, errors };
  }
}

type Form = Record<string, string | string[] | undefined>;
export const field = (body: Form | undefined, name: string): string => {
  const v = body?.[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
