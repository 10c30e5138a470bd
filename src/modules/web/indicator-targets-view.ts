import { indicatorLabel } from '../participants/domain/indicators';

/** A target as stored (indicator_target): the total, and for EECO01 its breakdown by sex (Annex I). */
export interface TargetValues {
  code: string;
  total: number | null;
  women?: number | null;
  men?: number | null;
  nonBinary?: number | null;
}

/** One row of the read-only « Cibles des indicateurs » table (templates/views/macros/indicator-targets.njk). */
export interface TargetRowView {
  code: string;
  label: string;
  /** « 40 participants », or « non déclarée ». */
  value: string;
  /** « dont 22 femmes, 17 hommes, 1 personne non binaire », or null without a breakdown. */
  breakdown: string | null;
}

const INTEGER = new Intl.NumberFormat('fr-FR', { useGrouping: true, maximumFractionDigits: 0 });
const count = (n: number, one: string, many: string) => `${INTEGER.format(n)} ${n > 1 ? many : one}`;

/**
 * The ESF+ indicator targets in the user's words (issue 14, point 15): the French label of the common indicator
 * (Regulation (EU) 2021/1057, Annex I), the code only as secondary information, the value with its unit. `codes`
 * gives the order and the indicators expected (a missing one reads « non déclarée »); without it, the targets given.
 */
export function targetRows(targets: readonly TargetValues[], codes?: readonly string[]): TargetRowView[] {
  const byCode = new Map(targets.map((t) => [t.code, t]));
  return (codes ?? targets.map((t) => t.code)).map((code) => {
    const t = byCode.get(code);
    const parts = t ? [t.women, t.men, t.nonBinary] : [];
    const hasBreakdown = parts.some((x) => x !== null && x !== undefined);
    return {
      code,
      label: indicatorLabel(code),
      value: t && t.total !== null ? count(t.total, 'participant', 'participants') : 'non déclarée',
      breakdown:
        t && hasBreakdown
          ? `dont ${count(t.women ?? 0, 'femme', 'femmes')}, ${count(t.men ?? 0, 'homme', 'hommes')}, ${count(t.nonBinary ?? 0, 'personne non binaire', 'personnes non binaires')}`
          : null,
    };
  });
}
