import { type CatalogueQuery, PUBLISHED_STATUSES } from './domain/catalogue-query';
import { beneficiaryLegalNameSql } from '../organisations/beneficiary-identity.sql';
import { departementsOf } from './domain/territories';

/**
 * The published statuses written as literals: the partial indexes of the catalogue (migration 1765040000000) are
 * used only when the query repeats their predicate literally, which a bound array parameter would not.
 */
export const PUBLISHED_SQL = `(${PUBLISHED_STATUSES.map((s) => `'${s}'`).join(',')})`;

/**
 * One published operation with the CPR art. 49(3) fields. The amounts are the retained ones: the plan is the highest
 * financing_plan_version, the EU amount the latest FAVORABLE committee decision's when there is one (a reduced
 * grant), as in the managing authority's reports. Nothing about people is read except the chosen public contact.
 */
export const OPERATION_COLUMNS = `
  a.number, a.title, a.summary, a.place, to_char(a.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(coalesce((SELECT op.end_date FROM operation op WHERE op.application_id = a.id), a.end_date), 'YYYY-MM-DD') AS end_date,
  o.postal_code, (SELECT count(*)::int FROM participant pt WHERE pt.application_id = a.id) AS actual_participants,
  to_char(greatest(a.updated_at, pub.updated_at, fav.decided_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS last_update,
  a.status, a.target_publics, a.operation_type, a.planned_participants, coalesce(a.departement, o.departement) AS departement,
  ${beneficiaryLegalNameSql()} AS beneficiary, c.id AS call_id, c.reference AS call_reference, c.title AS call_title, c.fund, c.specific_objective,
  c.intervention_field_code, c.priority, x.total_cents, x.eu_cents, to_char(fav.decided_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS decision_date,
  pub.public_contact, coalesce(pub.seeks_partners, false) AS seeks_partners`;

export const OPERATION_FROM = `
  FROM application a
  JOIN call c ON c.id = a.call_id
  JOIN organisation o ON o.id = a.organisation_id
  LEFT JOIN application_publication pub ON pub.application_id = a.id
  LEFT JOIN LATERAL (
    SELECT total_eligible_cents, eu_cents FROM financing_plan_version WHERE application_id = a.id ORDER BY version_no DESC LIMIT 1) p ON true
  LEFT JOIN LATERAL (
    SELECT eu_cents, decided_at FROM committee_decision WHERE application_id = a.id AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1) fav ON true
  CROSS JOIN LATERAL (SELECT
    coalesce(p.total_eligible_cents, a.total_eligible_cents, 0) AS total_cents,
    coalesce(fav.eu_cents, p.eu_cents, a.eu_requested_cents, 0) AS eu_cents) x`;

export interface SqlText {
  sql: string;
  params: unknown[];
}

/** WHERE conditions of the filters (the published-status predicate first), with their bound parameters. */
export function catalogueWhere(query: Omit<CatalogueQuery, 'cursor' | 'sort' | 'limit'>, params: unknown[] = []): SqlText {
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = [`a.status IN ${PUBLISHED_SQL}`];
  if (query.q) {
    const tsq = `catalogue_query(${p(query.q)})`;
    // The operation's own text, or its beneficiary's name: two index lookups united, rather than an OR across a join.
    where.push(`a.id IN (
      SELECT s.id FROM application s WHERE s.status IN ${PUBLISHED_SQL} AND catalogue_document(s.title, s.summary, s.social_need, s.place) @@ ${tsq}
      UNION
      SELECT s.id FROM application s JOIN organisation so ON so.id = s.organisation_id
       WHERE s.status IN ${PUBLISHED_SQL} AND catalogue_name_document(so.legal_name) @@ ${tsq})`);
  }
  if (query.departement) where.push(`coalesce(a.departement, o.departement) = ${p(query.departement)}`);
  if (query.region) where.push(`coalesce(a.departement, o.departement) = ANY(${p(departementsOf(query.region))}::text[])`);
  if (query.targetPublic) where.push(`a.target_publics @> jsonb_build_array(${p(query.targetPublic)}::text)`);
  if (query.operationType) where.push(`a.operation_type = ${p(query.operationType)}`);
  if (query.year !== null) where.push(`a.start_date >= make_date(${p(query.year)}::int, 1, 1) AND a.start_date < make_date(${p(query.year + 1)}::int, 1, 1)`);
  if (query.minEuCents !== null) where.push(`x.eu_cents >= ${p(query.minEuCents)}::bigint`);
  if (query.maxEuCents !== null) where.push(`x.eu_cents <= ${p(query.maxEuCents)}::bigint`);
  if (query.status) where.push(`a.status = ${p(query.status)}`);
  return { sql: where.join('\n    AND '), params };
}

const ORDER = {
  recent: 'a.number DESC',
  title: `coalesce(a.title, '') ASC, a.number ASC`,
  amount: 'x.eu_cents DESC, a.number DESC',
} as const;

/** One page of the catalogue: `limit + 1` rows so the caller knows whether another page follows. */
export function cataloguePageSql(query: CatalogueQuery): SqlText {
  const { sql: where, params } = catalogueWhere(query);
  const p = (v: unknown) => `$${params.push(v)}`;
  const c = query.cursor;
  let keyset = '';
  if (c?.sort === 'recent') keyset = `AND a.number < ${p(c.number)}`;
  if (c?.sort === 'title') keyset = `AND (coalesce(a.title, ''), a.number) > (${p(c.title)}::text, ${p(c.number)}::text)`;
  if (c?.sort === 'amount') keyset = `AND (x.eu_cents, a.number) < (${p(c.euCents)}::bigint, ${p(c.number)}::text)`;
  return {
    sql: `SELECT ${OPERATION_COLUMNS} ${OPERATION_FROM}
   WHERE ${where} ${keyset}
   ORDER BY ${ORDER[query.sort]}
   LIMIT ${p(query.limit + 1)}`,
    params,
  };
}

/** Count and EU amount per département for the same filters (the map and its table; their sum is the total). */
export function catalogueByDepartementSql(query: CatalogueQuery): SqlText {
  const { sql: where, params } = catalogueWhere(query);
  return {
    sql: `SELECT coalesce(a.departement, o.departement) AS departement, count(*)::int AS operations, sum(x.eu_cents)::text AS eu_cents ${OPERATION_FROM}
   WHERE ${where}
   GROUP BY 1`,
    params,
  };
}

/** One published operation by its unique code; nothing when the dossier is not (or no longer) published. */
export function operationByNumberSql(number: string): SqlText {
  return { sql: `SELECT ${OPERATION_COLUMNS} ${OPERATION_FROM} WHERE a.status IN ${PUBLISHED_SQL} AND a.number = $1`, params: [number] };
}

/** Every published operation in code order (open data), read in batches through a cursor by the caller. */
export const ALL_OPERATIONS_SQL = `SELECT ${OPERATION_COLUMNS} ${OPERATION_FROM} WHERE a.status IN ${PUBLISHED_SQL} ORDER BY a.number`;
