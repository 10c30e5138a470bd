import type { FieldError } from '../../../common/errors/domain-error';
import type { ApplicationRow } from '../../applications/application-rows';
import { APPLICATION_STATUS_LABELS } from '../../applications/domain/application-status';
import { documentTypeLabel, OTHER_DOCUMENT_TYPE } from '../../applications/domain/labels';
import { statusBadgeClass } from '../../web/format';
import type { ReviewRow } from '../admissibility.repository';
import type { CheckRun, SubmissionDiff } from '../admissibility.service';
import { CHECK_LABELS } from '../domain/check-overrides';
import { COMPLEMENT_SECTION_LABELS, COMPLEMENT_SECTIONS } from '../../applications/domain/complements';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';
import { summaryLinks } from '../../web/form';

export const COMPLEMENT_ROWS = 4;

const OUTCOME_LABELS: Readonly<Record<string, string>> = { ADMISSIBLE: 'Recevable', INCOMPLETE: 'Incomplet', INADMISSIBLE: 'Irrecevable' };

export interface DecisionFormValues {
  outcome: string;
  remarks: string;
  reasons: string;
  dueDate: string;
  complements: { section: string; documentType: string; message: string }[];
  /** Written reason per failed check (admissible anyway), keyed by check id. */
  overrides: Record<string, string>;
}

export const EMPTY_FORM: DecisionFormValues = {
  outcome: '',
  remarks: '',
  reasons: '',
  dueDate: '',
  complements: Array.from({ length: COMPLEMENT_ROWS }, () => ({ section: '', documentType: '', message: '' })),
  overrides: {},
};

/** `complements[1].message` or `complements.1.message` → the id of its field, `complements-1-message`. */
export function fieldId(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '-');
}

/**
 * The field of the decision form (admissibility/page.njk) an error designates: `reasons[0]` → `reasons`, an override of
 * a check without its textarea → the overrides fieldset; anything else the form.
 */
export function decisionFieldId(path: string, failedCheckIds: readonly string[]): string | null {
  if (!path) return null;
  const id = fieldId(path);
  if (/^complements-\d+-(section|documentType|message)$/.test(id)) return id;
  const override = /^overrides-(.+)$/.exec(id);
  if (override) return failedCheckIds.includes(override[1] ?? '') ? id : 'overrides';
  const root = id.split('-')[0] ?? '';
  return ['outcome', 'remarks', 'reasons', 'dueDate', 'overrides', 'complements'].includes(root) ? root : 'form-decision';
}

/** The instructor's admissibility page: checks as badges, rounds, the diff of the last resubmission, the form. */
export function admissibilityPageModel(
  row: ApplicationRow,
  call: { requiredDocumentTypes: readonly string[] },
  run: CheckRun,
  rounds: ReviewRow[],
  diff: SubmissionDiff | null,
  form: DecisionFormValues,
  errors: FieldError[],
) {
  const failedIds = run.checks.filter((c) => !c.passed).map((c) => c.checkId as string);
  const decidable = ['SUBMITTED', 'INCOMPLETE'].includes(row.status);
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[decisionFieldId(e.path, failedIds) ?? ''] ??= e.message;
  return {
    a: {
      id: row.id,
      title: row.title ?? 'Dossier sans titre',
      number: row.number,
      status: row.status,
      statusLabel: APPLICATION_STATUS_LABELS[row.status],
      statusBadge: statusBadgeClass(row.status),
      version: row.version,
      decidable,
    },
    submissionNo: run.submissionNo,
    checks: run.checks.map((c) => ({ ...c, label: CHECK_LABELS[c.checkId] })),
    failedChecks: run.checks.filter((c) => !c.passed).map((c) => ({ ...c, label: CHECK_LABELS[c.checkId] })),
    failedCount: run.checks.filter((c) => !c.passed).length,
    rounds: rounds.map((r) => ({
      ...r,
      outcomeLabel: OUTCOME_LABELS[r.outcome],
      decidedAtText: frenchDateTime(new Date(r.decidedAt)),
      dueDateText: r.dueDate ? frenchCalendarDate(r.dueDate) : null,
      complements: r.complements.map((c) => ({ ...c, sectionLabel: COMPLEMENT_SECTION_LABELS[c.section] })),
      overrides: (r.overrides ?? []).map((o) => ({ ...o, label: CHECK_LABELS[o.checkId] })),
    })),
    diff: diff && { ...diff, changes: diff.changes.map((c) => ({ path: c.path, before: show(c.before), after: show(c.after) })) },
    form,
    // Without the form (the dossier was decided meanwhile), the messages are listed without links.
    errors: summaryLinks(errors, (path) => (decidable ? decisionFieldId(path, failedIds) : null)),
    fieldErrors,
    options: {
      outcomes: Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
      sections: COMPLEMENT_SECTIONS.map((s) => ({ value: s, text: COMPLEMENT_SECTION_LABELS[s] })),
      documentTypes: [...new Set([...call.requiredDocumentTypes, OTHER_DOCUMENT_TYPE])].map((t) => ({ value: t, text: documentTypeLabel(t) })),
    },
  };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
