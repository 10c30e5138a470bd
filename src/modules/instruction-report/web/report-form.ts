import type { FieldError } from '../../../common/errors/domain-error';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import type { PlanLine } from '../../applications/domain/application-content';
import { REPORT_SECTIONS } from '../domain/report-sections';

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

export interface ReportForm {
  dto: Record<string, unknown>;
  /** Amounts that could not be read, under the page's field ids. */
  errors: FieldError[];
  /** What was typed, to show again. */
  echo: Record<string, string>;
}

/**
 * The report form → the API's DTO shape. The reduced plan keeps the applicant's lines (category and label come
 * from version 1, only amounts are typed, in euros); resources are repeatable rows, empty ones dropped.
 */
export function reportFromForm(raw: Raw, applicantLines: readonly PlanLine[]): ReportForm {
  const errors: FieldError[] = [];
  const echo: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf') echo[k] = one(v);
  const cents = (text: string, path: string): number => {
    const value = parseEurosToCents(text);
    if (value === null) errors.push({ path, code: 'INVALID_AMOUNT', message: 'Montant invalide : saisissez un montant en euros, par exemple 12 000,50.' });
    return value ?? 0;
  };
  // The PUT replaces the sections: a field left empty is a section not written yet.
  const sections = Object.fromEntries(REPORT_SECTIONS.map((k): [string, string] => [k, one(raw[`section-${k}`])]).filter(([, v]) => v !== ''));
  const dto: Record<string, unknown> = {
    opinion: one(raw.opinion) || undefined,
    motivation: one(raw.motivation),
    ...(Object.keys(sections).length ? { sections } : {}),
  };
  if (one(raw.reducePlan) === 'true') {
    const resources: { type: string; funderName?: string; amountCents: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const type = one(raw[`resources[${i}][type]`]);
      const amount = one(raw[`resources[${i}][amount]`]);
      if (!type && !amount) continue;
      resources.push({ type, funderName: one(raw[`resources[${i}][funderName]`]) || undefined, amountCents: cents(amount, `resource-${i}-amount`) });
    }
    dto.reducedPlan = {
      lines: applicantLines.map((l, i) => ({ category: l.category, label: l.label, amountCents: cents(one(raw[`lines[${i}][amount]`]), `line-${i}-amount`) })),
      resources,
      reason: one(raw.reductionReason),
    };
  }
  return { dto, errors, echo };
}

/** API error paths → the page's field ids; an error on no field of the form points at the form (`form-rapport`). */
export function reportFieldPath(path: string): string {
  const line = /^reducedPlan\.lines\[(\d+)\]/.exec(path);
  if (line) return `line-${line[1]}-amount`;
  if (path === 'reducedPlan.reason') return 'reductionReason';
  const section = /^sections\.(\w+)$/.exec(path);
  if (section && (REPORT_SECTIONS as readonly string[]).includes(section[1] ?? '')) return `section-${section[1]}`;
  if (path.startsWith('reducedPlan')) return 'plan-reduit';
  if (/^resource-\d+-amount$|^line-\d+-amount$/.test(path)) return path;
  return ['opinion', 'motivation', ''].includes(path) ? path : 'form-rapport';
}
