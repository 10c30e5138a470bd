import { executionReportSchedule } from '../../documents/domain/convention-terms';

export interface ScheduledReport {
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

/**
 * The reports an operation owes (docs/domain/execution.md), from the convention's schedule: an intermediate report per
 * 12-month period before the end, due two months after its period (the date the convention prints), and
 * the final report over the whole operation, due six months after the end.
 */
export function reportSchedule(startDate: string, endDate: string): ScheduledReport[] {
  return executionReportSchedule(startDate, endDate).map((r, i) => ({
    seq: i + 1,
    kind: r.kind,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueDate: r.dueDate,
  }));
}

export interface ExistingReport {
  id: string;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  status: 'DRAFT' | 'SUBMITTED' | 'CANCELLED';
  periodStart: string;
}

export interface ScheduleChange {
  /** Draft reports whose period and due date change (same seq). */
  update: ScheduledReport[];
  insert: ScheduledReport[];
  /** Draft reports no longer owed (e.g. the old final report once an extension adds an intermediate period). */
  cancel: string[];
}

/**
 * A new schedule after an amendment (extension): submitted reports stay as they are; open (draft) reports are
 * re-dated, and reports the new schedule adds are created. The final report always takes the last seq.
 */
export function rescheduleReports(existing: readonly ExistingReport[], next: readonly ScheduledReport[]): ScheduleChange {
  const live = existing.filter((r) => r.status !== 'CANCELLED');
  const submitted = new Set(live.filter((r) => r.status === 'SUBMITTED').map((r) => r.seq));
  const maxSeq = Math.max(0, ...existing.map((r) => r.seq));
  const change: ScheduleChange = { update: [], insert: [], cancel: [] };
  const drafts = live.filter((r) => r.status === 'DRAFT');
  const used = new Set<string>();
  let seq = maxSeq;
  for (const n of next) {
    if (submitted.has(n.seq) && live.find((r) => r.seq === n.seq)?.kind === n.kind) continue;
    const draft = drafts.find((d) => d.kind === n.kind && !used.has(d.id) && (n.kind === 'FINAL' || d.periodStart === n.periodStart));
    if (draft) {
      used.add(draft.id);
      change.update.push({ ...n, seq: live.find((r) => r.id === draft.id)!.seq });
    } else {
      change.insert.push({ ...n, seq: ++seq });
    }
  }
  change.cancel = drafts.filter((d) => !used.has(d.id)).map((d) => d.id);
  return change;
}
