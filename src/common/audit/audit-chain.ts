import { createHash } from 'node:crypto';

/** One audit row as rendered by SQL for verification (text forms identical to what the trigger hashed). */
export interface AuditRowText {
  seq: string;
  prev_hash: string;
  hash: string;
  occurred_at: string;
  actor_user_id: string;
  actor_kind: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string;
  after: string;
  correlation_id: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditRowHash(r: AuditRowText): string {
  const input = [
    r.seq,
    r.prev_hash,
    r.occurred_at,
    r.actor_user_id,
    r.actor_kind,
    r.action,
    r.subject_type,
    r.subject_id,
    r.before,
    r.after,
    r.correlation_id,
  ].join('|');
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: string;
  reason: string;
}

/** Checks numbering, links and hashes of consecutive rows; `previous` is the row before the batch (or null). */
export function verifyAuditBatch(rows: AuditRowText[], previous: { seq: string; hash: string } | null): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let prev = previous;
  for (const r of rows) {
    const expectedSeq = prev ? (BigInt(prev.seq) + 1n).toString() : '1';
    if (r.seq !== expectedSeq) breaks.push({ seq: r.seq, reason: `sequence gap: expected ${expectedSeq}` });
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (r.prev_hash !== expectedPrev) breaks.push({ seq: r.seq, reason: 'prev_hash does not match the previous row' });
    if (auditRowHash(r) !== r.hash) breaks.push({ seq: r.seq, reason: 'hash does not match the row content' });
    prev = { seq: r.seq, hash: r.hash };
  }
  return breaks;
}

/** SQL that renders rows exactly as the trigger's audit_log_hash_input() does. */
export const AUDIT_ROWS_SQL = `
  SELECT seq::text AS seq, prev_hash, hash,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
         coalesce(actor_user_id::text, '') AS actor_user_id, actor_kind, action, subject_type, subject_id,
         coalesce(before::text, 'null') AS before, coalesce(after::text, 'null') AS after,
         coalesce(correlation_id, '') AS correlation_id
    FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`;
