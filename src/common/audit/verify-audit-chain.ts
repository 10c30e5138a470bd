import { DataSource } from 'typeorm';
import { AUDIT_ROWS_SQL, AuditRowText, ChainBreak, verifyAuditBatch } from './audit-chain';

/** Walks the whole audit log in order, recomputing every hash outside the database. */
export async function verifyAuditChain(ds: DataSource, batchSize = 5000): Promise<{ rows: number; breaks: ChainBreak[] }> {
  let previous: { seq: string; hash: string } | null = null;
  let rows = 0;
  const breaks: ChainBreak[] = [];
  for (;;) {
    const batch: AuditRowText[] = await ds.query(AUDIT_ROWS_SQL, [previous?.seq ?? '0', batchSize]);
    const last = batch.at(-1);
    if (!last) break;
    breaks.push(...verifyAuditBatch(batch, previous));
    rows += batch.length;
    previous = { seq: last.seq, hash: last.hash };
  }
  return { rows, breaks };
}
