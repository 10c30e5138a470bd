/**
 * The last answers of the ranking, each kept with the fingerprint of the rows it was computed from
 * (RankingRepository#fingerprint). An entry is served only while the fingerprint read now is the same, so a changed
 * score, consensus, decision, plan or status is seen by the very next request; the cache only spares re-ranking and
 * re-serialising unchanged data (docs/decisions/0010-throughput.md). Bounded: the least recently used call goes first.
 */
export class RankingCache {
  private readonly entries = new Map<string, { fingerprint: string; json: string }>();

  constructor(private readonly capacity = 16) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('the ranking cache holds at least one call');
  }

  /** The stored answer when it was computed from rows with this fingerprint, else undefined. */
  get(callId: string, fingerprint: string): string | undefined {
    const entry = this.entries.get(callId);
    if (!entry || entry.fingerprint !== fingerprint) return undefined;
    this.entries.delete(callId);
    this.entries.set(callId, entry); // most recently used last
    return entry.json;
  }

  set(callId: string, fingerprint: string, json: string): void {
    this.entries.delete(callId);
    this.entries.set(callId, { fingerprint, json });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
