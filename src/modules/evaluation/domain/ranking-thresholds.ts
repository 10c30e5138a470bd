import type { EvaluationGrid } from './evaluation-grid';

/**
 * Every threshold the dossier misses, in French, e.g. "sous le seuil sur C2 : 2 < 3"; empty when it passes all.
 * Scores must already be validated against the grid.
 */
export function thresholdFailures(grid: EvaluationGrid, scores: Readonly<Record<string, number>>, total: number): string[] {
  const failures: string[] = [];
  for (const c of grid.criteria) {
    const score = scores[c.code];
    if (score === undefined) continue; // validated against the grid beforehand: every criterion has its score
    if (c.threshold !== undefined && score < c.threshold) {
      failures.push(`${c.eliminatory ? 'note éliminatoire' : 'sous le seuil'} sur ${c.code} : ${score} < ${c.threshold}`);
    } else if (c.eliminatory && c.threshold === undefined && score <= c.scaleMin) {
      failures.push(`note éliminatoire sur ${c.code} : ${score} (minimum de l'échelle)`);
    }
  }
  if (grid.overallThreshold !== undefined && total < grid.overallThreshold) {
    failures.push(`sous le seuil global : ${total} < ${grid.overallThreshold}`);
  }
  return failures;
}
