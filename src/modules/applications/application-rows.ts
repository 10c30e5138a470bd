import type { TargetInput } from '../participants/domain/targets';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import { parseSafeInteger } from '../../database/money.transformer';
import type { CostOption, LineCategory, ResourceType } from '../cofinancing/domain/cofinancing';
import type { StateAidDeclaration } from '../cofinancing/domain/state-aid';
import type { Article15Answer, CallRules, PlanLine, PlanResource, ProjectSection } from './domain/application-content';
import type { ApplicationStatus } from './domain/application-status';

/** One dossier row, columns aliased to camelCase; dates of the operation as `YYYY-MM-DD` text. */
export interface ApplicationRow extends ProjectSection {
  id: string;
  number: string | null;
  callId: string;
  callVersion: number;
  organisationId: string;
  status: ApplicationStatus;
  version: number;
  art15I1: Article15Answer | null;
  art15I2: Article15Answer | null;
  art15Ii: Article15Answer | null;
  costOption: CostOption | null;
  flatRateBp: number | null;
  stateAid: boolean;
  /** CPR art. 108(2), stored at each save of the project section (docs/domain/region-category.md); null on older dossiers. */
  regionCategory: string | null;
  totalEligibleCents: number | null;
  euRequestedCents: number | null;
  submittedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const APPLICATION_COLUMNS = `
  a.id, a.number, a.call_id AS "callId", a.call_version AS "callVersion", a.organisation_id AS "organisationId", a.status, a.version,
  a.title, a.summary, a.social_need AS "socialNeed", a.target_publics AS "targetPublics",
  a.start_date::text AS "startDate", a.end_date::text AS "endDate", a.place, a.departement,
  a.with_participants AS "withParticipants", a.planned_participants AS "plannedParticipants",
  a.operation_type AS "operationType", a.existing_project AS "existingProject", a.experimentation_start_date::text AS "experimentationStartDate",
  a.new_territory AS "newTerritory", a.substantial_change AS "substantialChange", a.physical_investment AS "physicalInvestment",
  a.art15_i1 AS "art15I1", a.art15_i2 AS "art15I2", a.art15_ii AS "art15Ii",
  a.cost_option AS "costOption", a.flat_rate_bp AS "flatRateBp", a.state_aid AS "stateAid", a.region_category AS "regionCategory",
  a.total_eligible_cents AS "totalEligibleCents", a.eu_requested_cents AS "euRequestedCents",
  a.submitted_at AS "submittedAt", a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | number | null };

/** A dossier row as {@link APPLICATION_COLUMNS} selects it: money columns as bigint text. */
export type ApplicationRowRaw = Raw<ApplicationRow, 'totalEligibleCents' | 'euRequestedCents'>;

export function toApplicationRow(raw: ApplicationRowRaw): ApplicationRow {
  return { ...raw, totalEligibleCents: money(raw.totalEligibleCents), euRequestedCents: money(raw.euRequestedCents) };
}

/** A call as a dossier needs it: identity, publication and the rules of docs/domain/calls.md. */
export interface CallRow extends CallRules {
  id: string;
  reference: string;
  title: string;
  publishedVersion: number | null;
  draftsBeforeOpening: boolean;
  funderType: string;
}

export const CALL_COLUMNS = `
  c.id, c.reference, c.title, c.status, c.published_version AS "publishedVersion", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
  c.max_rate_bp AS "maxRateBp", c.min_eu_cents AS "minEuCents", c.max_eu_cents AS "maxEuCents",
  c.min_duration_months AS "minDurationMonths", c.max_duration_months AS "maxDurationMonths",
  c.eligibility_start::text AS "eligibilityStart", c.eligibility_end::text AS "eligibilityEnd",
  c.cost_options AS "costOptions", c.rate_basis AS "rateBasis", c.simplified_costs AS "simplifiedCosts", c.required_document_types AS "requiredDocumentTypes", c.target_publics AS "targetPublics",
  c.allowed_operation_types AS "allowedOperationTypes", c.participants_expected AS "participantsExpected", c.indicator_codes AS "indicatorCodes", c.drafts_before_opening AS "draftsBeforeOpening", c.funder_type AS "funderType"`;

/** A call row as {@link CALL_COLUMNS} selects it: money columns as bigint text. */
export type CallRowRaw = Raw<CallRow, 'minEuCents' | 'maxEuCents'>;

export function toCallRow(raw: CallRowRaw): CallRow {
  return { ...raw, minEuCents: money(raw.minEuCents) ?? 0, maxEuCents: money(raw.maxEuCents) };
}

/** Budget lines ($1 = application id), in their order. */
export const LINES_SQL = `SELECT position, category, label, amount_cents AS "amountCents", simplified_cost_code AS "simplifiedCostCode", quantity
  FROM application_budget_line WHERE application_id = $1 ORDER BY position`;

/** Resources of the financing plan ($1 = application id), in their order. */
export const RESOURCES_SQL = `SELECT position, type, funder_name AS "funderName", amount_cents AS "amountCents" FROM application_resource
  WHERE application_id = $1 ORDER BY position`;

/** The applicant organisation ($1 = organisation id). */
export const ORGANISATION_SQL = `SELECT id, legal_name AS "legalName", siret FROM organisation WHERE id = $1`;

export interface LineRow extends PlanLine {
  position: number;
}

export interface ResourceRow extends PlanResource {
  position: number;
}

export function toLineRow(raw: {
  position: number;
  category: LineCategory;
  label: string;
  amountCents: string | number;
  simplifiedCostCode?: string | null;
  quantity?: number | null;
}): LineRow {
  return { ...raw, amountCents: toCents(raw.amountCents), simplifiedCostCode: raw.simplifiedCostCode ?? null, quantity: raw.quantity ?? null };
}

export function toResourceRow(raw: { position: number; type: ResourceType; funderName: string | null; amountCents: string | number }): ResourceRow {
  return { ...raw, amountCents: toCents(raw.amountCents) };
}

export interface DocumentRow {
  id: string;
  applicationId: string;
  documentType: string;
  originalName: string;
  storageKey: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  /** CLEAN (scanned by the antivirus) or NOT_SCANNED (no scanner configured): shown to staff. */
  scanStatus: 'CLEAN' | 'NOT_SCANNED';
}

export const DOCUMENT_COLUMNS = `d.id, d.application_id AS "applicationId", d.document_type AS "documentType", d.original_name AS "originalName",
  d.storage_key AS "storageKey", d.media_type AS "mediaType", d.size_bytes AS "sizeBytes", d.sha256, d.uploaded_by AS "uploadedBy", d.uploaded_at AS "uploadedAt",
  coalesce((SELECT s.status FROM file_scan s WHERE s.storage_key = d.storage_key), 'NOT_SCANNED') AS "scanStatus"`;

/** The dossier's active documents ($1 = application id), oldest first. */
export const ACTIVE_DOCUMENTS_SQL = `SELECT ${DOCUMENT_COLUMNS} FROM application_document d WHERE d.application_id = $1 AND d.deleted_at IS NULL ORDER BY d.uploaded_at, d.id`;

/** A document row as {@link DOCUMENT_COLUMNS} selects it: `size_bytes` as bigint text. */
export type DocumentRowRaw = Raw<DocumentRow, 'sizeBytes'>;

export function toDocumentRow(raw: DocumentRowRaw): DocumentRow {
  return { ...raw, sizeBytes: parseSafeInteger(raw.sizeBytes ?? 0) };
}

export interface HistoryRow {
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  actorUserId: string | null;
  reason: string | null;
  applicationVersion: number;
  occurredAt: Date;
  /** Who acted, as the viewer may know them: a display name, or only the service for staff seen by an applicant. */
  actorLabel?: string | null;
  actorName?: string | null;
  actorIsMember?: boolean;
}

/** bigint money through the one decoder (src/common/money). */
function money(value: string | number | null): number | null {
  return toCentsOrNull(value);
}

/** A dossier with everything its pages and checks read. */
export interface ApplicationBundle {
  row: ApplicationRow;
  call: CallRow;
  organisation: { id: string; legalName: string; siret: string };
  lines: LineRow[];
  resources: ResourceRow[];
  documents: DocumentRow[];
  /** Loaded while the dossier is a draft: the targets it must declare before submission (docs/domain/execution.md). */
  indicatorTargets?: TargetInput[];
  /** Loaded while the dossier is a draft: the State aid declaration, required at submission (docs/domain/state-aid.md). */
  stateAid?: StateAidDeclaration | null;
}
