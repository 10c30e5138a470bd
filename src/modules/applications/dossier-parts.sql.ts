import type { DataSource, EntityManager } from 'typeorm';
import { jsonRow, jsonRows } from '../../database/json-parts';
import { toCentsOrNull } from '../../common/money/cents';
import type { StateAidRegime } from '../cofinancing/domain/state-aid';
import type { TargetInput } from '../participants/domain/targets';
import { TARGETS_IN_FORCE_SQL } from '../participants/indicator-targets.sql';
import {
  ACTIVE_DOCUMENTS_SQL,
  type ApplicationBundle,
  type ApplicationRow,
  CALL_COLUMNS,
  type CallRowRaw,
  type DocumentRowRaw,
  LINES_SQL,
  ORGANISATION_SQL,
  RESOURCES_SQL,
  toCallRow,
  toDocumentRow,
  toLineRow,
  toResourceRow,
} from './application-rows';
import { STATE_AID_SQL, type StateAidRow } from './state-aid.sql';

/** JSON has no timestamp: these fields come back as ISO text and are read back as dates. */
type Json<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

interface PartsRow {
  call: Json<CallRowRaw, 'opensAt' | 'closesAt'> | null;
  organisation: ApplicationBundle['organisation'] | null;
  lines: Parameters<typeof toLineRow>[0][];
  resources: Parameters<typeof toResourceRow>[0][];
  documents: Json<DocumentRowRaw, 'uploadedAt'>[];
  targets: TargetInput[] | null;
  stateAid: StateAidRow[] | null;
}

/** `$1` application, `$2` call, `$3` organisation; a draft also reads what only its submission needs. */
const partsSql = (draft: boolean): string => `SELECT
  ${jsonRow(`SELECT ${CALL_COLUMNS} FROM call c WHERE c.id = $1`, '$2')} AS call,
  ${jsonRow(ORGANISATION_SQL, '$3')} AS organisation,
  ${jsonRows(LINES_SQL, '$1')} AS lines,
  ${jsonRows(RESOURCES_SQL, '$1')} AS resources,
  ${jsonRows(ACTIVE_DOCUMENTS_SQL, '$1')} AS documents,
  ${draft ? jsonRows(TARGETS_IN_FORCE_SQL, '$1') : 'NULL'} AS targets,
  ${draft ? jsonRows(STATE_AID_SQL, '$1') : 'NULL'} AS "stateAid"`;

const PARTS_SQL = { draft: partsSql(true), other: partsSql(false) };

/**
 * A dossier's bundle — its call, organisation, plan lines and resources, documents, and for a draft its indicator targets
 * and State aid declaration — in ONE statement: each part is the query its repository runs alone, aggregated as JSON
 * (docs/decisions/0010-throughput.md: seven round trips were a fifth of a submission's cost). JSON keeps the order of
 * each query's ORDER BY; it has no timestamp type, so the three timestamps are read back here.
 */
export async function readBundle(runner: DataSource | EntityManager, row: ApplicationRow): Promise<ApplicationBundle> {
  const draft = row.status === 'DRAFT';
  const [parts] = await runner.query<PartsRow[]>(draft ? PARTS_SQL.draft : PARTS_SQL.other, [row.id, row.callId, row.organisationId]);
  if (!parts?.call || !parts.organisation) throw new Error(`the call or the organisation of dossier ${row.id} is missing`);
  const { opensAt, closesAt, ...call } = parts.call;
  const bundle: ApplicationBundle = {
    row,
    call: toCallRow({ ...call, opensAt: new Date(opensAt), closesAt: new Date(closesAt) }),
    organisation: parts.organisation,
    lines: parts.lines.map(toLineRow),
    resources: parts.resources.map(toResourceRow),
    documents: parts.documents.map(({ uploadedAt, ...d }) => toDocumentRow({ ...d, uploadedAt: new Date(uploadedAt) })),
  };
  if (!draft) return bundle;
  const [aid] = parts.stateAid ?? [];
  return {
    ...bundle,
    indicatorTargets: parts.targets ?? [],
    stateAid: aid ? { ...aid, regime: aid.regime as StateAidRegime, deMinimisReceivedCents: toCentsOrNull(aid.deMinimisReceivedCents) } : null,
  };
}
