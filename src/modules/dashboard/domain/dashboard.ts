import { cents, shareBp as moneyShareBp } from '../../../common/money/cents';
import { operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';
import { compareDepartements, departementName, regionName, regionOf } from '../../catalogue/domain/territories';

/** Aggregates as the repository reads them (amounts in cents, already summed in SQL). */
export interface DashboardRaw {
  calls: { id: string; reference: string; title: string; envelopeCents: number; launchedInPeriod: boolean }[];
  dossiersReceived: number;
  byCall: { callId: string; operations: number; euCents: number }[];
  byMonth: { month: string; operations: number; euCents: number }[];
  byDepartement: { departement: string | null; operations: number; euCents: number }[];
  byTargetPublic: { code: string; operations: number; euCents: number }[];
  byOperationType: { code: string | null; operations: number; euCents: number }[];
  /** Per call, as of today: what beneficiaries declared, what verification retained, what was paid, participants. */
  execution: { callId: string; declaredCents: number; verifiedCents: number; paidCents: number; participants: number; participantTarget: number }[];
}

export interface Kpis {
  callsLaunched: number;
  dossiersReceived: number;
  projectsFunded: number;
  euGrantedCents: number;
  envelopeCents: number;
  /** EU programmed / envelope of the calls in scope, floored to the basis point. */
  consumptionBp: number;
  declaredCents: number;
  verifiedCents: number;
  paidCents: number;
}

export type CellKind = 'text' | 'count' | 'cents' | 'bp';
export interface FigureColumn {
  key: string;
  header: string;
  kind: CellKind;
}
export interface FigureTable {
  id: FigureId;
  title: string;
  columns: FigureColumn[];
  rows: Record<string, string | number>[];
}

export const FIGURE_IDS = ['consommation', 'appels', 'departements', 'regions', 'publics', 'types', 'execution'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export function isFigureId(s: string): s is FigureId {
  return (FIGURE_IDS as readonly string[]).includes(s);
}

export interface Dashboard {
  kpis: Kpis;
  figures: Record<FigureId, FigureTable>;
}

/** Share in basis points, floored (the one share computation, common/money); 0 when there is nothing to share. */
function shareBp(part: number, whole: number): number {
  return moneyShareBp(cents(Math.max(0, part)), cents(Math.max(0, whole)));
}

const OPS: FigureColumn = { key: 'operations', header: 'Projets programmés', kind: 'count' };
const EU: FigureColumn = { key: 'euCents', header: 'FSE+ programmé', kind: 'cents' };

/**
 * The managing authority's indicators (the social-innovation roadmap's: calls launched, dossiers received, projects
 * funded, ESF+ granted) and one table per figure, each the data of a chart and of its CSV. An operation with two target
 * publics counts once under each of them (so that table does not add up to the total).
 */
export function buildDashboard(raw: DashboardRaw): Dashboard {
  const projectsFunded = raw.byCall.reduce((n, r) => n + r.operations, 0);
  const euGrantedCents = raw.byCall.reduce((n, r) => n + r.euCents, 0);
  const envelopeCents = raw.calls.reduce((n, c) => n + c.envelopeCents, 0);
  const sum = (key: 'declaredCents' | 'verifiedCents' | 'paidCents') => raw.execution.reduce((n, r) => n + r[key], 0);
  const kpis: Kpis = {
    callsLaunched: raw.calls.filter((c) => c.launchedInPeriod).length,
    dossiersReceived: raw.dossiersReceived,
    projectsFunded,
    euGrantedCents,
    envelopeCents,
    consumptionBp: shareBp(euGrantedCents, envelopeCents),
    declaredCents: sum('declaredCents'),
    verifiedCents: sum('verifiedCents'),
    paidCents: sum('paidCents'),
  };

  let cumulative = 0;
  const months = [...raw.byMonth].sort((a, b) => a.month.localeCompare(b.month));
  const consumption: FigureTable = {
    id: 'consommation',
    title: "Consommation de l'enveloppe dans le temps",
    columns: [
      { key: 'month', header: 'Mois de programmation', kind: 'text' },
      OPS,
      EU,
      { key: 'cumulativeEuCents', header: 'FSE+ programmé cumulé', kind: 'cents' },
      { key: 'consumptionBp', header: "Part de l'enveloppe consommée", kind: 'bp' },
    ],
    rows: months.map((m) => {
      cumulative += m.euCents;
      return { month: m.month, operations: m.operations, euCents: m.euCents, cumulativeEuCents: cumulative, consumptionBp: shareBp(cumulative, envelopeCents) };
    }),
  };

  const programmed = new Map(raw.byCall.map((r) => [r.callId, r]));
  const byCall: FigureTable = {
    id: 'appels',
    title: 'Enveloppe et programmation par appel',
    columns: [
      { key: 'reference', header: 'Référence', kind: 'text' },
      { key: 'title', header: 'Appel', kind: 'text' },
      { key: 'envelopeCents', header: 'Enveloppe', kind: 'cents' },
      OPS,
      EU,
      { key: 'consumptionBp', header: 'Part consommée', kind: 'bp' },
    ],
    rows: [...raw.calls]
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((c) => {
        const p = programmed.get(c.id);
        return {
          reference: c.reference,
          title: c.title,
          envelopeCents: c.envelopeCents,
          operations: p?.operations ?? 0,
          euCents: p?.euCents ?? 0,
          consumptionBp: shareBp(p?.euCents ?? 0, c.envelopeCents),
        };
      }),
  };

  const deps = raw.byDepartement.filter((d) => d.operations > 0).sort((a, b) => compareDepartements(a.departement ?? 'ZZ', b.departement ?? 'ZZ'));
  const byDepartement: FigureTable = {
    id: 'departements',
    title: 'Programmation par département',
    columns: [{ key: 'code', header: 'Code', kind: 'text' }, { key: 'name', header: 'Département', kind: 'text' }, OPS, EU],
    rows: deps.map((d) => ({
      code: d.departement ?? '',
      name: departementName(d.departement) ?? 'Non renseigné',
      operations: d.operations,
      euCents: d.euCents,
    })),
  };

  const regions = new Map<string, { operations: number; euCents: number }>();
  for (const d of raw.byDepartement) {
    const key = regionOf(d.departement) ?? '';
    const acc = regions.get(key) ?? { operations: 0, euCents: 0 };
    regions.set(key, { operations: acc.operations + d.operations, euCents: acc.euCents + d.euCents });
  }
  const byRegion: FigureTable = {
    id: 'regions',
    title: 'Programmation par région',
    columns: [{ key: 'code', header: 'Code', kind: 'text' }, { key: 'name', header: 'Région', kind: 'text' }, OPS, EU],
    rows: [...regions.entries()]
      .filter(([, v]) => v.operations > 0)
      .map(([code, v]) => ({ code, name: regionName(code) ?? 'Hors région', ...v }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };

  const byTargetPublic: FigureTable = {
    id: 'publics',
    title: 'Programmation par public cible',
    columns: [{ key: 'label', header: 'Public cible', kind: 'text' }, OPS, EU],
    rows: [...raw.byTargetPublic]
      .sort((a, b) => b.operations - a.operations || a.code.localeCompare(b.code))
      .map((r) => ({ label: targetPublicLabel(r.code), operations: r.operations, euCents: r.euCents })),
  };

  const byOperationType: FigureTable = {
    id: 'types',
    title: "Programmation par type d'opération",
    columns: [{ key: 'label', header: "Type d'opération", kind: 'text' }, OPS, EU],
    rows: [...raw.byOperationType]
      .sort((a, b) => b.operations - a.operations || (a.code ?? '').localeCompare(b.code ?? ''))
      .map((r) => ({ label: r.code ? operationTypeLabel(r.code) : 'Non précisé', operations: r.operations, euCents: r.euCents })),
  };

  const executed = new Map(raw.execution.map((r) => [r.callId, r]));
  const execution: FigureTable = {
    id: 'execution',
    title: 'Exécution : dépenses déclarées, vérifiées et payées, participants',
    columns: [
      { key: 'reference', header: 'Appel', kind: 'text' },
      EU,
      { key: 'declaredCents', header: 'Dépenses déclarées', kind: 'cents' },
      { key: 'verifiedCents', header: 'Dépenses retenues après vérification', kind: 'cents' },
      { key: 'paidCents', header: 'FSE+ payé', kind: 'cents' },
      { key: 'paidBp', header: 'Part du FSE+ programmé payée', kind: 'bp' },
      { key: 'participants', header: 'Participants entrés (EECO01)', kind: 'count' },
      { key: 'participantTarget', header: 'Cible de participants', kind: 'count' },
    ],
    rows: [...raw.calls]
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((c) => {
        const e = executed.get(c.id);
        const eu = programmed.get(c.id)?.euCents ?? 0;
        return {
          reference: c.reference,
          euCents: eu,
          declaredCents: e?.declaredCents ?? 0,
          verifiedCents: e?.verifiedCents ?? 0,
          paidCents: e?.paidCents ?? 0,
          paidBp: shareBp(e?.paidCents ?? 0, eu),
          participants: e?.participants ?? 0,
          participantTarget: e?.participantTarget ?? 0,
        };
      }),
  };

  return {
    kpis,
    figures: {
      consommation: consumption,
      appels: byCall,
      departements: byDepartement,
      regions: byRegion,
      publics: byTargetPublic,
      types: byOperationType,
      execution,
    },
  };
}
