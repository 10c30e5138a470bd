import type { TargetInput } from '../../participants/domain/targets';
import type { SimplifiedCostDefinition } from '../../cofinancing/domain/cost-options';
import type { RateBasis } from '../../cofinancing/domain/rate-caps';
import type { CostOption, LineCategory, ResourceType } from '../../cofinancing/domain/cofinancing';
import type { Article15Key } from './labels';
import type { StateAidDeclaration } from '../../cofinancing/domain/state-aid';

/** Plain data of a dossier, as the pure checks see it (no ids, no persistence). */
export interface ProjectSection {
  title: string | null;
  summary: string | null;
  socialNeed: string | null;
  targetPublics: string[];
  /** Calendar dates, `YYYY-MM-DD`. */
  startDate: string | null;
  endDate: string | null;
  place: string | null;
  departement: string | null;
  withParticipants: boolean | null;
  plannedParticipants: number | null;
  /** Priority 6 scope facts (docs/domain/eligibility.md): an operation type of the call's, and whether the project already exists. */
  operationType: string | null;
  existingProject: boolean | null;
  /** Only for an existing project: start of its experimental phase, `YYYY-MM-DD`. */
  experimentationStartDate: string | null;
  newTerritory: boolean | null;
  substantialChange: boolean | null;
  /** Physical investment or equipment: with a total cost above 100 000 €, the convention asks for a durable plaque (CPR art. 50(1)(c)). */
  physicalInvestment?: boolean | null;
}

export interface Article15Answer {
  answer: boolean | null;
  justification: string | null;
}

export type Article15Section = Record<Article15Key, Article15Answer | null>;

export interface PlanLine {
  category: LineCategory;
  label: string;
  amountCents: number;
  /** A unit cost or lump sum of the call (CPR art. 53(1)(b)-(c)) and its number of units; absent at real cost. */
  simplifiedCostCode?: string | null;
  quantity?: number | null;
}

export interface PlanResource {
  type: ResourceType;
  funderName: string | null;
  amountCents: number;
}

export interface FinancingPlanSection {
  costOption: CostOption | null;
  flatRateBp: number | null;
  stateAid: boolean;
  lines: PlanLine[];
  resources: PlanResource[];
}

export interface ApplicationContent {
  project: ProjectSection;
  article15: Article15Section;
  financingPlan: FinancingPlanSection;
  /** Types of the documents currently attached (deleted ones excluded). */
  documentTypes: readonly string[];
  /** The indicator targets declared (ESF+ Annex I); absent where the caller does not check them. */
  indicatorTargets?: readonly TargetInput[];
  /**
   * The State aid declaration (docs/domain/state-aid.md), null when none was made; absent where the caller does not
   * check it (a resubmission, whose declaration may only be edited when the plan is flagged).
   */
  stateAid?: StateAidDeclaration | null;
}

/** The rules of the call a dossier is checked against (the published call, docs/domain/calls.md). */
export interface CallRules {
  status: string;
  opensAt: Date;
  closesAt: Date;
  maxRateBp: number;
  minEuCents: number;
  maxEuCents: number | null;
  minDurationMonths: number;
  maxDurationMonths: number;
  /** `YYYY-MM-DD` */
  eligibilityStart: string;
  eligibilityEnd: string;
  costOptions: readonly { option: CostOption; rateBp: number; justification?: string | null; baseCategories?: readonly LineCategory[] | null }[];
  /** CPR art. 112(2); absent from rules frozen before the column existed: the total eligible cost. */
  rateBasis?: RateBasis | null;
  /** Unit costs and lump sums of the call; absent from older rules. */
  simplifiedCosts?: readonly SimplifiedCostDefinition[] | null;
  requiredDocumentTypes: readonly string[];
  targetPublics: readonly string[];
  /** Absent from rules built before the column existed: no restriction. */
  allowedOperationTypes?: readonly string[];
  participantsExpected: boolean;
  /** The call's chosen ESF+ indicators (EECO01 is always targeted); absent from rules frozen before the column existed. */
  indicatorCodes?: readonly string[];
}

export const EMPTY_PROJECT: ProjectSection = {
  title: null,
  summary: null,
  socialNeed: null,
  targetPublics: [],
  startDate: null,
  endDate: null,
  place: null,
  departement: null,
  withParticipants: null,
  plannedParticipants: null,
  operationType: null,
  existingProject: null,
  experimentationStartDate: null,
  newTerritory: null,
  substantialChange: null,
};
