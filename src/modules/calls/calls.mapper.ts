import type { CallFields, CallRecord } from './calls.repository';
import { type CallPhase, callPhase } from './domain/call-window';
import type { CallResponse, CallSummaryResponse, CsessGridResponse, EvaluationGridResponse } from './dto/call.response';
import type { CreateCallDto } from './dto/create-call.dto';
import { keepGridExtras } from '../evaluation/domain/call-grid';

/** Priority 6 defaults (docs/domain/calls.md) for whatever a new call leaves out. */
export const CALL_DEFAULTS: Omit<CallFields, 'reference' | 'title' | 'envelopeCents' | 'opensAt' | 'closesAt' | 'costOptions'> = {
  description: '',
  programmeCci: '2021FR05SFPR001',
  priority: 6,
  specificObjective: 'ESO4.8',
  interventionFieldCode: '138',
  fund: 'ESF_PLUS',
  maxRateBp: 9500,
  minEuCents: 0,
  maxEuCents: null,
  minDurationMonths: 1,
  maxDurationMonths: 36,
  eligibilityStart: '2021-01-01',
  eligibilityEnd: '2029-12-31',
  requiredDocumentTypes: [],
  targetPublics: [],
  allowedOperationTypes: [],
  participantsExpected: true,
  funderType: 'STATE',
  regionCategory: null,
  rateBasis: 'TOTAL_ELIGIBLE_COST',
  simplifiedCosts: [],
  draftsBeforeOpening: false,
  evaluationGrid: null,
  csessGrid: null,
  // The columns' defaults (migration 1765100000000-Execution).
  signatureDeadlineDays: 30,
  reallocationToleranceBp: 1000,
  indicatorCodes: ['EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04'],
};

export const NULLABLE_FIELDS: ReadonlySet<string> = new Set(['maxEuCents', 'evaluationGrid', 'csessGrid', 'regionCategory']);

/** `base` with every field the DTO carries (undefined = unchanged), converted to application types. */
export function applyDto(base: CallFields, dto: Partial<CreateCallDto>): CallFields {
  const next: CallFields = { ...base };
  const set = <K extends keyof CallFields>(key: K, value: CallFields[K] | undefined) => {
    if (value !== undefined) next[key] = value;
  };
  set('reference', dto.reference?.trim());
  set('title', dto.title?.trim());
  set('description', dto.description?.trim());
  set('programmeCci', dto.programmeCci);
  set('priority', dto.priority);
  set('specificObjective', dto.specificObjective);
  set('interventionFieldCode', dto.interventionFieldCode);
  set('fund', dto.fund);
  set('maxRateBp', dto.maxRateBp);
  set('envelopeCents', dto.envelopeCents);
  set('opensAt', dto.opensAt === undefined ? undefined : new Date(dto.opensAt));
  set('closesAt', dto.closesAt === undefined ? undefined : new Date(dto.closesAt));
  set('minEuCents', dto.minEuCents);
  set('maxEuCents', dto.maxEuCents);
  set('minDurationMonths', dto.minDurationMonths);
  set('maxDurationMonths', dto.maxDurationMonths);
  set('eligibilityStart', dto.eligibilityStart);
  set('eligibilityEnd', dto.eligibilityEnd);
  set(
    'costOptions',
    dto.costOptions?.map((o) => ({
      option: o.option,
      rateBp: o.rateBp,
      ...(o.justification?.trim() ? { justification: o.justification.trim() } : {}),
      ...(o.baseCategories?.length ? { baseCategories: [...o.baseCategories] } : {}),
    })),
  );
  if (dto.regionCategory !== undefined) next.regionCategory = dto.regionCategory;
  set('rateBasis', dto.rateBasis);
  set(
    'simplifiedCosts',
    dto.simplifiedCosts?.map((d) => ({
      code: d.code,
      kind: d.kind,
      label: d.label.trim(),
      category: d.category,
      amountCents: d.amountCents,
      method: d.method.trim(),
    })),
  );
  set('requiredDocumentTypes', dto.requiredDocumentTypes ? [...dto.requiredDocumentTypes] : undefined);
  set('targetPublics', dto.targetPublics ? [...dto.targetPublics] : undefined);
  set('allowedOperationTypes', dto.allowedOperationTypes ? [...dto.allowedOperationTypes] : undefined);
  set('participantsExpected', dto.participantsExpected);
  set('funderType', dto.funderType);
  set('draftsBeforeOpening', dto.draftsBeforeOpening);
  set('signatureDeadlineDays', dto.signatureDeadlineDays);
  set('reallocationToleranceBp', dto.reallocationToleranceBp);
  set('indicatorCodes', dto.indicatorCodes ? [...dto.indicatorCodes] : undefined);
  if (dto.evaluationGrid !== undefined)
    next.evaluationGrid = dto.evaluationGrid === null ? null : keepGridExtras(base.evaluationGrid, plain(dto.evaluationGrid));
  if (dto.csessGrid !== undefined) next.csessGrid = dto.csessGrid === null ? null : (plain(dto.csessGrid) as unknown as CallFields['csessGrid']);
  return next;
}

