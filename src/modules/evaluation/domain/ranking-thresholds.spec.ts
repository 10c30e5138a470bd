import type { EvaluationGrid } from './evaluation-grid';
import { thresholdFailures } from './ranking-thresholds';

const grid: EvaluationGrid = {
  criteria: [
    { code: 'C1', label: 'Besoin', weight: 2, scaleMin: 0, scaleMax: 5 },
    { code: 'C2', label: 'Méthode', weight: 1, scaleMin: 0, scaleMax: 5, threshold: 3 },
    { code: 'C3', label: 'Champ', weight: 1, scaleMin: 0, scaleMax: 1, eliminatory: true },
    { code: 'C4', label: 'Partenariat', weight: 1, scaleMin: 1, scaleMax: 5, threshold: 2, eliminatory: true },
  ],
  overallThreshold: 12,
};

describe('thresholdFailures', () => {
  it('passes a dossier at every threshold exactly', () => {
    expect(thresholdFailures(grid, { C1: 3, C2: 3, C3: 1, C4: 2 }, 12)).toEqual([]);
  });

  it('lists every failure in French', () => {
    expect(thresholdFailures(grid, { C1: 5, C2: 2, C3: 0, C4: 1 }, 13)).toEqual([
      'sous le seuil sur C2 : 2 < 3',
      "note éliminatoire sur C3 : 0 (minimum de l'échelle)",
      'note éliminatoire sur C4 : 1 < 2',
    ]);
    expect(thresholdFailures(grid, { C1: 2, C2: 3, C3: 1, C4: 2 }, 11)).toEqual(['sous le seuil global : 11 < 12']);
  });
});
