import type { FieldError } from '../../../common/errors/domain-error';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import { COST_OPTIONS, type CostOption } from '../../cofinancing/domain/cofinancing';
import { parseParisDateTime, toParisInputValue } from '../domain/paris-time';
import { DEFAULT_CSESS_GRID } from '../../eligibility/domain/csess-grid';
import type { CallResponse } from '../dto/call.response';
import { csessGridText, parseCsessGridText } from './csess-grid-text';

/** What the form shows: the text as typed (amounts in euros, rates in %, instants in Paris time). */
export type CallFormValues = Record<string, string | string[] | boolean>;

export const EURO_FIELDS = ['envelopeCents', 'minEuCents', 'maxEuCents'] as const;
const rateField = (option: CostOption) => `costOptionRate_${option}`;

/** Values of a new call's form: the Priority 6 defaults. */
export function newCallFormValues(): CallFormValues {
  return {
    programmeCci: '2021FR05SFPR001',
    priority: '6',
    specificObjective: 'ESO4.8',
    interventionFieldCode: '138',
    fund: 'ESF_PLUS',
    maxRateBp: '95',
    minEuCents: '0',
    minDurationMonths: '1',
    maxDurationMonths: '36',
    eligibilityStart: '2021-01-01',
    eligibilityEnd: '2029-12-31',
    costOptions: [],
    costOptionRate_INDIRECT_15_STAFF: '15',
    costOptionRate_INDIRECT_7_DIRECT: '7',
    costOptionRate_OTHER_COSTS_40_STAFF: '40',
    participantsExpected: true,
    funderType: 'STATE',
    draftsBeforeOpening: false,
    signatureDeadlineDays: '30',
    reallocationToleranceBp: '10',
    indicatorCodes: ['EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04'],
    // The default CSESS template is offered; saving the draft adopts it (docs/domain/eligibility.md).
    csessGrid: csessGridText(DEFAULT_CSESS_GRID),
  };
}

/** Values of the edit form of a stored call. */
export function callFormValues(call: CallResponse): CallFormValues {
  const values: CallFormValues = {
    ...newCallFormValues(),
    reference: call.reference,
    title: call.title,
    description: call.description,
    programmeCci: call.programmeCci,
    priority: String(call.priority),
    specificObjective: call.specificObjective,
    interventionFieldCode: call.interventionFieldCode,
    fund: call.fund,
    maxRateBp: percentText(call.maxRateBp),
    envelopeCents: eurosText(call.envelopeCents),
    minEuCents: eurosText(call.minEuCents),
    maxEuCents: call.maxEuCents === null ? '' : eurosText(call.maxEuCents),
    opensAt: toParisInputValue(new Date(call.opensAt)),
    closesAt: toParisInputValue(new Date(call.closesAt)),
    minDurationMonths: String(call.minDurationMonths),
    maxDurationMonths: String(call.maxDurationMonths),
    eligibilityStart: call.eligibilityStart,
    eligibilityEnd: call.eligibilityEnd,
    costOptions: call.costOptions.map((o) => o.option),
    requiredDocumentTypes: [...call.requiredDocumentTypes],
    targetPublics: [...call.targetPublics],
    allowedOperationTypes: [...call.allowedOperationTypes],
    participantsExpected: call.participantsExpected,
    funderType: call.funderType,
    draftsBeforeOpening: call.draftsBeforeOpening,
    signatureDeadlineDays: String(call.signatureDeadlineDays),
    reallocationToleranceBp: percentText(call.reallocationToleranceBp),
    indicatorCodes: [...call.indicatorCodes],
    evaluationGrid: gridText(call.evaluationGrid),
    evaluationGridOverallThreshold: call.evaluationGrid?.overallThreshold === undefined ? '' : String(call.evaluationGrid.overallThreshold),
    csessGrid: call.csessGrid ? csessGridText(call.csessGrid) : call.status === 'DRAFT' ? csessGridText(DEFAULT_CSESS_GRID) : '',
  };
  for (const o of call.costOptions) if (o.option !== 'REAL_COSTS') values[rateField(o.option)] = percentText(o.rateBp);
  return values;
}

