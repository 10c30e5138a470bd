import { APPLICATION_STATUS_LABELS } from '../../applications/domain/application-status';
import { euros, statusBadgeClass } from '../../web/format';
import { type ListQuery, LISTABLE_STATUSES, type ListSort, parseListFilters } from '../domain/list-query';
import type { InstructionListPage, ListPage } from '../instruction-list.sql';
import type { CallCountsRow, SavedViewRow } from '../instruction.repository';
import { type FilterFormValues, filtersToPageParams, toQueryString } from './list-page-params';
import { frenchDate, frenchDateTime } from '../../../common/fr';

const VERDICT_LABELS = { ELIGIBLE: 'Éligible', INELIGIBLE: 'Inéligible' } as const;

/** The calls of `/instruction`, each with its counts per status in the order of the status table. */
export function callsModel(calls: CallCountsRow[], userId: string) {
  return calls.map((c) => ({
    ...c,
    closesAtText: frenchDateTime(c.closesAt),
    href: `/instruction/appels/${c.id}`,
    mineHref: `/instruction/appels/${c.id}?instructeur=${userId}`,
    countsView: LISTABLE_STATUSES.filter((s) => c.counts[s]).map((s) => ({
      status: s,
      label: APPLICATION_STATUS_LABELS[s],
      count: c.counts[s],
      badge: statusBadgeClass(s),
    })),
  }));
}

/** Columns that sort, with the sort a click on them gives (ascending first, then descending where both exist). */
const SORTABLE: { key: string; asc: ListSort; desc?: ListSort }[] = [
  { key: 'number', asc: 'number' },
  { key: 'organisation', asc: 'organisation' },
  { key: 'euRequested', asc: 'euRequested', desc: '-euRequested' },
  { key: 'submittedAt', asc: 'submittedAt', desc: '-submittedAt' },
];

export function listModel(m: {
  call: { id: string; reference: string; title: string };
  query: ListQuery | null;
  values: FilterFormValues;
  page: InstructionListPage;
  positions: { total: number; pages: ListPage[]; current: number | null };
  instructors: { id: string; displayName: string }[];
  savedViews: SavedViewRow[];
  currentUserId: string;
}) {
  const base = `/instruction/appels/${m.call.id}`;
  const filters = m.query ?? parseListFilters({});
  const current = toQueryString(filtersToPageParams(filters));
  const pageHref = (cursor: string | null): string =>
    cursor ? `${base}?${current}${current ? '&' : ''}cursor=${cursor}` : `${base}${current ? `?${current}` : ''}`;
  const sortLinks = Object.fromEntries(
    SORTABLE.map((s) => {
      const active = filters.sort === s.asc ? 'ascending' : filters.sort === s.desc ? 'descending' : null;
      const next = active === 'ascending' && s.desc ? s.desc : s.asc;
      return [s.key, { href: `${base}?${toQueryString(filtersToPageParams(filters, next))}`, ariaSort: active }];
    }),
  );
  return {
    call: m.call,
    base,
    values: m.values,
    currentQuery: current,
    statusOptions: LISTABLE_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s], checked: m.values.statuses.includes(s) })),
    instructorOptions: [
      { value: 'aucun', text: 'Non affectés' },
      ...m.instructors.map((i) => ({ value: i.id, text: i.id === m.currentUserId ? `${i.displayName} (moi)` : i.displayName })),
    ],
    assignOptions: [...m.instructors.map((i) => ({ value: i.id, text: i.displayName })), { value: 'aucun', text: "Retirer l'affectation" }],
    sortOptions: [
      { value: 'submittedAt', text: 'Dépôt, du plus ancien au plus récent' },
      { value: '-submittedAt', text: 'Dépôt, du plus récent au plus ancien' },
      { value: 'number', text: 'Numéro' },
      { value: 'euRequested', text: 'FSE+ demandé, croissant' },
      { value: '-euRequested', text: 'FSE+ demandé, décroissant' },
      { value: 'organisation', text: 'Structure' },
    ],
    sortLinks,
    items: m.page.items.map((i) => ({
      ...i,
      href: `/instruction/dossiers/${i.id}`,
      statusBadge: statusBadgeClass(i.status),
      euRequestedText: euros(i.euRequestedCents),
      totalEligibleText: euros(i.totalEligibleCents),
      euRetainedText: i.euRetainedCents === null ? null : euros(i.euRetainedCents),
      totalEligibleRetainedText: i.totalEligibleRetainedCents === null ? null : euros(i.totalEligibleRetainedCents),
      submittedAtText: frenchDate(i.submittedAt),
      verdictLabel: i.eligibilityVerdict ? VERDICT_LABELS[i.eligibilityVerdict] : null,
    })),
    nextHref: m.page.nextCursor ? pageHref(m.page.nextCursor) : null,
    firstHref: m.query?.cursor ? `${base}${current ? `?${current}` : ''}` : null,
    total: m.positions.total,
    pagination: paginationModel(m.positions, pageHref),
    savedViewsView: m.savedViews.map((v) => {
      const f = parseListFilters(v.query, []);
      const qs = toQueryString(filtersToPageParams(f));
      return { ...v, href: `${base}${qs ? `?${qs}` : ''}`, current: qs === current, deleteAction: `/instruction/vues/${v.id}/supprimer` };
    }),
  };
}

export interface PaginationLink {
  label: string;
  href: string | null;
  current: boolean;
  /** An ellipsis between page numbers. */
  gap?: boolean;
}

/**
 * DSFR pagination: the first and last pages, the current one and its neighbours, gaps as « … ». `current` is null
 * when the page was opened with a cursor that is not a page boundary (an API cursor with another page size).
 */
export function paginationModel(p: { pages: ListPage[]; current: number | null }, href: (cursor: string | null) => string) {
  const last = p.pages.length;
  const cur = p.current ?? 0;
  const shown = p.pages.filter(
    (pg) =>
      pg.number === 1 || pg.number === last || Math.abs(pg.number - cur) <= 1 || (cur <= 2 && pg.number <= 3) || (cur >= last - 1 && pg.number >= last - 2),
  );
  const links: PaginationLink[] = [];
  let previous = 0;
  for (const pg of shown) {
    if (pg.number > previous + 1) links.push({ label: '…', href: null, current: false, gap: true });
    links.push({ label: String(pg.number), href: pg.number === cur ? null : href(pg.cursor), current: pg.number === cur });
    previous = pg.number;
  }
  const before = p.pages.find((pg) => pg.number === cur - 1);
  return {
    count: last,
    current: p.current,
    links,
    previousHref: before ? href(before.cursor) : null,
    lastHref: last > 1 && cur !== last ? href(p.pages[last - 1]!.cursor) : null,
  };
}
