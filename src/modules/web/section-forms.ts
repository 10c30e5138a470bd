import type { FieldError } from '../../common/errors/domain-error';
import { parseEurosToCents } from '../../common/money/parse-euros';
import type { ApplicationView } from '../applications/application-view.service';
import { ARTICLE15_KEYS } from '../applications/domain/labels';
import { centsToInput } from './format';

export type Form = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
const bool = (v: string | string[] | undefined): boolean | undefined => (one(v) === 'true' ? true : one(v) === 'false' ? false : undefined);
const optional = (v: string | string[] | undefined): string | undefined => one(v) || undefined;

/** The version the form was rendered from, sent back as the If-Match of the update. */
export function formVersion(body: Form | undefined): string | undefined {
  const v = one(body?.version);
  return /^\d{1,9}$/.test(v) ? `"${v}"` : undefined;
}

/** Project form (urlencoded strings) → ProjectDto shape; a malformed number becomes NaN so the DTO reports it. */
export function projectFromForm(raw: Form): Record<string, unknown> {
  const participants = one(raw.plannedParticipants);
  return {
    title: optional(raw.title),
    summary: optional(raw.summary),
    socialNeed: optional(raw.socialNeed),
    targetPublics: many(raw.targetPublics),
    startDate: optional(raw.startDate),
    endDate: optional(raw.endDate),
    place: optional(raw.place),
    departement: optional(raw.departement)?.toUpperCase(),
    withParticipants: bool(raw.withParticipants),
    plannedParticipants: participants === '' ? undefined : /^\d+$/.test(participants) ? Number(participants) : Number.NaN,
    operationType: optional(raw.operationType),
    existingProject: bool(raw.existingProject),
    experimentationStartDate: optional(raw.experimentationStartDate),
    newTerritory: bool(raw.newTerritory),
    substantialChange: bool(raw.substantialChange),
    physicalInvestment: bool(raw.physicalInvestment),
  };
}

export function article15FromForm(raw: Form): Record<string, unknown> {
  return Object.fromEntries(ARTICLE15_KEYS.map((k) => [k, { answer: bool(raw[`${k}_answer`]), justification: optional(raw[`${k}_justification`]) }]));
}

export interface PlanRow {
  category?: string;
  type?: string;
  label?: string;
  funderName?: string;
  amount: string;
}

export interface PlanForm {
  dto: Record<string, unknown>;
  errors: FieldError[];
  /** What the person typed, to show back with the errors. */
  echo: { costOption: string; stateAid: boolean; lines: PlanRow[]; resources: PlanRow[] };
}

/**
 * The financing-plan form: repeatable rows named `lines[0][category]`, `lines[0][amount]`…; amounts typed in euros
 * (« 12 000,50 ») become cents with `parseEurosToCents`. Empty rows are dropped; unreadable amounts are reported
 * on their row.
 */
export function planFromForm(raw: Form): PlanForm {
  const errors: FieldError[] = [];
  const rows = (prefix: 'lines' | 'resources', fields: string[]): PlanRow[] => {
    const byIndex = new Map<number, Record<string, string>>();
    for (const [key, value] of Object.entries(raw)) {
      const m = new RegExp(`^${prefix}\\[(\\d{1,3})\\]\\[(\\w+)\\]$`).exec(key);
      const [, index, field] = m ?? [];
      if (index === undefined || field === undefined || !fields.includes(field)) continue;
      const row = byIndex.get(Number(index)) ?? {};
      row[field] = one(value);
      byIndex.set(Number(index), row);
    }
    return [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, r]) => ({ ...r, amount: r.amount ?? '' }) as PlanRow)
      .filter((r) => Object.values(r).some((v) => v !== ''));
  };
  const lines = rows('lines', ['category', 'label', 'amount']);
  const resources = rows('resources', ['type', 'funderName', 'amount']);
  const cents = (row: PlanRow, path: string): number => {
    const value = parseEurosToCents(row.amount);
    if (value === null) errors.push({ path, code: 'INVALID_AMOUNT', message: 'Montant invalide : saisissez un montant en euros, par exemple 12 000,50.' });
    return value ?? 0;
  };
  const dto = {
    costOption: one(raw.costOption),
    stateAid: one(raw.stateAid) === 'true',
    lines: lines.map((l, i) => ({ category: l.category ?? '', label: l.label ?? '', amountCents: cents(l, `lines[${i}].amountCents`) })),
    resources: resources.map((r, i) => ({ type: r.type ?? '', funderName: r.funderName || undefined, amountCents: cents(r, `resources[${i}].amountCents`) })),
  };
  return { dto, errors, echo: { costOption: dto.costOption, stateAid: dto.stateAid, lines, resources } };
}

/** The saved plan, as the form shows it. */
export function planEcho(view: ApplicationView): PlanForm['echo'] {
  const fp = view.financingPlan;
  return {
    costOption: fp.costOption ?? '',
    stateAid: fp.stateAid,
    lines: fp.lines.map((l) => ({ category: l.category, label: l.label, amount: centsToInput(l.amountCents) })),
    resources: fp.resources.map((r) => ({ type: r.type, funderName: r.funderName ?? '', amount: centsToInput(r.amountCents) })),
  };
}
