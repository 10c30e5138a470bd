import type { FieldError } from '../../../common/errors/domain-error';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import { centsToInput } from '../../web/format';
import { DEFAULT_SORT, type ListFilters } from '../domain/list-query';

/** What the filter form shows back. */
export interface FilterFormValues {
  statuses: string[];
  departement: string;
  euMin: string;
  euMax: string;
  instructeur: string;
  label: string;
  q: string;
  sort: string;
}

const first = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();
const all = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/**
 * The page's query string (amounts typed in euros, one « instructeur » select holding « aucun » or an id) turned into
 * the API's query, so the page and the API share one parser. Errors on euros are reported on the page's field names.
 */
export function pageQueryToApi(page: Record<string, unknown>): { raw: Record<string, unknown>; values: FilterFormValues; errors: FieldError[] } {
  const values: FilterFormValues = {
    statuses: all(page.status)
      .flatMap((s) => s.split(','))
      .filter(Boolean),
    departement: first(page.departement),
    euMin: first(page.euMin),
    euMax: first(page.euMax),
    instructeur: first(page.instructeur),
    label: all(page.label).join(', '),
    q: first(page.q),
    sort: first(page.sort),
  };
  const errors: FieldError[] = [];
  const raw: Record<string, unknown> = {};
  if (values.statuses.length) raw.status = values.statuses;
  if (values.departement) raw.departement = values.departement;
  for (const [field, key] of [
    ['euMin', 'euMinCents'],
    ['euMax', 'euMaxCents'],
  ] as const) {
    if (!values[field]) continue;
    const cents = parseEurosToCents(values[field]);
    if (cents === null || cents < 0) errors.push({ path: field, code: 'INVALID_AMOUNT', message: 'Montant en euros attendu, par exemple 50 000 ou 50000,00.' });
    else raw[key] = String(cents);
  }
  if (values.instructeur === 'aucun') raw.unassigned = 'true';
  else if (values.instructeur) raw.instructorId = values.instructeur;
  if (values.label) raw.label = values.label;
  if (values.q) raw.q = values.q;
  if (values.sort) raw.sort = values.sort;
  const cursor = first(page.cursor);
  if (cursor) raw.cursor = cursor;
  return { raw, values, errors };
}

/** API error paths mapped onto the form's fields. */
export function pageFieldOf(path: string): string {
  if (path.startsWith('status')) return 'status';
  if (path.startsWith('label')) return 'label';
  if (path === 'euMinCents') return 'euMin';
  if (path === 'euMaxCents') return 'euMax';
  if (path === 'instructorId' || path === 'unassigned') return 'instructeur';
  return path;
}

/** Filters back to the page's query-string pairs (saved views, sorting and paging links). */
export function filtersToPageParams(f: ListFilters, sort: string = f.sort): [string, string][] {
  const out: [string, string][] = [];
  for (const s of f.statuses) out.push(['status', s]);
  if (f.departement) out.push(['departement', f.departement]);
  if (f.euMinCents !== null) out.push(['euMin', centsToInput(f.euMinCents)]);
  if (f.euMaxCents !== null) out.push(['euMax', centsToInput(f.euMaxCents)]);
  if (f.unassigned) out.push(['instructeur', 'aucun']);
  else if (f.instructorId) out.push(['instructeur', f.instructorId]);
  if (f.labels.length) out.push(['label', f.labels.join(', ')]);
  if (f.q) out.push(['q', f.q]);
  if (sort !== DEFAULT_SORT) out.push(['sort', sort]);
  return out;
}

export const toQueryString = (pairs: [string, string][]): string => new URLSearchParams(pairs).toString();
