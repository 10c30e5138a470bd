import { operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';
import { isPublishedStatus, PUBLISHED_STATUS_LABELS, type PublishedStatus } from './catalogue-query';
import { departementName, regionName, regionOf } from './territories';

/** Funds as CPR art. 49(3)(i) names them. */
const FUND_LABELS: Readonly<Record<string, string>> = { ESF_PLUS: 'FSE+' };

/** Intervention fields of CPR Annex I that Priority 6 calls use; others are shown by code. */
const INTERVENTION_FIELD_LABELS: Readonly<Record<string, string>> = {
  '138': "Soutien à l'économie sociale et aux entreprises sociales",
  '152': "Mesures visant à promouvoir l'égalité des chances et la participation active à la société",
  '153': "Parcours d'intégration et de réintégration professionnelles des personnes défavorisées",
  '163': "Promotion de l'intégration sociale des personnes exposées au risque de pauvreté ou d'exclusion sociale",
};

/** Specific objectives of ESF+ art. 4(1); ESO4.8 is (h), active inclusion. */
const SPECIFIC_OBJECTIVE_LABELS: Readonly<Record<string, string>> = {
  'ESO4.8': "Favoriser l'inclusion active (art. 4, § 1, h, règlement FSE+)",
};

/** A row as the catalogue SQL returns it (catalogue.sql.ts, OPERATION_COLUMNS). */
export interface OperationRow {
  number: string;
  title: string | null;
  summary: string | null;
  place: string | null;
  start_date: string | null;
  end_date: string | null;
  status: string;
  target_publics: unknown;
  operation_type: string | null;
  planned_participants: number | null;
  departement: string | null;
  beneficiary: string;
  call_id: string;
  call_reference: string;
  call_title: string;
  fund: string;
  specific_objective: string;
  intervention_field_code: string;
  priority: number;
  total_cents: string | number;
  eu_cents: string | number;
  decision_date: string | null;
  public_contact: string | null;
  seeks_partners: boolean;
  /** Absent from rows read before these columns existed (tests, older callers). */
  postal_code?: string | null;
  actual_participants?: number | null;
  last_update?: string | null;
}

/**
 * What is published of an operation, and nothing more (CPR art. 49(3) (a), (d)-(k) and the location and intervention
 * field; the beneficiary is a legal person, so no natural person's name is published under (b)). The public contact
 * and the search for partners are the beneficiary's own choices on its dossier.
 */
export interface PublishedOperation {
  /** Unique code of the operation (CPR art. 49(3)): the dossier number. */
  code: string;
  name: string;
  beneficiary: string;
  purpose: string;
  /** Expected achievements: the participants the operation plans to support, when it has participants. */
  plannedParticipants: number | null;
  /** Actual achievements so far: the participants entered in the operation's follow-up (CPR art. 49(3)(e)). */
  actualParticipants: number | null;
  /** Location indicator (CPR art. 49(3)): postcode of the beneficiary's establishment, and the country. */
  postalCode: string | null;
  country: string;
  /** Date of the last update of the operation's published data (Paris calendar date). */
  lastUpdate: string | null;
  startDate: string | null;
  endDate: string | null;
  totalCostCents: number;
  euAmountCents: number;
  /** EU co-financing rate in basis points, floored so it never overstates the EU share. */
  euRateBp: number;
  fund: string;
  specificObjective: string;
  specificObjectiveLabel: string;
  interventionField: string;
  interventionFieldLabel: string;
  priority: number;
  callId: string;
  callReference: string;
  callTitle: string;
  targetPublics: string[];
  operationType: string | null;
  departement: string | null;
  departementName: string | null;
  region: string | null;
  regionName: string | null;
  place: string | null;
  status: PublishedStatus;
  statusLabel: string;
  /** Paris calendar date of the favourable programming decision, when recorded. */
  programmedOn: string | null;
  publicContact: string | null;
  seeksPartners: boolean;
}

const cents = (v: string | number, what: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} is not a non-negative safe integer of cents`);
  return n;
};

/** EU share of the total cost in basis points, floored (rounding never overstates the co-financing). */
export function euRateBp(euCents: number, totalCents: number): number {
  if (totalCents <= 0) return 0;
  return Math.min(10_000, Number((BigInt(euCents) * 10_000n) / BigInt(totalCents)));
}

export function toPublishedOperation(r: OperationRow): PublishedOperation {
  if (!isPublishedStatus(r.status)) throw new Error(`status ${r.status} is never published`);
  const totalCostCents = cents(r.total_cents, 'total_cents');
  const euAmountCents = cents(r.eu_cents, 'eu_cents');
  const region = regionOf(r.departement);
  const publics = Array.isArray(r.target_publics) ? r.target_publics.filter((x): x is string => typeof x === 'string') : [];
  return {
    code: r.number,
    name: r.title ?? 'Projet sans titre',
    beneficiary: r.beneficiary,
    purpose: r.summary ?? '',
    plannedParticipants: r.planned_participants,
    actualParticipants: r.actual_participants ?? null,
    postalCode: r.postal_code ?? null,
    country: 'FR',
    lastUpdate: r.last_update ?? null,
    startDate: r.start_date,
    endDate: r.end_date,
    totalCostCents,
    euAmountCents,
    euRateBp: euRateBp(euAmountCents, totalCostCents),
    fund: FUND_LABELS[r.fund] ?? r.fund,
    specificObjective: r.specific_objective,
    specificObjectiveLabel: SPECIFIC_OBJECTIVE_LABELS[r.specific_objective] ?? r.specific_objective,
    interventionField: r.intervention_field_code,
    interventionFieldLabel: INTERVENTION_FIELD_LABELS[r.intervention_field_code] ?? `Domaine d'intervention ${r.intervention_field_code}`,
    priority: Number(r.priority),
    callId: r.call_id,
    callReference: r.call_reference,
    callTitle: r.call_title,
    targetPublics: publics.map(targetPublicLabel),
    operationType: r.operation_type ? operationTypeLabel(r.operation_type) : null,
    departement: r.departement,
    departementName: departementName(r.departement),
    region,
    regionName: regionName(region),
    place: r.place,
    status: r.status,
    statusLabel: PUBLISHED_STATUS_LABELS[r.status],
    programmedOn: r.decision_date,
    publicContact: r.public_contact,
    seeksPartners: r.seeks_partners === true,
  };
}