/** The posted form as typed, to show it again with its errors. */
export function postedFormValues(raw: Record<string, string | string[]>): CallFormValues {
  const values: CallFormValues = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf') values[k] = v;
  values.costOptions = list(raw.costOptions);
  values.participantsExpected = raw.participantsExpected !== undefined;
  values.draftsBeforeOpening = raw.draftsBeforeOpening !== undefined;
  values.indicatorCodes = list(raw.indicatorCodes);
  for (const k of ['requiredDocumentTypes', 'targetPublics', 'allowedOperationTypes']) values[k] = codes(list(raw[k]));
  return values;
}

/**
 * Turns the posted strings into the API's DTO shape (cents, basis points, ISO instants, arrays), so that the form is
 * validated by the same DTO as the API. What cannot be read at all (an amount, a rate, a Paris time) is reported in
 * `parseErrors` under the form field's name.
 */
export function coerceCallForm(raw: Record<string, string | string[]>, parseErrors: FieldError[]): Record<string, unknown> {
  const text = (k: string) => first(raw[k]).trim();
  const fail = (path: string, message: string) => parseErrors.push({ path, code: 'UNREADABLE', message });
  const euros = (k: string, required: boolean): number | null | undefined => {
    const t = text(k);
    if (!t) {
      if (required) fail(k, 'Saisissez un montant en euros.');
      return k === 'maxEuCents' ? null : required ? undefined : 0;
    }
    const cents = parseEurosToCents(t);
    if (cents === null) fail(k, 'Montant illisible : saisissez un montant en euros, par exemple 150 000,00.');
    return cents ?? undefined;
  };
  const percent = (k: string, name: string, missing: string): number | undefined => {
    const t = text(k);
    const bp = parsePercentToBp(t);
    if (bp === null) fail(k, t ? `${name} illisible : saisissez un pourcentage, par exemple 95 ou 12,5.` : missing);
    return bp ?? undefined;
  };
  const instant = (k: string, name: string, missing: string): string | undefined => {
    const t = text(k);
    const at = parseParisDateTime(t);
    if (!at) fail(k, t ? `${name} invalide : ce jour ou cette heure n'existe pas (heure sautée au passage à l'heure d'été).` : missing);
    return at?.toISOString();
  };
  const integer = (k: string): number | string | undefined => (/^\d{1,6}$/.test(text(k)) ? Number(text(k)) : text(k) || undefined);

  const checked = list(raw.costOptions);
  const costOptions = COST_OPTIONS.filter((o) => checked.includes(o)).map((option) => ({
    option,
    rateBp: option === 'REAL_COSTS' ? 0 : percent(rateField(option), 'Taux', "Indiquez le taux de l'option cochée."),
  }));

  return {
    reference: text('reference'),
    title: text('title'),
    description: text('description'),
    programmeCci: text('programmeCci'),
    priority: integer('priority'),
    specificObjective: text('specificObjective'),
    interventionFieldCode: text('interventionFieldCode'),
    fund: text('fund') || 'ESF_PLUS',
    maxRateBp: percent('maxRateBp', 'Taux de cofinancement', 'Indiquez le taux maximal de cofinancement.'),
    envelopeCents: euros('envelopeCents', true),
    opensAt: instant('opensAt', "Date d'ouverture", "Indiquez la date et l'heure d'ouverture."),
    closesAt: instant('closesAt', 'Date de clôture', "Indiquez la date et l'heure de clôture."),
    minEuCents: euros('minEuCents', false),
    maxEuCents: euros('maxEuCents', false),
    minDurationMonths: integer('minDurationMonths'),
    maxDurationMonths: integer('maxDurationMonths'),
    eligibilityStart: text('eligibilityStart') || undefined,
    eligibilityEnd: text('eligibilityEnd') || undefined,
    costOptions,
    requiredDocumentTypes: codes(list(raw.requiredDocumentTypes)),
    targetPublics: codes(list(raw.targetPublics)),
    allowedOperationTypes: codes(list(raw.allowedOperationTypes)),
    participantsExpected: raw.participantsExpected !== undefined,
    // No longer asked: article 15, II follows the grantor's nature (docs/domain/eligibility.md); kept for API clients.
    funderType: text('funderType') || undefined,
    draftsBeforeOpening: raw.draftsBeforeOpening !== undefined,
    // Execution settings: posted while the call is a draft only (disabled fields once published: left unchanged).
    ...(raw.signatureDeadlineDays === undefined ? {} : { signatureDeadlineDays: integer('signatureDeadlineDays') }),
    ...(raw.reallocationToleranceBp === undefined
      ? {}
      : { reallocationToleranceBp: percent('reallocationToleranceBp', 'Tolérance', 'Indiquez la tolérance de réallocation entre catégories (en %).') }),
    ...(raw.indicatorCodesPosted === undefined ? {} : { indicatorCodes: list(raw.indicatorCodes) }),
    // The grid is edited on its own structured page; the call form no longer posts it (then left unchanged).
    ...(raw.evaluationGrid === undefined ? {} : { evaluationGrid: parseGrid(text('evaluationGrid'), text('evaluationGridOverallThreshold'), fail) }),
    // Not posted (the field is disabled once the call is published): left unchanged.
    ...(raw.csessGrid === undefined ? {} : { csessGrid: parseCsessGridText(text('csessGrid'), (m) => fail('csessGrid', m)) }),
  };
}

