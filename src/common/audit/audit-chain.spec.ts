import { auditRowHash, AuditRowText, GENESIS_HASH, verifyAuditBatch } from './audit-chain';
import { at } from '../collections';

function chain(n: number): AuditRowText[] {
  const rows: AuditRowText[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const row: AuditRowText = {
      seq: String(i),
      prev_hash: prev,
      hash: '',
      occurred_at: `2026-11-23T10:00:0${i}.000000Z`,
      actor_user_id: '',
      actor_kind: 'SYSTEM',
      action: 'test',
      subject_type: 'call',
      subject_id: `c${i}`,
      before: 'null',
      after: `{"i": ${i}}`,
      correlation_id: '',
    };
    row.hash = auditRowHash(row);
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

describe('audit chain verification', () => {
  it('accepts an intact chain, whole or in batches', () => {
    const rows = chain(5);
    expect(verifyAuditBatch(rows, null)).toEqual([]);
    expect(verifyAuditBatch(rows.slice(3), { seq: '3', hash: at(rows, 2, 'fixture').hash })).toEqual([]);
  });

  it('names an altered row, a removed row and a reordered link', () => {
    const altered = chain(4);
    altered[1] = { ...at(altered, 1, 'fixture'), after: '{"i": 99}' };
    expect(verifyAuditBatch(altered, null)).toEqual([{ seq: '2', reason: 'hash does not match the row content' }]);

    const removed = chain(4).filter((r) => r.seq !== '3');
    expect(verifyAuditBatch(removed, null).map((b) => b.reason)).toEqual(['sequence gap: expected 3', 'prev_hash does not match the previous row']);
  });
});
