import { DOCUMENT_TYPES, documentTypeLabel, OPERATION_TYPES, operationTypeLabel, TARGET_PUBLICS, targetPublicLabel } from '../../applications/domain/labels';
import { INDICATOR_CODES, INDICATOR_LABELS, type IndicatorCode } from '../../participants/domain/indicators';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { COST_OPTIONS } from '../../cofinancing/domain/cofinancing';
import { CALL_STATUS_LABELS, codeLabel, COST_OPTION_LABELS, COST_OPTION_LEGAL_BASIS, FUNDER_TYPE_LABELS, FUNDER_TYPES } from '../domain/call-labels';
import { type CallPhase, daysLeft } from '../domain/call-window';
import type { CallResponse, CallSummaryResponse } from '../dto/call.response';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';

const PHASE_LABELS: Record<CallPhase, string> = { UPCOMING: 'À venir', OPEN: 'Ouvert', CLOSED: 'Clos' };

export { pageLayout, type NavItem } from '../../web/page-layout';

/** "J-12", or the wording of the last day. */
export function daysLeftLabel(closesAt: Date, now: Date): string {
  const n = daysLeft(closesAt, now);
  return n > 0 ? `J-${n}` : n === 0 ? 'Dernier jour' : 'Clos';
}

/** A call summary as the lists show it. */
export function callCard(call: CallSummaryResponse | CallResponse, now: Date) {
  const closesAt = new Date(call.closesAt);
  return {
    id: call.id,
    reference: call.reference,
    title: call.title,
    status: call.status,
    statusLabel: CALL_STATUS_LABELS[call.status],
    phase: call.phase,
    phaseLabel: call.phase ? PHASE_LABELS[call.phase] : null,
    envelope: formatEuros(call.envelopeCents),
    maxRate: formatRate(call.maxRateBp),
    opens: frenchDateTime(new Date(call.opensAt)),
    closes: frenchDateTime(closesAt),
    daysLeft: call.phase === 'OPEN' ? daysLeftLabel(closesAt, now) : null,
    publishedVersion: call.publishedVersion,
    version: call.version,
  };
}

/** Every rule of a call, in French, for applicants and for the publication summary. */
export function callDetail(call: CallResponse, now: Date) {
  return {
    ...callCard(call, now),
    descriptionParagraphs: call.description
      .split(/\r?\n\s*\n|\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    programmeCci: call.programmeCci,
    priority: call.priority,
    specificObjective: call.specificObjective,
    interventionFieldCode: call.interventionFieldCode,
    fund: call.fund === 'ESF_PLUS' ? 'FSE+' : call.fund,
    minEu: formatEuros(call.minEuCents),
    maxEu: call.maxEuCents === null ? null : formatEuros(call.maxEuCents),
    minDurationMonths: call.minDurationMonths,
    maxDurationMonths: call.maxDurationMonths,
    eligibilityStart: frenchCalendarDate(call.eligibilityStart),
    eligibilityEnd: frenchCalendarDate(call.eligibilityEnd),
    costOptions: call.costOptions.map((o) => ({
      label: COST_OPTION_LABELS[o.option],
      legalBasis: COST_OPTION_LEGAL_BASIS[o.option],
      rate: o.option === 'REAL_COSTS' ? null : formatRate(o.rateBp),
    })),
    documents: call.requiredDocumentTypes.map((code) => ({ code, label: codeLabel(code) })),
    publics: call.targetPublics.map((code) => ({ code, label: codeLabel(code) })),
    operationTypes: call.allowedOperationTypes.map((code) => ({ code, label: codeLabel(code) })),
    participantsExpected: call.participantsExpected,
    funderType: FUNDER_TYPE_LABELS[call.funderType] ?? call.funderType,
    draftsBeforeOpening: call.draftsBeforeOpening,
    // Older published versions froze their rules before these settings existed: the columns' defaults apply.
    signatureDeadlineDays: call.signatureDeadlineDays ?? 30,
    reallocationTolerance: formatRate(call.reallocationToleranceBp ?? 1000),
    indicators: ['EECO01', ...(call.indicatorCodes ?? []).filter((c) => c !== 'EECO01')].map((code) => ({
      code,
      label: INDICATOR_LABELS[code as IndicatorCode] ?? code,
    })),
    grid: call.evaluationGrid,
    publishedAt: call.publishedAt ? frenchDateTime(new Date(call.publishedAt)) : null,
  };
}

/** Choices of the form's checkboxes and selects. */
export const FORM_CHOICES = {
  costOptions: COST_OPTIONS.map((option) => ({
    option,
    label: COST_OPTION_LABELS[option],
    legalBasis: COST_OPTION_LEGAL_BASIS[option],
    hasRate: option !== 'REAL_COSTS',
  })),
  funderTypes: FUNDER_TYPES.map((value) => ({ value, text: FUNDER_TYPE_LABELS[value] })),
  funds: [{ value: 'ESF_PLUS', text: 'FSE+' }],
  // EECO01 (all participants) is always targeted: the others are the call's choice (ESF+ Regulation, Annex I).
  documentTypes: DOCUMENT_TYPES.map((code) => ({ code, label: documentTypeLabel(code) })),
  targetPublics: TARGET_PUBLICS.map((code) => ({ code, label: targetPublicLabel(code) })),
  operationTypes: OPERATION_TYPES.map((code) => ({ code, label: operationTypeLabel(code) })),
  indicators: INDICATOR_CODES.filter((code) => code !== 'EECO01').map((code) => ({ code, label: INDICATOR_LABELS[code] })),
};

/**
 * The checkbox lists of the call form (documents, publics, operation types): the known codes with their French
 * label, then any code the call already holds that the list does not know, labelled, so that saving keeps it.
 */
export function codeChoices(values: Record<string, unknown>) {
  const withExtra = (known: readonly { code: string; label: string }[], key: string, label: (c: string) => string) => {
    const held = Array.isArray(values[key]) ? (values[key] as string[]) : [];
    const extra = held.filter((c) => !known.some((k) => k.code === c)).map((code) => ({ code, label: label(code) }));
    return [...known, ...extra].map((k) => ({ ...k, checked: held.includes(k.code) }));
  };
  return {
    documentTypes: withExtra(FORM_CHOICES.documentTypes, 'requiredDocumentTypes', documentTypeLabel),
    targetPublics: withExtra(FORM_CHOICES.targetPublics, 'targetPublics', targetPublicLabel),
    operationTypes: withExtra(FORM_CHOICES.operationTypes, 'allowedOperationTypes', operationTypeLabel),
  };
}