/** The editable fields of a stored call. */
export function fieldsOf(call: CallRecord): CallFields {
  const { id: _id, status: _s, publishedVersion: _pv, publishedAt: _pa, version: _v, createdAt: _c, updatedAt: _u, ...rest } = call;
  const fields = { ...rest } as CallFields & Record<string, unknown>;
  delete fields.sortKey;
  delete fields.frozenAt;
  return fields;
}

/** Field names whose value differs, compared as canonical JSON (jsonb reorders object keys). */
export function changedFields(before: CallFields, after: CallFields): (keyof CallFields)[] {
  return (Object.keys(after) as (keyof CallFields)[]).filter((k) => canonical(before[k]) !== canonical(after[k]));
}

export function phaseOf(call: Pick<CallRecord, 'status' | 'opensAt' | 'closesAt'>, now: Date): CallPhase | null {
  if (call.status === 'DRAFT') return null;
  return call.status === 'ARCHIVED' ? 'CLOSED' : callPhase(call, now);
}

export function toCallResponse(call: CallRecord, now: Date): CallResponse {
  return {
    id: call.id,
    reference: call.reference,
    title: call.title,
    description: call.description,
    programmeCci: call.programmeCci,
    priority: call.priority,
    specificObjective: call.specificObjective,
    interventionFieldCode: call.interventionFieldCode,
    fund: call.fund,
    maxRateBp: call.maxRateBp,
    envelopeCents: call.envelopeCents,
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    minEuCents: call.minEuCents,
    maxEuCents: call.maxEuCents,
    minDurationMonths: call.minDurationMonths,
    maxDurationMonths: call.maxDurationMonths,
    eligibilityStart: call.eligibilityStart,
    eligibilityEnd: call.eligibilityEnd,
    costOptions: call.costOptions.map((o) => ({
      option: o.option,
      rateBp: o.rateBp,
      justification: o.justification ?? null,
      baseCategories: o.baseCategories ?? null,
    })),
    regionCategory: call.regionCategory,
    rateBasis: call.rateBasis,
    simplifiedCosts: call.simplifiedCosts.map((d) => ({ ...d })),
    requiredDocumentTypes: [...call.requiredDocumentTypes],
    targetPublics: [...call.targetPublics],
    allowedOperationTypes: [...call.allowedOperationTypes],
    participantsExpected: call.participantsExpected,
    funderType: call.funderType,
    draftsBeforeOpening: call.draftsBeforeOpening,
    signatureDeadlineDays: call.signatureDeadlineDays,
    reallocationToleranceBp: call.reallocationToleranceBp,
    indicatorCodes: [...call.indicatorCodes],
    evaluationGrid: call.evaluationGrid as EvaluationGridResponse | null,
    csessGrid: call.csessGrid as CsessGridResponse | null,
    status: call.status,
    phase: phaseOf(call, now),
    publishedVersion: call.publishedVersion,
    publishedAt: call.publishedAt?.toISOString() ?? null,
    version: call.version,
    createdAt: call.createdAt.toISOString(),
    updatedAt: call.updatedAt.toISOString(),
  };
}

export function toCallSummary(call: CallRecord, now: Date): CallSummaryResponse {
  return {
    id: call.id,
    reference: call.reference,
    title: call.title,
    status: call.status,
    phase: phaseOf(call, now),
    envelopeCents: call.envelopeCents,
    maxRateBp: call.maxRateBp,
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    publishedVersion: call.publishedVersion,
    version: call.version,
  };
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function plain(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
