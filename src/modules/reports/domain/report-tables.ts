import { APPLICATION_STATUS_LABELS } from '../../applications/domain/application-status';
import { ANNEX_I_DEFAULTS } from './annex-vii';
import { type DecisionOutcome, euRateBp, type OperationRecord } from './operation-record';
import { REGION_CATEGORY_LABELS, type RegionCategory, regionCategoryOf } from './region-category';
import type { TableSpec } from './table-columns';

export const DECISION_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  FAVORABLE: 'Favorable',
  DEFAVORABLE: 'Défavorable',
  POSTPONED: 'Ajourné',
};

/**
 * The programming table's decision and status of a row. A reduced award is a proposal until the beneficiary accepts it
 * (docs/domain/committee.md): « Favorable, montant réduit proposé » and « Proposé, en attente d'acceptation », its
 * EU amount shown (the amount proposed) but left out of the programmed total (docs/domain/reports.md).
 */
function programmingDecision(r: Pick<OperationRecord, 'decisionOutcome' | 'status'>): string | null {
  if (r.status === 'AWARD_PROPOSED') return 'Favorable, montant réduit proposé';
  return r.decisionOutcome ? DECISION_LABELS[r.decisionOutcome] : null;
}

function programmingStatus(status: OperationRecord['status']): string {
  return status === 'AWARD_PROPOSED' ? 'Proposé, en attente d’acceptation' : APPLICATION_STATUS_LABELS[status];
}

const FUND_LABELS: Readonly<Record<string, string>> = { ESF_PLUS: 'FSE+' };
export const fundLabel = (code: string): string => FUND_LABELS[code] ?? code;

/**
 * Execution figures carried into the managing authority's tables (docs/domain/payments.md): expenditure declared by
 * the beneficiary, verified (retained by the management verifications), EU amount paid, irregularities recorded.
 */
const EXECUTION_COLUMNS = [
  { header: 'Dépenses déclarées (€)', kind: 'euros', width: 16 },
  { header: 'Dépenses vérifiées (€)', kind: 'euros', width: 16 },
  { header: 'FSE+ payé (€)', kind: 'euros', width: 16 },
  { header: 'Irrégularités (€)', kind: 'euros', width: 16 },
] as const;

type ExecutionFigures = Pick<OperationRecord, 'declaredCents' | 'verifiedCents' | 'paidCents' | 'irregularityCents'>;
const executionCells = (r: ExecutionFigures): number[] => [r.declaredCents, r.verifiedCents, r.paidCents, r.irregularityCents];

/** The closing line: "Total" in the first column, the execution figures summed, other columns empty. */
function executionTotals(before: number): { add(r: ExecutionFigures): void; cells(): (string | number | null)[] } {
  const sums = [0, 0, 0, 0];
  return {
    add: (r) => executionCells(r).forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v)),
    cells: () => ['Total', ...Array<null>(before - 1).fill(null), ...sums],
  };
}

/** docs/domain/reports.md, programming table: one row per dossier that reached the committee, with envelope consumption. */
export const PROGRAMMING_TABLE: TableSpec<OperationRecord> = {
  sheetName: 'Programmation',
  columns: [
    { header: 'Appel à projets', kind: 'text', width: 18 },
    { header: 'N° de dossier', kind: 'text', width: 16 },
    { header: 'Structure', kind: 'text', width: 32 },
    { header: 'SIRET', kind: 'text', width: 16 },
    { header: 'Intitulé', kind: 'text', width: 40 },
    { header: 'Date de début', kind: 'date', width: 12 },
    { header: 'Date de fin', kind: 'date', width: 12 },
    { header: 'Coût total éligible (€)', kind: 'euros', width: 16 },
    { header: 'Montant FSE+ (€)', kind: 'euros', width: 16 },
    { header: 'Taux FSE+ (%)', kind: 'rate', width: 10 },
    { header: 'Autres ressources (€)', kind: 'euros', width: 16 },
    { header: 'Décision du comité', kind: 'text', width: 14 },
    { header: 'Date de décision', kind: 'date', width: 12 },
    { header: 'Statut', kind: 'text', width: 18 },
    { header: 'Enveloppe de l’appel (€)', kind: 'euros', width: 16 },
    { header: 'Programmé cumulé (€)', kind: 'euros', width: 16 },
    { header: 'Reste de l’enveloppe (€)', kind: 'euros', width: 16 },
    ...EXECUTION_COLUMNS,
  ],
  footer: () => executionTotals(17),
  toCells: (r) => [
    r.callReference,
    r.number,
    r.organisationName,
    r.siret,
    r.title,
    r.startDate,
    r.endDate,
    r.totalEligibleCents,
    r.euCents,
    euRateBp(r.euCents, r.totalEligibleCents),
    r.otherResourcesCents,
    programmingDecision(r),
    r.decisionDate,
    programmingStatus(r.status),
    r.envelopeCents,
    r.programmedToDateCents,
    r.envelopeCents - r.programmedToDateCents,
    ...executionCells(r),
  ],
};

