import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { applyRateFloor, cents } from '../../../common/money/cents';

/** Integer cents, checked at the edge (DTO) and branded where the co-financing code takes them. */
type Cents = number;
import { computeFinancingPlan, type CostOption, LINE_CATEGORIES, type LineCategory } from '../../cofinancing/domain/cofinancing';
import { isCalendarDate } from '../../applications/domain/duration';

export interface ExpenditureInput {
  category: LineCategory;
  label: string;
  supplier: string;
  documentRef: string;
  documentDate: string;
  incurredOn: string;
  paidOn: string | null;
  amountHtCents: Cents;
  amountTtcCents: Cents;
  /** Share of the expense allocated to the operation, in basis points (10 000 = all of it). */
  shareBp: number;
  /** Staff lines: hours in hundredths (7 h 30 = 750) and the hourly cost in cents; the amount is their product. */
  hoursCenti: number | null;
  hourlyCostCents: Cents | null;
}

/**
 * The eligible amount of one line: the base is HT when the organisation recovers VAT, else TTC (VAT it cannot recover
 * is a real cost, décret 2022-608); staff lines are hours × hourly cost. The allocated share is floored to the cent,
 * so the declared amount never exceeds the share.
 */
export function eligibleCents(
  line: Pick<ExpenditureInput, 'category' | 'amountHtCents' | 'amountTtcCents' | 'shareBp' | 'hoursCenti' | 'hourlyCostCents'>,
  vatRecovered: boolean,
): Cents {
  const base =
    line.category === 'STAFF' && line.hoursCenti !== null && line.hourlyCostCents !== null
      ? Number((BigInt(line.hoursCenti) * BigInt(line.hourlyCostCents)) / 100n)
      : vatRecovered
        ? line.amountHtCents
        : line.amountTtcCents;
  return applyRateFloor(base, line.shareBp);
}

/** Checks one line; every error at once, paths relative to the line. */
export function checkExpenditure(l: ExpenditureInput, period: { start: string; end: string; today: string }): FieldError[] {
  const errors: FieldError[] = [];
  const e = (path: string, code: string, message: string) => errors.push({ path, code, message });
  if (!LINE_CATEGORIES.includes(l.category)) e('category', 'NOT_ALLOWED_VALUE', 'Catégorie de dépense inconnue.');
  for (const [k, label] of [
    ['label', 'Objet'],
    ['supplier', 'Fournisseur ou personne'],
    ['documentRef', 'Référence de la pièce'],
  ] as const) {
    if (!l[k].trim()) e(k, 'REQUIRED', `${label} : obligatoire.`);
  }
  for (const [k, label] of [
    ['documentDate', 'Date de la pièce'],
    ['incurredOn', 'Date de la dépense'],
  ] as const) {
    if (!isCalendarDate(l[k])) e(k, 'INVALID_DATE', `${label} : date invalide (AAAA-MM-JJ).`);
  }
  if (l.paidOn !== null && !isCalendarDate(l.paidOn)) e('paidOn', 'INVALID_DATE', 'Date de paiement invalide (AAAA-MM-JJ).');
  if (isCalendarDate(l.incurredOn)) {
    if (l.incurredOn < period.start || l.incurredOn > period.end)
      e('incurredOn', 'OUTSIDE_PERIOD', 'La dépense doit avoir été engagée pendant la période du bilan.');
    if (l.paidOn && isCalendarDate(l.paidOn) && l.paidOn < l.incurredOn) e('paidOn', 'BEFORE_INCURRED', 'Le paiement ne peut pas précéder la dépense.');
  }
  if (l.paidOn && l.paidOn > period.today) e('paidOn', 'FUTURE_DATE', 'La date de paiement ne peut pas être future.');
  if (l.amountTtcCents < l.amountHtCents) e('amountTtcCents', 'TTC_BELOW_HT', 'Le montant TTC ne peut pas être inférieur au montant HT.');
  if (!(Number.isInteger(l.shareBp) && l.shareBp >= 1 && l.shareBp <= 10_000))
    e('shareBp', 'OUT_OF_RANGE', 'La part affectée est comprise entre 0,01 % et 100 %.');
  if ((l.hoursCenti === null) !== (l.hourlyCostCents === null)) e('hoursCenti', 'STAFF_PAIR', 'Indiquez à la fois les heures et le coût horaire.');
  if (l.hoursCenti !== null && l.category !== 'STAFF') e('hoursCenti', 'STAFF_ONLY', 'Heures et coût horaire : seulement pour les frais de personnel.');
  return errors;
}

