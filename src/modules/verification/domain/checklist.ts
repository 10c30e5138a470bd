/**
 * What the instructor checks beside the expenditure (CPR art. 74(1)(a): the products and services were delivered
 * and the operation complies with the convention; ESF+ Regulation art. 17 and Annex I: the participants' data).
 */
export const CHECKLIST_ITEMS = ['physicalAchievement', 'participantsData', 'indicators', 'publicity'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECK_RESULTS = ['NOT_CHECKED', 'CONFORM', 'PARTIAL', 'NOT_CONFORM'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export type Checklist = Partial<Record<ChecklistItem, { result: CheckResult; comment: string | null }>>;

export const CHECKLIST_LABELS: Record<ChecklistItem, string> = {
  physicalAchievement: "Réalisation physique de l'opération conforme à la convention",
  participantsData: 'Données des participants présentes et cohérentes (annexe I du règlement FSE+)',
  indicators: 'Indicateurs déclarés cohérents avec les participants',
  publicity: "Obligations de publicité respectées (emblème de l'Union)",
};

export const CHECK_RESULT_LABELS: Record<CheckResult, string> = {
  NOT_CHECKED: 'Non examiné',
  CONFORM: 'Conforme',
  PARTIAL: 'Partiellement conforme',
  NOT_CONFORM: 'Non conforme',
};

/** Items still to examine before the corrections go to the beneficiary or the verification is finalised. */
export function uncheckedItems(c: Checklist): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => !c[i] || c[i]!.result === 'NOT_CHECKED');
}
