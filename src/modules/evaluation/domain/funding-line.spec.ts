import { fundingLinePosition } from './funding-line';

const row = (rank: number | null, status: 'FUNDED' | 'RESERVE' | 'BELOW_THRESHOLD' | 'INELIGIBLE') => ({ rank, status });

describe('fundingLinePosition', () => {
  it('draws the line before the first ranked dossier not funded', () => {
    expect(fundingLinePosition([row(1, 'FUNDED'), row(2, 'FUNDED'), row(3, 'RESERVE'), row(null, 'BELOW_THRESHOLD')])).toEqual({
      lineAt: 2,
      lineAtEnd: false,
      reserveBelowLine: true,
      reserveCount: 1,
    });
  });

  it('puts the line after the ranked rows when every one is funded', () => {
    expect(fundingLinePosition([row(1, 'FUNDED'), row(2, 'FUNDED')])).toEqual({ lineAt: 2, lineAtEnd: true, reserveBelowLine: false, reserveCount: 0 });
    // Unranked rows follow the line.
    expect(fundingLinePosition([row(1, 'FUNDED'), row(null, 'INELIGIBLE')])).toMatchObject({ lineAt: 1, lineAtEnd: false, reserveBelowLine: false });
  });

  it('with fillRemainder, marks where the envelope first fell short even if later rows are funded', () => {
    expect(fundingLinePosition([row(1, 'FUNDED'), row(2, 'RESERVE'), row(3, 'FUNDED')])).toMatchObject({ lineAt: 1, reserveCount: 1 });
  });

  it('draws no line when nothing is ranked', () => {
    expect(fundingLinePosition([row(null, 'BELOW_THRESHOLD')])).toEqual({ lineAt: -1, lineAtEnd: false, reserveBelowLine: false, reserveCount: 0 });
    expect(fundingLinePosition([])).toEqual({ lineAt: -1, lineAtEnd: false, reserveBelowLine: false, reserveCount: 0 });
  });
});
