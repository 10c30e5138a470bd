import { formatEuros, formatRate } from '../../../common/money/cents';
import type { Dashboard, FigureId, FigureTable } from '../domain/dashboard';

/** Whole euros for the charts only (the tables and CSV keep exact cents): floor of cents ÷ 100, integer arithmetic. */
const euros = (cents: number | string | undefined) => Math.trunc(Number(cents) / 100);

export interface ChartModel {
  tag: 'line-chart' | 'bar-chart' | 'pie-chart' | 'map-chart';
  attrs: Record<string, string>;
}

function chartOf(f: FigureTable, envelopeCents: number): ChartModel | null {
  if (!f.rows.length) return null;
  const labels = (key: string) => f.rows.map((r) => String(r[key]));
  const values = (key: string) => f.rows.map((r) => euros(r[key]));
  switch (f.id) {
    case 'consommation':
      return {
        tag: 'line-chart',
        attrs: {
          x: JSON.stringify([labels('month'), labels('month')]),
          y: JSON.stringify([values('cumulativeEuCents'), f.rows.map(() => euros(envelopeCents))]),
          name: JSON.stringify(['FSE+ programmé cumulé', 'Enveloppe des appels']),
          'unit-tooltip': '€',
        },
      };
    case 'appels':
      return {
        tag: 'bar-chart',
        attrs: {
          x: JSON.stringify([labels('reference')]),
          y: JSON.stringify([values('envelopeCents'), values('euCents')]),
          name: JSON.stringify(['Enveloppe', 'FSE+ programmé']),
          'unit-tooltip': '€',
          'selected-palette': 'categorical',
        },
      };
    case 'departements':
      return {
        tag: 'map-chart',
        attrs: {
          data: JSON.stringify(Object.fromEntries(f.rows.filter((r) => r.code).map((r) => [r.code, euros(r.euCents)]))),
          value: String(euros(f.rows.reduce((n, r) => n + Number(r.euCents), 0))),
          name: 'FSE+ programmé (€)',
          level: 'dep',
        },
      };
    case 'regions':
    case 'publics':
      return {
        tag: 'bar-chart',
        attrs: {
          x: JSON.stringify([labels(f.id === 'regions' ? 'name' : 'label')]),
          y: JSON.stringify([values('euCents')]),
          name: JSON.stringify(['FSE+ programmé']),
          horizontal: 'true',
          'unit-tooltip': '€',
        },
      };
    case 'execution':
      return {
        tag: 'bar-chart',
        attrs: {
          x: JSON.stringify([labels('reference')]),
          y: JSON.stringify([values('euCents'), values('declaredCents'), values('verifiedCents'), values('paidCents')]),
          name: JSON.stringify(['FSE+ programmé', 'Dépenses déclarées', 'Dépenses retenues', 'FSE+ payé']),
          'unit-tooltip': '€',
          'selected-palette': 'categorical',
        },
      };
    case 'types':
      return {
        tag: 'pie-chart',
        attrs: {
          x: JSON.stringify([labels('label')]),
          y: JSON.stringify([values('euCents')]),
          name: JSON.stringify(labels('label')),
          'unit-tooltip': '€',
          'selected-palette': 'categorical',
        },
      };
  }
}

function cellText(kind: string, v: string | number | undefined): string {
  if (v === undefined) return '';
  if (kind === 'cents') return formatEuros(Number(v));
  if (kind === 'bp') return formatRate(Math.min(10_000, Number(v)));
  return String(v);
}

/** What dashboard/index.njk reads: the indicators, and for each figure its chart, its table and its CSV link. */
export function dashboardPageModel(d: Dashboard, query: string) {
  const k = d.kpis;
  return {
    kpis: [
      { label: 'Appels lancés', value: String(k.callsLaunched) },
      { label: 'Dossiers reçus', value: String(k.dossiersReceived) },
      { label: 'Projets financés', value: String(k.projectsFunded) },
      { label: 'FSE+ programmé', value: formatEuros(k.euGrantedCents) },
      { label: "Part de l'enveloppe consommée", value: `${formatRate(Math.min(10_000, k.consumptionBp))} de ${formatEuros(k.envelopeCents)}` },
      { label: 'Dépenses déclarées', value: formatEuros(k.declaredCents) },
      { label: 'Dépenses retenues après vérification', value: formatEuros(k.verifiedCents) },
      { label: 'FSE+ payé', value: formatEuros(k.paidCents) },
    ],
    figures: (Object.keys(d.figures) as FigureId[]).map((id) => {
      const f = d.figures[id];
      const chart = chartOf(f, k.envelopeCents);
      return {
        id,
        title: f.title,
        chart: chart ? { tag: chart.tag, attrs: Object.entries(chart.attrs).map(([name, value]) => ({ name, value })) } : null,
        headers: f.columns.map((c) => c.header),
        numeric: f.columns.map((c) => c.kind !== 'text'),
        rows: f.rows.map((r) => f.columns.map((c) => cellText(c.kind, r[c.key]))),
        csvHref: `/tableau-de-bord/export/${id}${query ? `?${query}` : ''}`,
      };
    }),
  };
}