/**
 * Errors under the form's field names: one cost option's rate goes to that option's input, a grid criterion to the
 * grid textarea ("Ligne 2 : …"); an unreadable field keeps only its reading error.
 */
export function formFieldErrors(errors: readonly FieldError[], parseErrors: readonly FieldError[], costOptions: readonly { option: string }[]): FieldError[] {
  const unreadable = new Set(parseErrors.map((e) => e.path));
  const out: FieldError[] = [...parseErrors];
  for (const e of errors) {
    const mapped = mapPath(e, costOptions);
    if (!unreadable.has(mapped.path)) out.push(mapped);
  }
  // In the order of the form, so that the summary reads top to bottom (Array.prototype.sort is stable).
  const rank = (path: string) => {
    const i = FIELD_ORDER.indexOf(path);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return out.sort((a, b) => rank(a.path) - rank(b.path));
}

/**
 * The id of the form field an error path (after formFieldErrors) designates in calls/form.njk: the input named like
 * the path, the fieldset of a code list, the evaluation grid's block (edited on its own page); anything else the form.
 */
export function callFieldId(path: string): string | null {
  if (!path) return null;
  if (path === 'evaluationGrid' || path === 'evaluationGridOverallThreshold') return 'grille-evaluation';
  return FORM_FIELDS.has(path) ? path : 'form-appel';
}

const FIELD_ORDER = [
  'reference',
  'title',
  'description',
  'programmeCci',
  'priority',
  'specificObjective',
  'interventionFieldCode',
  'fund',
  'maxRateBp',
  'envelopeCents',
  'minEuCents',
  'maxEuCents',
  'costOptions',
  ...COST_OPTIONS.map(rateField),
  'opensAt',
  'closesAt',
  'draftsBeforeOpening',
  'minDurationMonths',
  'maxDurationMonths',
  'eligibilityStart',
  'eligibilityEnd',
  'allowedOperationTypes',
  'targetPublics',
  'participantsExpected',
  'funderType',
  'signatureDeadlineDays',
  'reallocationToleranceBp',
  'indicatorCodes',
  'requiredDocumentTypes',
  'evaluationGrid',
  'evaluationGridOverallThreshold',
  'csessGrid',
];

/** The fields calls/form.njk draws with the path as id (funderType and the evaluation grid have no field in it). */
const FORM_FIELDS: ReadonlySet<string> = new Set(FIELD_ORDER.filter((f) => !['funderType', 'evaluationGrid', 'evaluationGridOverallThreshold'].includes(f)));

function mapPath(e: FieldError, costOptions: readonly { option: string }[]): FieldError {
  const option = /^costOptions\[(\d+)\]\.(\w+)$/.exec(e.path);
  if (option) {
    const opt = costOptions[Number(option[1])]?.option as CostOption | undefined;
    return { ...e, path: option[2] === 'rateBp' && opt ? rateField(opt) : 'costOptions' };
  }
  const criterion = /^evaluationGrid\.criteria\[(\d+)\]/.exec(e.path);
  if (criterion) return { ...e, path: 'evaluationGrid', message: `Ligne ${Number(criterion[1]) + 1} : ${e.message}` };
  if (e.path === 'evaluationGrid.overallThreshold') return { ...e, path: 'evaluationGridOverallThreshold' };
  if (e.path.startsWith('evaluationGrid')) return { ...e, path: 'evaluationGrid' };
  if (e.path.startsWith('csessGrid')) return { ...e, path: 'csessGrid' };
  if (e.path.startsWith('indicatorCodes')) return { ...e, path: 'indicatorCodes' };
  for (const key of ['requiredDocumentTypes', 'targetPublics', 'allowedOperationTypes']) if (e.path.startsWith(key)) return { ...e, path: key };
  if ((EURO_FIELDS as readonly string[]).includes(e.path) && ['NOT_AN_INTEGER', 'TOO_SMALL', 'TOO_LARGE'].includes(e.code)) {
    return { ...e, message: 'Saisissez un montant en euros positif ou nul, par exemple 150 000,00.' };
  }
  return e;
}

/** "95" → 9500, "12,5" → 1250, "7 %" → 700; at most two decimals; null when unreadable. */
export function parsePercentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}

