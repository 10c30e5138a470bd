import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { encodeCursor, type ListFilters, type ListQuery, type ListSort } from './domain/list-query';

/**
 * The SQL of the instructor list, kept free of TypeORM so that bench/bare-server.ts runs exactly the same statement
 * and mapping. Keyset pagination: ORDER BY (sort key, id) in one direction, and the cursor's row comparison.
 */
interface SortSpec {
  /** The ordered expression (index-backed except the organisation name). */
  expr: string;
  /** The key as text in the cursor. */
  keyText: string;
  /** The cursor's key cast back for the row comparison. */
  cast: string;
  desc: boolean;
}

const AT_TEXT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const EU = 'coalesce(a.eu_requested_cents, 0)';

const SORTS: Record<ListSort, SortSpec> = {
  submittedAt: { expr: 'a.submitted_at', keyText: AT_TEXT('a.submitted_at'), cast: 'timestamptz', desc: false },
  '-submittedAt': { expr: 'a.submitted_at', keyText: AT_TEXT('a.submitted_at'), cast: 'timestamptz', desc: true },
  number: { expr: 'a.number', keyText: 'a.number', cast: 'text', desc: false },
  euRequested: { expr: EU, keyText: `${EU}::text`, cast: 'bigint', desc: false },
  '-euRequested': { expr: EU, keyText: `${EU}::text`, cast: 'bigint', desc: true },
  organisation: { expr: 'o.legal_name', keyText: 'o.legal_name', cast: 'text', desc: false },
};

export interface InstructionListRow {
  id: string;
  number: string;
  title: string | null;
  organisationName: string;
  departement: string | null;
  status: ApplicationStatus;
  euRequestedCents: string | null;
  totalEligibleCents: string | null;
  euRetainedCents: string | null;
  totalEligibleRetainedCents: string | null;
  instructorId: string | null;
  instructorName: string | null;
  labels: string[];
  submittedAt: Date;
  eligibilityVerdict: 'ELIGIBLE' | 'INELIGIBLE' | null;
  version: number;
  sortKey: string;
}

export interface InstructionListItem {
  id: string;
  number: string;
  title: string | null;
  organisationName: string;
  departement: string | null;
  status: ApplicationStatus;
  statusLabel: string;
  euRequestedCents: number | null;
  totalEligibleCents: number | null;
  /** The amounts of the retained plan once an instructor (or the committee) recorded one; null before. */
  euRetainedCents: number | null;
  totalEligibleRetainedCents: number | null;
  instructor: { id: string; displayName: string } | null;
  labels: string[];
  submittedAt: Date;
  eligibilityVerdict: 'ELIGIBLE' | 'INELIGIBLE' | null;
  version: number;
}

export interface InstructionListPage {
  items: InstructionListItem[];
  nextCursor: string | null;
}

/** `%`, `_` and `\` typed by a person are literal characters, not LIKE wildcards. */
const likePattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of the list's filters (the cursor excepted), shared by the page and its page positions. */
function filterWhere(callId: string, q: ListFilters, p: (v: unknown) => string): string[] {
  const where = [`a.call_id = ${p(callId)}`, 'a.submitted_at IS NOT NULL'];
  if (q.statuses.length) where.push(`a.status = ANY(${p(q.statuses)}::text[])`);
  if (q.departement) where.push(`a.departement = ${p(q.departement)}`);
  if (q.euMinCents !== null) where.push(`a.eu_requested_cents >= ${p(q.euMinCents)}`);
  if (q.euMaxCents !== null) where.push(`a.eu_requested_cents <= ${p(q.euMaxCents)}`);
  if (q.instructorId) where.push(`a.instructor_id = ${p(q.instructorId)}::uuid`);
  if (q.unassigned) where.push('a.instructor_id IS NULL');
  if (q.labels.length) where.push(`a.labels @> ${p(q.labels)}::text[]`);
  if (q.q) {
    const pattern = p(likePattern(q.q));
    where.push(`(a.number ILIKE ${pattern} OR a.title ILIKE ${pattern} OR o.legal_name ILIKE ${pattern})`);
  }
  return where;
}

function binder(params: unknown[]): (v: unknown) => string {
  return (v) => {
    params.push(v);
    return `$${params.length}`;
  };
}

/**
 * One page (+1 row to know whether another follows) of the submitted dossiers of `callId`. The retained amounts are
 * those of the latest plan version recorded by an instructor or the committee (the applicant's own versions excluded).
 */
