import type { RankingStatus } from './ranking';

/** Where the ranking page draws the funding line and what it says around it. */
export interface FundingLinePosition {
  /** Index in `rows` of the row the line is drawn before; `rows.length` after the last row; -1 when nothing is ranked. */
  lineAt: number;
  /** The line falls after every row. */
  lineAtEnd: boolean;
  /** The row right below the line is a reserve dossier. */
  reserveBelowLine: boolean;
  /** Ranked dossiers on the reserve list. */
  reserveCount: number;
}

/**
 * The funding line (docs/domain/evaluation.md) sits before the first ranked dossier that is not funded. With
 * `fillRemainder`, later rows may still be funded: the line then marks where the envelope first fell short. `rows` are
 * the ranking's rows in order, ranked ones first (those with a rank).
 */
export function fundingLinePosition(rows: readonly { rank: number | null; status: RankingStatus }[]): FundingLinePosition {
  const ranked = rows.filter((r) => r.rank !== null);
  const firstUnfunded = ranked.findIndex((r) => r.status !== 'FUNDED');
  const lineAt = ranked.length === 0 ? -1 : firstUnfunded === -1 ? ranked.length : firstUnfunded;
  return {
    lineAt,
    lineAtEnd: lineAt === rows.length,
    reserveBelowLine: lineAt !== -1 && rows[lineAt]?.status === 'RESERVE',
    reserveCount: ranked.filter((r) => r.status === 'RESERVE').length,
  };
}
