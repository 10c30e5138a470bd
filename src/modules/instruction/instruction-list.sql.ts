import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { encodeCursor, type ListQuery, type ListSort } from './domain/list-query';

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

/** One page (+1 row to know whether another follows) of the submitted dossiers of `callId`. */
export function instructionListSql(callId: string, q: ListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [callId];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['a.call_id = $1', 'a.submitted_at IS NOT NULL'];
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
  const s = SORTS[q.sort];
  if (q.cursor) where.push(`(${s.expr}, a.id) ${s.desc ? '<' : '>'} (${p(q.cursor.key)}::${s.cast}, ${p(q.cursor.id)}::uuid)`);
  const dir = s.desc ? 'DESC' : 'ASC';
  const sql = `SELECT a.id, a.number, a.title, o.legal_name AS "organisationName", a.departement, a.status,
         a.eu_requested_cents AS "euRequestedCents", a.total_eligible_cents AS "totalEligibleCents",
         a.instructor_id AS "instructorId", u.display_name AS "instructorName", a.labels, a.submitted_at AS "submittedAt",
         er.verdict AS "eligibilityVerdict", a.version, ${s.keyText} AS "sortKey"
    FROM application a
    JOIN organisation o ON o.id = a.organisation_id
    LEFT JOIN app_user u ON u.id = a.instructor_id
    LEFT JOIN eligibility_report er ON er.application_id = a.id
   WHERE ${where.join(' AND ')}
   ORDER BY ${s.expr} ${dir}, a.id ${dir}
   LIMIT ${p(q.limit + 1)}`;
  return { sql, params };
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
      instructor: r.instructorId ? { id: r.instructorId, displayName: r.instructorName ?? '' } : null,
      labels: r.labels,
      submittedAt: r.submittedAt,
      eligibilityVerdict: r.eligibilityVerdict,
      version: r.version,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ sort: q.sort, key: last.sortKey, id: last.id }) : null,
  };
}
