import { operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';

/** A published call as the repository reads it for the calendar. */
export interface CalendarCallRow {
  id: string;
  reference: string;
  title: string;
  description: string;
  opensAt: Date;
  closesAt: Date;
  envelopeCents: number;
  maxRateBp: number;
  priority: number;
  specificObjective: string;
  targetPublics: string[];
  operationTypes: string[];
}

export type CalendarPhase = 'PLANNED' | 'OPEN';

export const CALENDAR_PHASE_LABELS: Readonly<Record<CalendarPhase, string>> = { PLANNED: 'À venir', OPEN: 'Ouvert' };

export interface CalendarEntry {
  id: string;
  reference: string;
  title: string;
  /** The call's description, which states its objectives. */
  objectives: string;
  phase: CalendarPhase;
  opensAt: string;
  closesAt: string;
  envelopeCents: number;
  maxRateBp: number;
  priority: number;
  specificObjective: string;
  targetPublics: string[];
  operationTypes: string[];
}

/**
 * The calendar of calls (CPR art. 49(2)): published calls still to open or open now, by the server's clock, soonest
 * first; a closed call leaves the calendar. Codes become labels.
 */
export function callCalendar(rows: readonly CalendarCallRow[], now: Date): CalendarEntry[] {
  return rows
    .filter((r) => r.closesAt.getTime() > now.getTime())
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      objectives: r.description,
      phase: (r.opensAt.getTime() > now.getTime() ? 'PLANNED' : 'OPEN') as CalendarPhase,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      envelopeCents: r.envelopeCents,
      maxRateBp: r.maxRateBp,
      priority: r.priority,
      specificObjective: r.specificObjective,
      targetPublics: r.targetPublics.map(targetPublicLabel),
      operationTypes: r.operationTypes.map(operationTypeLabel),
    }))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt) || a.reference.localeCompare(b.reference));
}
