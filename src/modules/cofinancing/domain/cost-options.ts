/**
 * The cost options of a financing plan and what each one covers (docs/domain/cost-options.md).
 * CPR = Regulation (EU) 2021/1060. Every rate here is the regulation maximum; a call may set a lower one.
 */
import { bp, cents, type BasisPoints, type Cents } from '../../../common/money/cents';

export const COST_OPTIONS = [
  'REAL_COSTS',
  'INDIRECT_15_STAFF',
  'INDIRECT_7_DIRECT',
  'INDIRECT_25_CALCULATED',
  'OTHER_COSTS_40_STAFF',
  'STAFF_20_OTHER_DIRECT',
  'DRAFT_BUDGET',
] as const;
export type CostOption = (typeof COST_OPTIONS)[number];

export const LINE_CATEGORIES = ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] as const;
export type LineCategory = (typeof LINE_CATEGORIES)[number];

const DIRECT: readonly LineCategory[] = ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS'];

/**
 * Regulation maxima of the flat rates: CPR art. 54(b) 15 %, 54(a) 7 %, 54(c) 25 % (with a calculation made under
 * art. 53(3)(a)), 56(1) 40 %, 55(1) 20 %. Real costs and the draft-budget method have no flat rate.
 */
export const REGULATION_MAX_FLAT_RATE_BP: Readonly<Record<CostOption, BasisPoints>> = {
  REAL_COSTS: bp(0),
  INDIRECT_15_STAFF: bp(1500),
  INDIRECT_7_DIRECT: bp(700),
  INDIRECT_25_CALCULATED: bp(2500),
  OTHER_COSTS_40_STAFF: bp(4000),
  STAFF_20_OTHER_DIRECT: bp(2000),
  DRAFT_BUDGET: bp(0),
};

/**
 * Line categories the flat rate is calculated on. For art. 54(c) the base is every direct cost unless the call's
 * justified calculation names a narrower base (e.g. the French 2014-2020 base that left external services out).
 */
export const FLAT_RATE_BASE_CATEGORIES: Readonly<Record<CostOption, readonly LineCategory[]>> = {
  REAL_COSTS: [],
  INDIRECT_15_STAFF: ['STAFF'],
  INDIRECT_7_DIRECT: DIRECT,
  INDIRECT_25_CALCULATED: DIRECT,
  OTHER_COSTS_40_STAFF: ['STAFF'],
  // CPR art. 55(1): direct staff costs = 20 % of the direct costs other than staff costs.
  STAFF_20_OTHER_DIRECT: ['OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS'],
  DRAFT_BUDGET: [],
};

/** Categories that may appear as lines at all under each option. */
export const ALLOWED_LINE_CATEGORIES: Readonly<Record<CostOption, readonly LineCategory[]>> = {
  REAL_COSTS: LINE_CATEGORIES,
  INDIRECT_15_STAFF: LINE_CATEGORIES,
  INDIRECT_7_DIRECT: LINE_CATEGORIES,
  INDIRECT_25_CALCULATED: LINE_CATEGORIES,
  // CPR art. 56(1)-(2): the 40 % covers every other cost, in-kind included; participants' allowances and salaries
  // stay outside it (ESF+ art. 16, CPR art. 53(1)(a)).
  OTHER_COSTS_40_STAFF: ['STAFF', 'PARTICIPANTS'],
  // The flat rate *is* the staff cost: a staff line beside it would fund staff twice.
  STAFF_20_OTHER_DIRECT: ['OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'],
  DRAFT_BUDGET: LINE_CATEGORIES,
};

/** Whether the flat-rate amount is indirect/other costs added on top, or the direct staff cost itself. */
export const FLAT_RATE_COVERS: Readonly<Record<CostOption, 'NONE' | 'INDIRECT' | 'OTHER_COSTS' | 'STAFF'>> = {
  REAL_COSTS: 'NONE',
  INDIRECT_15_STAFF: 'INDIRECT',
  INDIRECT_7_DIRECT: 'INDIRECT',
  INDIRECT_25_CALCULATED: 'INDIRECT',
  OTHER_COSTS_40_STAFF: 'OTHER_COSTS',
  STAFF_20_OTHER_DIRECT: 'STAFF',
  DRAFT_BUDGET: 'NONE',
};

/**
 * CPR art. 53(2): at or below 200 000,00 € of total cost (in-kind included, our reading — docs/domain/cost-options.md),
 * an operation that is not State aid is paid by simplified cost options only.
 */
export const SCO_THRESHOLD_CENTS: Cents = cents(20_000_000);

/** Options that must come with a written justification on the call (CPR art. 54(c) refers to art. 53(3)(a)). */
export const OPTIONS_REQUIRING_JUSTIFICATION: readonly CostOption[] = ['INDIRECT_25_CALCULATED'];

/** Options available only under the art. 53(2) threshold: the draft-budget method of art. 53(3)(b). */
export const OPTIONS_ONLY_UNDER_THRESHOLD: readonly CostOption[] = ['DRAFT_BUDGET'];

/** Kinds of simplified cost a call may define (CPR art. 53(1)(b) and (c)). */
export const SIMPLIFIED_COST_KINDS = ['UNIT_COST', 'LUMP_SUM'] as const;
export type SimplifiedCostKind = (typeof SIMPLIFIED_COST_KINDS)[number];

/**
 * A unit cost or a lump sum defined by the call, with the method that set its amount (art. 53(3)). A line using it
 * declares a quantity of units (1 for a lump sum) and its amount is `quantity × amountCents`.
 */
export interface SimplifiedCostDefinition {
  code: string;
  kind: SimplifiedCostKind;
  label: string;
  category: LineCategory;
  amountCents: number;
  /** How the amount was established (art. 53(3)(a)-(e)), printed in the convention. */
  method: string;
}

export const OPTION_LABELS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'coûts réels',
  INDIRECT_15_STAFF: 'coûts indirects à 15 % des frais de personnel',
  INDIRECT_7_DIRECT: 'coûts indirects à 7 % des coûts directs',
  INDIRECT_25_CALCULATED: 'coûts indirects jusqu’à 25 % des coûts directs (taux justifié)',
  OTHER_COSTS_40_STAFF: 'autres coûts à 40 % des frais de personnel',
  STAFF_20_OTHER_DIRECT: 'frais de personnel à 20 % des autres coûts directs',
  DRAFT_BUDGET: 'somme forfaitaire sur projet de budget',
};

export const CATEGORY_LABELS: Readonly<Record<LineCategory, string>> = {
  STAFF: 'frais de personnel',
  OTHER_DIRECT: 'autres coûts directs de fonctionnement',
  EXTERNAL_SERVICES: 'prestations externes',
  PARTICIPANTS: 'dépenses liées aux participants',
  IN_KIND: 'contributions en nature',
};

/** The article behind each option, as printed to users (no internal code). */
export const OPTION_LEGAL_BASIS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'article 53, paragraphe 1, point a), du règlement (UE) 2021/1060',
  INDIRECT_15_STAFF: 'article 54, point b), du règlement (UE) 2021/1060',
  INDIRECT_7_DIRECT: 'article 54, point a), du règlement (UE) 2021/1060',
  INDIRECT_25_CALCULATED: 'article 54, point c), du règlement (UE) 2021/1060',
  OTHER_COSTS_40_STAFF: 'article 56, paragraphe 1, du règlement (UE) 2021/1060',
  STAFF_20_OTHER_DIRECT: 'article 55, paragraphe 1, du règlement (UE) 2021/1060',
  DRAFT_BUDGET: 'article 53, paragraphe 3, point b), du règlement (UE) 2021/1060',
};
