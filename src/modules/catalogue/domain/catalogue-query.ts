import { decodeKeysetCursor, encodeKeysetCursor } from '../../../common/http/keyset-cursor';
import type { FieldError } from '../../../common/errors/domain-error';
import { isDepartement, isRegion, type RegionCode } from './territories';

/**
 * Statuses of a programmed operation (an "operation selected", CPR art. 2(4)), from the committee's favourable
 * decision to closure. Only these are ever published: refused, withdrawn, renounced and every status before the
 * decision never are.
 */
export const PUBLISHED_STATUSES = ['PROGRAMMED', 'CONVENTION_ISSUED', 'CONVENTION_SIGNED', 'IN_PROGRESS', 'CLOSED'] as const;
export type PublishedStatus = (typeof PUBLISHED_STATUSES)[number];

export const PUBLISHED_STATUS_LABELS: Readonly<Record<PublishedStatus, string>> = {
  PROGRAMMED: 'Programmé',
  CONVENTION_ISSUED: 'Convention émise',
  CONVENTION_SIGNED: 'Convention signée',
  IN_PROGRESS: "En cours d'exécution",
  CLOSED: 'Clôturé',
};

export function isPublishedStatus(s: string): s is PublishedStatus {
  return (PUBLISHED_STATUSES as readonly string[]).includes(s);
}

export const SORTS = ['recent', 'title', 'amount'] as const;
export type CatalogueSort = (typeof SORTS)[number];

export const SORT_LABELS: Readonly<Record<CatalogueSort, string>> = {
  recent: 'Les plus récents',
  title: 'Nom du projet (A → Z)',
  amount: 'Montant FSE+ décroissant',
};

/** Keyset position: the last row's sort key and its unique code (dossier number). */
export type CatalogueCursor =
  { sort: 'recent'; number: string } | { sort: 'title'; title: string; number: string } | { sort: 'amount'; euCents: number; number: string };

export interface CatalogueQuery {
  q: string | null;
  region: RegionCode | null;
  departement: string | null;
  targetPublic: string | null;
  operationType: string | null;
  /** Calendar year in which the operation starts. */
  year: number | null;
  minEuCents: number | null;
  maxEuCents: number | null;
  status: PublishedStatus | null;
  sort: CatalogueSort;
  cursor: CatalogueCursor | null;
  limit: number;
}

/** Raw values as they arrive (query string); amounts already in cents, or the text that failed to parse. */
export interface RawCatalogueQuery {
  q?: unknown;
  region?: unknown;
  departement?: unknown;
  targetPublic?: unknown;
  operationType?: unknown;
  year?: unknown;
  minEuCents?: unknown;
  maxEuCents?: unknown;
  status?: unknown;
  sort?: unknown;
  cursor?: unknown;
  limit?: unknown;
}

const CODE = /^[A-Z0-9_]{1,60}$/;
const NUMBER = /^AAP-\d{4}-\d{6}$/;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_QUERY_LENGTH = 200;

const text = (v: unknown): string | null => {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  if (typeof s !== 'string' && typeof s !== 'number') return null;
  const t = String(s).trim();
  return t === '' ? null : t;
};

/**
 * Validates the catalogue's search and filters. Every problem is reported at once with its parameter as path; the
 * caller answers 400 (API) or shows them on the page. Unknown values are errors rather than silently ignored.
 */
