import { decodeKeysetCursor, encodeKeysetCursor } from '../../../common/http/keyset-cursor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../applications/domain/application-status';
import { normaliseLabels } from './labels';

export const LIST_SORTS = ['submittedAt', '-submittedAt', 'number', 'euRequested', '-euRequested', 'organisation'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const DEFAULT_SORT: ListSort = 'submittedAt';
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Statuses staff may filter on: every status but DRAFT, which they never see. */
export const LISTABLE_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'DRAFT');

/** The filters of the instructor list (and of a saved view): everything but the page position. */
export interface ListFilters {
  statuses: ApplicationStatus[];
  departement: string | null;
  euMinCents: number | null;
  euMaxCents: number | null;
  instructorId: string | null;
  unassigned: boolean;
  labels: string[];
  q: string | null;
  sort: ListSort;
}

export interface ListQuery extends ListFilters {
  limit: number;
  cursor: Cursor | null;
}

/** Keyset position: the sort it belongs to, the value of the sort key on the last row, and that row's id. */
export interface Cursor {
  sort: ListSort;
  key: string;
  id: string;
}

type Raw = Record<string, unknown>;

const FILTER_KEYS = ['status', 'departement', 'euMinCents', 'euMaxCents', 'instructorId', 'unassigned', 'label', 'q', 'sort'] as const;
const PAGE_KEYS = ['limit', 'cursor'] as const;

/** Query-string values arrive as a string, or an array when repeated; `a,b` counts as two values too. */
function values(v: unknown, splitCommas = true): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list
    .flatMap((x) => (typeof x === 'string' && splitCommas ? x.split(',') : [String(x)]))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function single(raw: Raw, key: string, errors: FieldError[]): string | null {
  const v = values(raw[key], false);
  if (v.length > 1) errors.push({ path: key, code: 'SINGLE_VALUE', message: 'Une seule valeur est attendue.' });
  return v[0] ?? null;
}

function cents(raw: Raw, key: string, errors: FieldError[]): number | null {
  const v = single(raw, key, errors);
  if (v === null) return null;
  if (!/^\d{1,15}$/.test(v) || !Number.isSafeInteger(Number(v))) {
    errors.push({ path: key, code: 'INVALID_CENTS', message: 'Montant attendu en centimes : un entier positif ou nul.' });
    return null;
  }
  return Number(v);
}

/** Filters only (a saved view); unknown keys are refused, as the API's whitelist does. */
export function parseListFilters(raw: Raw, errors: FieldError[] = []): ListFilters {
  for (const key of Object.keys(raw)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key) && !(PAGE_KEYS as readonly string[]).includes(key)) {
      errors.push({ path: key, code: 'UNKNOWN_PARAMETER', message: 'Paramètre inconnu.' });
    }
  }
  const statuses: ApplicationStatus[] = [];
  values(raw.status).forEach((s, i) => {
    if (!(LISTABLE_STATUSES as readonly string[]).includes(s))
      errors.push({ path: `status[${i}]`, code: 'INVALID_STATUS', message: `Statut inconnu : ${s.slice(0, 40)}.` });
    else if (!statuses.includes(s as ApplicationStatus)) statuses.push(s as ApplicationStatus);
  });
  const departement = single(raw, 'departement', errors)?.toUpperCase() ?? null;
  if (departement !== null && !DEPARTEMENT.test(departement))
    errors.push({ path: 'departement', code: 'INVALID_DEPARTEMENT', message: 'Code de département invalide (ex. 69, 2A, 974).' });
  const euMinCents = cents(raw, 'euMinCents', errors);
  const euMaxCents = cents(raw, 'euMaxCents', errors);
  if (euMinCents !== null && euMaxCents !== null && euMinCents > euMaxCents) {
    errors.push({ path: 'euMaxCents', code: 'RANGE_INVERTED', message: 'Le maximum doit être supérieur ou égal au minimum.' });
  }
  const instructorId = single(raw, 'instructorId', errors);
  if (instructorId !== null && !UUID.test(instructorId))
    errors.push({ path: 'instructorId', code: 'INVALID_UUID', message: 'Identifiant d’instructeur invalide.' });
  const unassignedRaw = single(raw, 'unassigned', errors);
  if (unassignedRaw !== null && unassignedRaw !== 'true' && unassignedRaw !== 'false')
    errors.push({ path: 'unassigned', code: 'INVALID_BOOLEAN', message: 'Valeur attendue : true ou false.' });
  const unassigned = unassignedRaw === 'true';
  if (unassigned && instructorId !== null)
    errors.push({ path: 'unassigned', code: 'CONFLICTING_FILTERS', message: 'Choisissez un instructeur ou « non affectés », pas les deux.' });
  const labelErrors: FieldError[] = [];
  const labels = normaliseLabels(values(raw.label), 'label', labelErrors);
  errors.push(...labelErrors);
  let q = single(raw, 'q', errors);
  if (q !== null && q.length > 100) {
    errors.push({ path: 'q', code: 'TOO_LONG', message: 'La recherche est limitée à 100 caractères.' });
    q = null;
  }
  const sortRaw = single(raw, 'sort', errors) ?? DEFAULT_SORT;
  const sort = (LIST_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as ListSort) : DEFAULT_SORT;
  if (sort !== sortRaw) errors.push({ path: 'sort', code: 'INVALID_SORT', message: `Tri attendu parmi : ${LIST_SORTS.join(', ')}.` });
  return {
    statuses,
    departement,
    euMinCents,
    euMaxCents,
    instructorId: instructorId !== null && UUID.test(instructorId) ? instructorId.toLowerCase() : null,
    unassigned,
    labels,
    q,
    sort,
  };
}