export interface PlanForStatement {
  costOption: CostOption;
  flatRateBp: number | null;
  rateBp: number;
  lines: readonly { category: LineCategory; amountCents: Cents }[];
}

export interface CategoryTotal {
  category: LineCategory | 'FLAT_RATE';
  plannedCents: Cents;
  declaredCents: Cents;
  /** declared − planned, in basis points of the planned amount (null when nothing was planned). */
  varianceBp: number | null;
  /** Beyond the call's tolerance: to be justified, checked at verification (no amendment needed below it). */
  flagged: boolean;
}

export interface Statement {
  categories: CategoryTotal[];
  directCents: Cents;
  flatRateCents: Cents;
  totalCents: Cents;
  plannedTotalCents: Cents;
}

/**
 * Totals of an expenditure statement beside the convention's plan. Flat-rate costs are never entered: they are
 * computed on the declared bases by the co-financing code (CPR art. 54-56), with the plan's option and rate.
 */
export function statement(declared: readonly { category: LineCategory; eligibleCents: Cents }[], plan: PlanForStatement, toleranceBp: number): Statement {
  const flat = (lines: readonly { category: LineCategory; amountCents: Cents }[]) =>
    computeFinancingPlan({
      costOption: plan.costOption,
      flatRateBp: plan.flatRateBp ?? undefined,
      rateBp: plan.rateBp,
      stateAid: true,
      lines: lines.map((l) => ({ category: l.category, amountCents: cents(l.amountCents) })),
      resources: [],
    });
  const declaredPlan = flat(declared.map((d) => ({ category: d.category, amountCents: d.eligibleCents })));
  const plannedPlan = flat(plan.lines);
  const sumBy = (xs: readonly { category: LineCategory; amountCents: Cents }[], c: LineCategory) =>
    xs.filter((x) => x.category === c).reduce((s, x) => s + x.amountCents, 0);
  const row = (category: CategoryTotal['category'], plannedCents: Cents, declaredCents: Cents): CategoryTotal => {
    const varianceBp = plannedCents > 0 ? Number((BigInt(declaredCents - plannedCents) * 10_000n) / BigInt(plannedCents)) : null;
    return { category, plannedCents, declaredCents, varianceBp, flagged: varianceBp === null ? declaredCents > 0 : Math.abs(varianceBp) > toleranceBp };
  };
  const declaredLines = declared.map((d) => ({ category: d.category, amountCents: d.eligibleCents }));
  const categories = LINE_CATEGORIES.filter((c) => sumBy(plan.lines, c) > 0 || sumBy(declaredLines, c) > 0).map((c) =>
    row(c, sumBy(plan.lines, c), sumBy(declaredLines, c)),
  );
  if (plannedPlan.flatRateCostsCents > 0 || declaredPlan.flatRateCostsCents > 0)
    categories.push(row('FLAT_RATE', plannedPlan.flatRateCostsCents, declaredPlan.flatRateCostsCents));
  return {
    categories,
    directCents: declaredPlan.directCostsCents,
    flatRateCents: declaredPlan.flatRateCostsCents,
    totalCents: declaredPlan.totalEligibleCostsCents,
    plannedTotalCents: plannedPlan.totalEligibleCostsCents,
  };
}

export function assertNoErrors(errors: FieldError[]): void {
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
}