/** CPR art. 49(3): the list of operations selected, with a unique code per operation (the dossier number). */
export const OPERATIONS_LIST: TableSpec<OperationRecord> = {
  sheetName: 'Opérations',
  columns: [
    { header: 'Code unique de l’opération', kind: 'text', width: 16 },
    { header: 'Nom du bénéficiaire', kind: 'text', width: 32 },
    { header: 'Nom de l’opération', kind: 'text', width: 40 },
    { header: 'Objet de l’opération', kind: 'text', width: 60 },
    { header: 'Date de début', kind: 'date', width: 12 },
    { header: 'Date de fin', kind: 'date', width: 12 },
    { header: 'Coût total (€)', kind: 'euros', width: 16 },
    { header: 'Fonds', kind: 'text', width: 8 },
    { header: 'Objectif spécifique', kind: 'text', width: 12 },
    { header: 'Taux de cofinancement UE (%)', kind: 'rate', width: 12 },
    { header: 'Code postal du bénéficiaire', kind: 'text', width: 10 },
    { header: 'Département de l’opération', kind: 'text', width: 10 },
    { header: 'Domaine d’intervention', kind: 'text', width: 10 },
    { header: 'Pays', kind: 'text', width: 6 },
    { header: 'Réalisations prévues (participants)', kind: 'integer', width: 12 },
    { header: 'Réalisations à ce jour (participants)', kind: 'integer', width: 12 },
    { header: 'Date de dernière mise à jour', kind: 'date', width: 12 },
    ...EXECUTION_COLUMNS,
  ],
  footer: () => executionTotals(17),
  toCells: (r) => [
    r.number,
    r.organisationName,
    r.title,
    r.summary,
    r.startDate,
    r.endDate,
    r.totalEligibleCents,
    fundLabel(r.fund),
    r.specificObjective,
    euRateBp(r.euCents, r.totalEligibleCents),
    r.postalCode,
    r.departement,
    r.interventionField,
    'FR',
    r.plannedParticipants ?? null,
    r.actualParticipants ?? null,
    r.lastUpdate ?? null,
    ...executionCells(r),
  ],
};

/** One Annex VII line: operations selected, total eligible cost and EU contribution for one breakdown key. */
export interface FinancialDataRow {
  priority: number;
  specificObjective: string;
  regionCategory: RegionCategory;
  interventionField: string;
  operations: number;
  totalEligibleCents: number;
  euCents: number;
  declaredCents: number;
  verifiedCents: number;
  paidCents: number;
  irregularityCents: number;
  /** The transmission (CPR art. 42(1)) the line feeds, `YYYY-MM-DD`; null when not given. */
  cutOffDate?: string | null;
}

/**
 * CPR art. 42(2)(a) / Annex VII: aggregates operations by priority × specific objective × category of region ×
 * intervention field. Pure and order-independent; the output is sorted by its key so that exports are stable.
 */
export function aggregateFinancialData(
  records: Iterable<
    Pick<OperationRecord, 'priority' | 'specificObjective' | 'departement' | 'interventionField' | 'totalEligibleCents' | 'euCents'> &
      Partial<ExecutionFigures> & { regionCategory?: string | null }
  >,
  cutOffDate: string | null = null,
): FinancialDataRow[] {
  const groups = new Map<string, FinancialDataRow>();
  for (const r of records) {
    const regionCategory = regionCategoryOf(r.departement, r.regionCategory);
    const key = [r.priority, r.specificObjective, regionCategory, r.interventionField].join('\u0000');
    const g = groups.get(key) ?? {
      priority: r.priority,
      specificObjective: r.specificObjective,
      regionCategory,
      interventionField: r.interventionField,
      operations: 0,
      totalEligibleCents: 0,
      euCents: 0,
      declaredCents: 0,
      verifiedCents: 0,
      paidCents: 0,
      irregularityCents: 0,
      cutOffDate,
    };
    g.operations += 1;
    g.totalEligibleCents += r.totalEligibleCents;
    g.euCents += r.euCents;
    g.declaredCents += r.declaredCents ?? 0;
    g.verifiedCents += r.verifiedCents ?? 0;
    g.paidCents += r.paidCents ?? 0;
    g.irregularityCents += r.irregularityCents ?? 0;
    groups.set(key, g);
  }
  const order: RegionCategory[] = ['MORE_DEVELOPED', 'TRANSITION', 'LESS_DEVELOPED', 'UNKNOWN'];
  return [...groups.values()].sort(
    (a, b) =>
      a.priority - b.priority ||
      a.specificObjective.localeCompare(b.specificObjective) ||
      order.indexOf(a.regionCategory) - order.indexOf(b.regionCategory) ||
      a.interventionField.localeCompare(b.interventionField),
  );
}

export const FINANCIAL_DATA: TableSpec<FinancialDataRow> = {
  sheetName: 'Données financières',
  columns: [
    { header: 'Priorité', kind: 'integer', width: 9 },
    { header: 'Objectif spécifique', kind: 'text', width: 12 },
    { header: 'Catégorie de région', kind: 'text', width: 26 },
    { header: 'Domaine d’intervention', kind: 'text', width: 10 },
    { header: 'Forme de financement', kind: 'text', width: 10 },
    { header: 'Mécanisme territorial', kind: 'text', width: 10 },
    { header: 'Thème secondaire FSE+', kind: 'text', width: 10 },
    { header: 'Égalité entre les femmes et les hommes', kind: 'text', width: 10 },
    { header: 'Date de transmission (arrêté)', kind: 'date', width: 12 },
    { header: 'Nombre d’opérations sélectionnées', kind: 'integer', width: 14 },
    { header: 'Coût total éligible (€)', kind: 'euros', width: 18 },
    { header: 'Contribution UE (€)', kind: 'euros', width: 18 },
    ...EXECUTION_COLUMNS,
  ],
  footer: () => executionTotals(12),
  toCells: (r) => [
    r.priority,
    r.specificObjective,
    REGION_CATEGORY_LABELS[r.regionCategory],
    r.interventionField,
    ANNEX_I_DEFAULTS.formOfFinancing.code,
    ANNEX_I_DEFAULTS.territorialDelivery.code,
    ANNEX_I_DEFAULTS.secondaryTheme.code,
    ANNEX_I_DEFAULTS.genderEquality.code,
    r.cutOffDate ?? null,
    r.operations,
    r.totalEligibleCents,
    r.euCents,
    ...executionCells(r),
  ],
};