/** Filters, page size and cursor of `GET /api/v1/calls/:id/applications`; every problem reported at once (400). */
export function parseListQuery(raw: Raw): ListQuery {
  const errors: FieldError[] = [];
  const filters = parseListFilters(raw, errors);
  const limitRaw = single(raw, 'limit', errors);
  let limit = DEFAULT_LIMIT;
  if (limitRaw !== null) {
    limit = /^\d{1,3}$/.test(limitRaw) ? Number(limitRaw) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) errors.push({ path: 'limit', code: 'INVALID_LIMIT', message: `Entre 1 et ${MAX_LIMIT} dossiers par page.` });
  }
  const cursorRaw = single(raw, 'cursor', errors);
  let cursor: Cursor | null = null;
  if (cursorRaw !== null) {
    cursor = decodeCursor(cursorRaw);
    if (!cursor || cursor.sort !== filters.sort) {
      errors.push({ path: 'cursor', code: 'INVALID_CURSOR', message: 'Curseur de pagination invalide (ou obtenu avec un autre tri).' });
      cursor = null;
    }
  }
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Les critères de la liste sont invalides.', { errors });
  return { ...filters, limit, cursor };
}

/** Opaque to clients (the shared keyset codec). The key is text (a timestamp with microseconds, a number, a name). */
export function encodeCursor(c: Cursor): string {
  return encodeKeysetCursor([c.sort, c.key, c.id]);
}

/** The cursor, or null when it is not one of ours (tampered, truncated, foreign). */
export function decodeCursor(s: string): Cursor | null {
  const parsed = decodeKeysetCursor(s);
  if (parsed?.length !== 3) return null;
  const [sort, key, id] = parsed;
  if (typeof sort !== 'string' || !(LIST_SORTS as readonly string[]).includes(sort) || typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id))
    return null;
  if (!validKey(sort as ListSort, key)) return null;
  return { sort: sort as ListSort, key, id };
}

function validKey(sort: ListSort, key: string): boolean {
  switch (sort) {
    case 'submittedAt':
    case '-submittedAt':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(key);
    case 'euRequested':
    case '-euRequested':
      return /^\d{1,15}$/.test(key);
    case 'number':
      return /^AAP-\d{4}-\d{6}$/.test(key);
    case 'organisation':
      return key.length >= 1 && key.length <= 500;
  }
}

/** The filters as query-string pairs (for page links and saved views), defaults left out. */
export function filtersToParams(f: ListFilters): [string, string][] {
  const out: [string, string][] = [];
  for (const s of f.statuses) out.push(['status', s]);
  if (f.departement) out.push(['departement', f.departement]);
  if (f.euMinCents !== null) out.push(['euMinCents', String(f.euMinCents)]);
  if (f.euMaxCents !== null) out.push(['euMaxCents', String(f.euMaxCents)]);
  if (f.instructorId) out.push(['instructorId', f.instructorId]);
  if (f.unassigned) out.push(['unassigned', 'true']);
  for (const l of f.labels) out.push(['label', l]);
  if (f.q) out.push(['q', f.q]);
  if (f.sort !== DEFAULT_SORT) out.push(['sort', f.sort]);
  return out;
}

/** A saved view's stored query: the same keys as the query string, arrays for the multi-valued ones. */
export function filtersToStored(f: ListFilters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of filtersToParams(f)) {
    if (k === 'status' || k === 'label') out[k] = [...((out[k] as string[] | undefined) ?? []), v];
    else out[k] = v;
  }
  return out;
}
