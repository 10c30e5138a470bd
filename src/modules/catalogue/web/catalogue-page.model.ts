import { formatEuros, formatRate } from '../../../common/money/cents';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import { DEFAULT_OPERATION_TYPES, DEFAULT_TARGET_PUBLICS, operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';
import type { FieldError } from '../../../common/errors/domain-error';
import { type CatalogueQuery, PUBLISHED_STATUS_LABELS, PUBLISHED_STATUSES, type RawCatalogueQuery, SORT_LABELS, SORTS } from '../domain/catalogue-query';
import { departementMap, departementTable, type DepartementFigure } from '../domain/departement-map';
import type { PublishedOperation } from '../domain/published-operation';
import { DEPARTEMENT_CODES, departementName, regionOptions } from '../domain/territories';
import { mapShapes } from '../map/map-shapes';

/** Query-string names of the public page (French, short) → the API's names. */
export const PAGE_PARAMS = {
  q: 'q',
  region: 'region',
  departement: 'departement',
  targetPublic: 'public',
  operationType: 'type',
  year: 'annee',
  status: 'statut',
  sort: 'tri',
  cursor: 'apres',
} as const;

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();

/** Reads the page's form (amounts typed in euros) into the API's raw query; amount typos become field errors. */
export function rawFromPage(qs: Record<string, unknown>): { raw: RawCatalogueQuery; errors: FieldError[]; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(PAGE_PARAMS)) {
    values[name] = one(qs[name]);
    if (values[name]) raw[key] = values[name];
  }
  const errors: FieldError[] = [];
  for (const [name, key] of [
    ['min', 'minEuCents'],
    ['max', 'maxEuCents'],
  ] as const) {
    values[name] = one(qs[name]);
    if (!values[name]) continue;
    const cents = parseEurosToCents(values[name]);
    if (cents === null || cents < 0) errors.push({ path: name, code: 'INVALID', message: 'Montant invalide (exemple : 50 000).' });
    else raw[key] = String(cents);
  }
  return { raw, errors, values };
}

/** The API's error paths → the ids of the page's fields, for the error summary links. */
export function pageErrors(errors: FieldError[]): FieldError[] {
  const byKey: Record<string, string> = { ...PAGE_PARAMS, minEuCents: 'min', maxEuCents: 'max' };
  return errors.map((e) => ({ ...e, path: byKey[e.path] ?? e.path }));
}

/** A link to the same search with some parameters changed (cursor dropped unless given). */
export function searchHref(values: Record<string, string>, change: Record<string, string | null>): string {
  const params = new URLSearchParams();
  const merged = { ...values, apres: '', ...change };
  for (const [k, v] of Object.entries(merged)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/projets?${s}` : '/projets';
}

export function operationCard(op: PublishedOperation) {
  return {
    code: op.code,
    name: op.name,
    beneficiary: op.beneficiary,
    purpose: op.purpose.length > 280 ? `${op.purpose.slice(0, 277).trimEnd()}…` : op.purpose,
    euAmount: formatEuros(op.euAmountCents),
    euRate: formatRate(op.euRateBp),
    territory: [op.place, op.departementName ? `${op.departementName} (${op.departement})` : null].filter(Boolean).join(', '),
    operationType: op.operationType,
    statusLabel: op.statusLabel,
    seeksPartners: op.seeksPartners,
  };
}

export interface CatalogueFilterCodes {
  publics: string[];
  types: string[];
}

export function filterOptions(codes: CatalogueFilterCodes, now: Date) {
  const publics = [...new Set([...DEFAULT_TARGET_PUBLICS, ...codes.publics])];
  const types = [...new Set([...DEFAULT_OPERATION_TYPES, 'CHANGEMENT_ECHELLE', ...codes.types])];
  const lastYear = now.getUTCFullYear() + 2;
  return {
    regions: regionOptions().map((r) => ({ value: r.code, text: r.name })),
    departements: DEPARTEMENT_CODES.map((d) => ({ value: d, text: `${d} – ${departementName(d)}` })),
    publics: publics.map((c) => ({ value: c, text: targetPublicLabel(c) })).sort((a, b) => a.text.localeCompare(b.text, 'fr')),
    types: types.map((c) => ({ value: c, text: operationTypeLabel(c) })).sort((a, b) => a.text.localeCompare(b.text, 'fr')),
    years: Array.from({ length: lastYear - 2021 + 1 }, (_, i) => ({ value: String(2021 + i), text: String(2021 + i) })),
    statuses: PUBLISHED_STATUSES.map((s) => ({ value: s, text: PUBLISHED_STATUS_LABELS[s] })),
    sorts: SORTS.map((s) => ({ value: s, text: SORT_LABELS[s] })),
  };
}

/** The map and its table: the same figures, per département. */
export function mapModel(figures: DepartementFigure[], values: Record<string, string>) {
  const { areas, legend } = departementMap(figures);
  const shapes = mapShapes();
  return {
    viewBox: shapes.viewBox,
    areas: areas.flatMap((a) => {
      const shape = shapes.byCode.get(a.code);
      return shape ? [{ ...a, ...shape, label: `${a.name} (${a.code}) : ${a.operations} projet${a.operations > 1 ? 's' : ''}` }] : [];
    }),
    legend,
    table: departementTable(figures).map((r) => ({ ...r, euAmount: formatEuros(r.euCents), href: searchHref(values, { departement: r.departement }) })),
    total: figures.reduce((n, f) => n + f.operations, 0),
    totalEu: formatEuros(figures.reduce((n, f) => n + f.euCents, 0)),
  };
}

export function activeQuery(q: CatalogueQuery): boolean {
  return !!(q.q || q.region || q.departement || q.targetPublic || q.operationType || q.year || q.minEuCents !== null || q.maxEuCents !== null || q.status);
}