export function instructionListSql(callId: string, q: ListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = binder(params);
  const where = filterWhere(callId, q, p);
  const s = SORTS[q.sort];
  if (q.cursor) where.push(`(${s.expr}, a.id) ${s.desc ? '<' : '>'} (${p(q.cursor.key)}::${s.cast}, ${p(q.cursor.id)}::uuid)`);
  const dir = s.desc ? 'DESC' : 'ASC';
  const sql = `SELECT a.id, a.number, a.title, o.legal_name AS "organisationName", a.departement, a.status,
         a.eu_requested_cents AS "euRequestedCents", a.total_eligible_cents AS "totalEligibleCents",
         rp.eu_cents AS "euRetainedCents", rp.total_eligible_cents AS "totalEligibleRetainedCents",
         a.instructor_id AS "instructorId", u.display_name AS "instructorName", a.labels, a.submitted_at AS "submittedAt",
         er.verdict AS "eligibilityVerdict", a.version, ${s.keyText} AS "sortKey"
    FROM application a
    JOIN organisation o ON o.id = a.organisation_id
    LEFT JOIN app_user u ON u.id = a.instructor_id
    LEFT JOIN eligibility_report er ON er.application_id = a.id
    LEFT JOIN LATERAL (
      SELECT f.eu_cents, f.total_eligible_cents FROM financing_plan_version f
       WHERE f.application_id = a.id AND f.source <> 'APPLICANT' ORDER BY f.version_no DESC LIMIT 1
    ) rp ON true
   WHERE ${where.join(' AND ')}
   ORDER BY ${s.expr} ${dir}, a.id ${dir}
   LIMIT ${p(q.limit + 1)}`;
  return { sql, params };
}

export interface ListPositionRow {
  /** 1-based position of the row in the sorted, filtered list. */
  rn: string;
  total: string;
  key: string;
  id: string;
}

/**
 * The page boundaries of the filtered list for the page's numbered pagination: the total count and the sort key of
 * the last row of every full page (the keyset cursor of the page after it). One pass over the filtered dossiers of
 * one call (a few thousand at most), so numbered pages keep the keyset plan of the page itself.
 */
export function instructionListPositionsSql(callId: string, q: ListFilters, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = binder(params);
  const where = filterWhere(callId, q, p);
  const s = SORTS[q.sort];
  const dir = s.desc ? 'DESC' : 'ASC';
  const sql = `SELECT rn::text, total::text, key, id FROM (
      SELECT row_number() OVER (ORDER BY ${s.expr} ${dir}, a.id ${dir}) AS rn, count(*) OVER () AS total, ${s.keyText} AS key, a.id
        FROM application a JOIN organisation o ON o.id = a.organisation_id
       WHERE ${where.join(' AND ')}
    ) t WHERE rn = 1 OR rn % ${p(limit)} = 0 ORDER BY rn`;
  return { sql, params };
}

export interface ListPage {
  number: number;
  cursor: string | null;
}

/** Total count, the numbered pages (each with the cursor that opens it) and the current page's number. */
export function toListPositions(
  rows: ListPositionRow[],
  q: Pick<ListQuery, 'limit' | 'sort' | 'cursor'>,
): { total: number; pages: ListPage[]; current: number | null } {
  const total = rows.length ? Number(rows[0]!.total) : 0;
  const count = Math.max(1, Math.ceil(total / q.limit));
  const pages: ListPage[] = [{ number: 1, cursor: null }];
  let current: number | null = q.cursor ? null : 1;
  for (const r of rows) {
    const rn = Number(r.rn);
    if (rn % q.limit !== 0 || rn >= total) continue;
    const number = rn / q.limit + 1;
    pages.push({ number, cursor: encodeCursor({ sort: q.sort, key: r.key, id: r.id }) });
    if (q.cursor && q.cursor.key === r.key && q.cursor.id === r.id) current = number;
  }
  return { total, pages: pages.slice(0, count), current };
}

const money = (v: string | null): number | null => {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`amount out of the safe integer range: ${v}`);
  return n;
};

/** Rows (limit + 1 of them at most) to the page answered by the API. */
export function toInstructionListPage(rows: InstructionListRow[], q: Pick<ListQuery, 'limit' | 'sort'>): InstructionListPage {
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      organisationName: r.organisationName,
      departement: r.departement,
      status: r.status,
      statusLabel: APPLICATION_STATUS_LABELS[r.status],
      euRequestedCents: money(r.euRequestedCents),
      totalEligibleCents: money(r.totalEligibleCents),
      euRetainedCents: money(r.euRetainedCents),
      totalEligibleRetainedCents: money(r.totalEligibleRetainedCents),
      instructor: r.instructorId ? { id: r.instructorId, displayName: r.instructorName ?? '' } : null,
      labels: r.labels,
      submittedAt: r.submittedAt,
      eligibilityVerdict: r.eligibilityVerdict,
      version: r.version,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ sort: q.sort, key: last.sortKey, id: last.id }) : null,
  };
}