function percentText(bp: number): string {
  return `${Math.trunc(bp / 100)}${
    bp % 100
      ? ',' +
        String(bp % 100)
          .padStart(2, '0')
          .replace(/0$/, '')
      : ''
  }`;
}

/** "2 000 000,00": grouped with plain spaces, which parseEurosToCents reads back. */
function eurosText(cents: number): string {
  const euros = String(Math.trunc(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}

/** Checked codes (one value per checkbox); a value holding several lines (an older form, a script) is split. */
function codes(values: readonly string[]): string[] {
  return [
    ...new Set(
      values
        .flatMap((v) => v.split(/\r?\n/))
        .map((l) => l.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** One criterion a line: `code | libellé | poids | min-max | seuil (facultatif) | éliminatoire (facultatif)`. */
function parseGrid(text: string, overall: string, fail: (path: string, message: string) => void): Record<string, unknown> | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) {
    if (overall) fail('evaluationGridOverallThreshold', 'Saisissez les critères de la grille avant son seuil global.');
    return null;
  }
  const criteria = lines.map((line, i) => {
    const [code = '', label = '', weight = '', scale = '', threshold = '', flag = ''] = line.split('|').map((c) => c.trim());
    const s = /^(\d{1,3})\s*-\s*(\d{1,3})$/.exec(scale);
    if (!s || !/^\d{1,3}$/.test(weight) || (threshold && !/^\d{1,3}$/.test(threshold)) || (flag && !/^[ée]liminatoire$/i.test(flag))) {
      fail(
        'evaluationGrid',
        `Ligne ${i + 1} illisible : attendu « code | libellé | poids | min-max | seuil | éliminatoire », par exemple « C1 | Besoin social | 3 | 0-5 | 2 ».`,
      );
      return { code, label, weight: 1, scaleMin: 0, scaleMax: 0 };
    }
    return {
      code,
      label,
      weight: Number(weight),
      scaleMin: Number(s[1]),
      scaleMax: Number(s[2]),
      ...(threshold ? { threshold: Number(threshold) } : {}),
      ...(flag ? { eliminatory: true } : {}),
    };
  });
  if (overall && !/^\d{1,6}$/.test(overall)) fail('evaluationGridOverallThreshold', 'Le seuil global est un nombre entier.');
  return { criteria, ...(overall && /^\d{1,6}$/.test(overall) ? { overallThreshold: Number(overall) } : {}) };
}

function gridText(grid: CallResponse['evaluationGrid']): string {
  if (!grid) return '';
  return grid.criteria
    .map((c) =>
      [c.code, c.label, c.weight, `${c.scaleMin}-${c.scaleMax}`, c.threshold ?? '', c.eliminatory ? 'éliminatoire' : ''].join(' | ').replace(/( \| )+$/, ''),
    )
    .join('\n');
}
