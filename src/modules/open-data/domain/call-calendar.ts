import { operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';
import { priorityTitle, REGION_CATEGORY_LABELS, type RegionCategory } from '../../cofinancing/domain/rate-caps';

/** ESF+ Regulation art. 4(1) letters the calls use; other objectives are printed by their code's letter. */
const SPECIFIC_OBJECTIVES: Readonly<Record<string, string>> = {
  'ESO4.8': "Favoriser l'inclusion active (article 4, paragraphe 1, point h, du règlement (UE) 2021/1057)",
};

/**
 * Who may apply (CPR art. 49(2): type of eligible applicants). Our reading (docs/domain/reports.md): the ESF+ funds
 * legal persons only, and Priority 6 funds the project of « une ou plusieurs entreprises » in the sense of article 15
 * of the loi n° 2014-856; no call narrows it today.
 */
export const ELIGIBLE_APPLICANTS =
  "Personnes morales portant un projet d'innovation sociale (article 15 de la loi n° 2014-856 du 31 juillet 2014) : associations, coopératives, entreprises de l'économie sociale et solidaire, collectivités et établissements publics";

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
  /** The call's category of region when it is limited to one; null: every eligible territory. */
  regionCategory?: string | null;
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
  /** CPR art. 49(2): geographic area, policy/specific objective (words), type of eligible applicants. */
  area: string;
  specificObjectiveLabel: string;
  priorityTitle: string;
  eligibleApplicants: string;
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
      area: areaOf(r.regionCategory ?? null),
      specificObjectiveLabel: SPECIFIC_OBJECTIVES[r.specificObjective] ?? `Objectif spécifique ${r.specificObjective}`,
      priorityTitle: priorityTitle(r.priority),
      eligibleApplicants: ELIGIBLE_APPLICANTS,
    }))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt) || a.reference.localeCompare(b.reference));
}

/** Geographic area of a call: national, or the regions of its category when it names one (CPR art. 108). */
function areaOf(regionCategory: string | null): string {
  const label = regionCategory && Object.hasOwn(REGION_CATEGORY_LABELS, regionCategory) ? REGION_CATEGORY_LABELS[regionCategory as RegionCategory] : null;
  return label ? `France, régions de la catégorie « ${label.toLowerCase()} »` : 'France entière (métropole et départements d’outre-mer)';
}
