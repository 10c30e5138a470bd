export interface RankedRow {
  rank: number | null;
  status: string;
}

/**
 * The agenda order (docs/domain/evaluation.md, committee.md): the ranked dossiers in rank order (funded and reserve interleave when the call's
 * `fillRemainder` skipped some), then the below-threshold and the ineligible ones, which the committee must refuse,
 * in the ranking's own order. Anything else (pending dossiers) is not scheduled.
 */
export function agendaOrder<T extends RankedRow>(rows: readonly T[]): T[] {
  const ranked = rows.filter((r) => r.rank !== null && (r.status === 'FUNDED' || r.status === 'RESERVE')).sort((a, b) => a.rank! - b.rank!);
  return [...ranked, ...rows.filter((r) => r.status === 'BELOW_THRESHOLD'), ...rows.filter((r) => r.status === 'INELIGIBLE')];
}