export function parseCatalogueQuery(raw: RawCatalogueQuery): { query: CatalogueQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const bad = (path: string, message: string) => errors.push({ path, code: 'INVALID', message });

  const q = text(raw.q);
  if (q !== null && q.length > MAX_QUERY_LENGTH) bad('q', `La recherche ne peut pas dépasser ${MAX_QUERY_LENGTH} caractères.`);

  const region = text(raw.region);
  if (region !== null && !isRegion(region)) bad('region', 'Région inconnue.');
  const departement = text(raw.departement)?.toUpperCase() ?? null;
  if (departement !== null && !isDepartement(departement)) bad('departement', 'Département inconnu (exemples : 01, 2A, 69, 974).');

  const targetPublic = text(raw.targetPublic);
  if (targetPublic !== null && !CODE.test(targetPublic)) bad('targetPublic', 'Public cible inconnu.');
  const operationType = text(raw.operationType);
  if (operationType !== null && !CODE.test(operationType)) bad('operationType', "Type d'opération inconnu.");

  const yearText = text(raw.year);
  const year = yearText === null ? null : Number(yearText);
  if (year !== null && !(Number.isInteger(year) && year >= 2021 && year <= 2035)) bad('year', "L'année doit être comprise entre 2021 et 2035.");

  const amount = (path: 'minEuCents' | 'maxEuCents'): number | null => {
    const t = text(raw[path]);
    if (t === null) return null;
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) {
      bad(path, 'Montant invalide (nombre entier de centimes attendu).');
      return null;
    }
    return n;
  };
  const minEuCents = amount('minEuCents');
  const maxEuCents = amount('maxEuCents');
  if (minEuCents !== null && maxEuCents !== null && minEuCents > maxEuCents)
    bad('maxEuCents', 'Le montant maximal doit être supérieur ou égal au montant minimal.');

  const status = text(raw.status);
  if (status !== null && !isPublishedStatus(status)) bad('status', 'Statut inconnu.');

  const sortText = text(raw.sort) ?? 'recent';
  const sort = (SORTS as readonly string[]).includes(sortText) ? (sortText as CatalogueSort) : null;
  if (sort === null) bad('sort', `Tri inconnu (valeurs possibles : ${SORTS.join(', ')}).`);

  const limitText = text(raw.limit);
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) bad('limit', `La taille de page doit être comprise entre 1 et ${MAX_LIMIT}.`);

  const cursorText = text(raw.cursor);
  const cursor = cursorText === null || sort === null ? null : decodeCursor(cursorText, sort);
  if (cursorText !== null && sort !== null && cursor === null) bad('cursor', 'Curseur de pagination invalide.');

  return {
    query: {
      q,
      region: region !== null && isRegion(region) ? region : null,
      departement: departement !== null && isDepartement(departement) ? departement : null,
      targetPublic: targetPublic !== null && CODE.test(targetPublic) ? targetPublic : null,
      operationType: operationType !== null && CODE.test(operationType) ? operationType : null,
      year: year !== null && errors.every((e) => e.path !== 'year') ? year : null,
      minEuCents,
      maxEuCents,
      status: status !== null && isPublishedStatus(status) ? status : null,
      sort: sort ?? 'recent',
      cursor,
      limit: Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? limit : DEFAULT_LIMIT,
    },
    errors,
  };
}

/** Opaque cursor: base64url of the keyset values; it carries its sort so a cursor of another sort is refused. */
export function encodeCursor(c: CatalogueCursor): string {
  const values = c.sort === 'recent' ? [c.number] : c.sort === 'title' ? [c.title, c.number] : [c.euCents, c.number];
  return encodeKeysetCursor([c.sort, ...values]);
}

export function decodeCursor(text: string, sort: CatalogueSort): CatalogueCursor | null {
  const parsed = decodeKeysetCursor(text, 600);
  if (!parsed || parsed[0] !== sort) return null;
  const number = parsed.at(-1);
  if (typeof number !== 'string' || !NUMBER.test(number)) return null;
  if (sort === 'recent' && parsed.length === 2) return { sort, number };
  const key = parsed[1];
  if (sort === 'title' && parsed.length === 3 && typeof key === 'string' && key.length <= 200) return { sort, title: key, number };
  if (sort === 'amount' && parsed.length === 3 && typeof key === 'number' && Number.isSafeInteger(key) && key >= 0) return { sort, euCents: key, number };
  return null;
}
