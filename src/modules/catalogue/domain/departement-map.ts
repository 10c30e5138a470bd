import { compareDepartements, DEPARTEMENT_CODES, departementName } from './territories';

export interface DepartementFigure {
  departement: string;
  operations: number;
  euCents: number;
}

/** One shade per département: level 0 is "no operation", 1..4 the quartiles of the non-zero counts. */
export interface MapArea {
  code: string;
  name: string;
  operations: number;
  level: 0 | 1 | 2 | 3 | 4;
}

export interface MapLegendItem {
  level: 0 | 1 | 2 | 3 | 4;
  label: string;
}

/**
 * Shades the départements by number of operations: upper bounds are the quartiles of the non-zero counts, so a few
 * very large départements do not wash out the others. Every département appears, with 0 when it has nothing.
 */
export function departementMap(figures: readonly DepartementFigure[]): { areas: MapArea[]; legend: MapLegendItem[] } {
  const counts = new Map(figures.map((f) => [f.departement, f.operations]));
  const nonZero = [...counts.values()].filter((n) => n > 0).sort((a, b) => a - b);
  const bounds = [0.25, 0.5, 0.75, 1].map((q) => nonZero[Math.max(0, Math.ceil(q * nonZero.length) - 1)] ?? 0);
  const levelOf = (n: number): MapArea['level'] => {
    if (n <= 0) return 0;
    const i = bounds.findIndex((b) => n <= b);
    return (i < 0 ? 4 : i + 1) as MapArea['level'];
  };
  const areas = DEPARTEMENT_CODES.map((code) => {
    const operations = counts.get(code) ?? 0;
    return { code, name: departementName(code) ?? code, operations, level: levelOf(operations) };
  });
  const legend: MapLegendItem[] = [{ level: 0, label: 'Aucun projet' }];
  let low = 1;
  bounds.forEach((high, i) => {
    if (high < low) return;
    legend.push({ level: (i + 1) as MapLegendItem['level'], label: low === high ? `${low} projet${low > 1 ? 's' : ''}` : `${low} à ${high} projets` });
    low = high + 1;
  });
  return { areas, legend };
}

/** The figures as the table beside the map lists them: départements with at least one operation, in code order. */
export function departementTable(figures: readonly DepartementFigure[]): (DepartementFigure & { name: string })[] {
  return figures
    .filter((f) => f.operations > 0)
    .map((f) => ({ ...f, name: departementName(f.departement) ?? f.departement }))
    .sort((a, b) => compareDepartements(a.departement, b.departement));
}
