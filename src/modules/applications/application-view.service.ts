import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { FieldError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import type { CofinancingViolation, FinancingPlan } from '../cofinancing/domain/cofinancing';
import { ApplicationAccess } from './application-access.service';
import type { ApplicationBundle, ApplicationRow, CallRow, HistoryRow, LineRow, ResourceRow } from './application-rows';
import { contentOf } from './application-content';
import type { Article15Section, ProjectSection } from './domain/application-content';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './domain/application-status';
import { documentTypeLabel, operationTypeLabel, OTHER_DOCUMENT_TYPE, targetPublicLabel } from './domain/labels';
import { checklist, type ChecklistSection, checkSubmission, computeApplicationPlan } from './domain/submission-checks';
import { type ApplicationMessageRow, ApplicationsRepository } from './applications.repository';
import { parisDate } from './domain/application-number';
import { type ComplementRequest, complementsOpen } from './domain/complements';
import { ApplicationStateAidRepository } from './application-state-aid.repository';
import { type StateAidView, stateAidView } from './domain/state-aid-view';
import type { StateAidDeclaration } from '../cofinancing/domain/state-aid';
import { REGION_CATEGORIES, REGION_CATEGORY_LABELS, type RegionCategory } from '../cofinancing/domain/rate-caps';
import { operationRegionCategory } from '../cofinancing/domain/region-category';

/** The stored category when there is one, else the category of the declared département (dossiers saved before it was stored). */
function regionCategoryView(stored: string | null, departement: string | null): ApplicationView['regionCategory'] {
  const read = operationRegionCategory(departement, null);
  const category = (REGION_CATEGORIES as readonly string[]).includes(stored ?? '') ? (stored as RegionCategory) : read.category;
  return category && read.departement ? { category, label: REGION_CATEGORY_LABELS[category], departement: read.departement } : null;
}

/** Everything a dossier is made of, loaded together (in the caller's transaction when given). */
export interface ApplicationView {
  id: string;
  number: string | null;
  status: ApplicationStatus;
  statusLabel: string;
  version: number;
  callVersion: number;
  call: {
    id: string;
    reference: string;
    title: string;
    opensAt: Date;
    closesAt: Date;
    open: boolean;
    maxRateBp: number;
    minEuCents: number;
    maxEuCents: number | null;
    minDurationMonths: number;
    maxDurationMonths: number;
    eligibilityStart: string;
    eligibilityEnd: string;
    costOptions: CallRow['costOptions'];
    documentTypes: { code: string; label: string; required: boolean }[];
    targetPublics: { code: string; label: string }[];
    operationTypes: { code: string; label: string }[];
  };
  organisation: ApplicationBundle['organisation'];
  project: ProjectSection;
  /** CPR art. 108(2): the category of region of the operation and the département it is read from. */
  regionCategory: { category: RegionCategory; label: string; departement: string } | null;
  article15: Article15Section;
  financingPlan: {
    costOption: ApplicationRow['costOption'];
    flatRateBp: number | null;
    stateAid: boolean;
    lines: LineRow[];
    resources: ResourceRow[];
    computed: Omit<FinancingPlan, 'violations'> | null;
    violations: CofinancingViolation[];
    errors: FieldError[];
  };
  documents: {
    id: string;
    documentType: string;
    documentTypeLabel: string;
    originalName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    uploadedAt: Date;
    /** CLEAN: scanned by the antivirus; NOT_SCANNED: kept without a scan (no scanner configured). */
    scanStatus: 'CLEAN' | 'NOT_SCANNED';
  }[];
  /** Only for drafts: what is still missing or invalid before submission. */
  checklist: { complete: boolean; sections: ChecklistSection[]; errors: FieldError[] } | null;
  history: (HistoryRow & { toStatusLabel: string })[];
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** While INCOMPLETE: the parts to complete and the due date (docs/domain/admissibility.md); `open` until the due date passes. */
  complementRequest?: (ComplementRequest & { open: boolean }) | null;
  /** Messages of the intermediate body about this dossier, newest first. */
  messages?: ApplicationMessageRow[];
  /** The State aid regime declared (docs/domain/state-aid.md), with its ceiling check and retention end, in words. */
  stateAid?: StateAidView;
  stateAidDeclaration?: StateAidDeclaration | null;
}

@Injectable()
export class ApplicationViews {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsRepository,
    private readonly stateAid: ApplicationStateAidRepository,
  ) {}

  /** The dossier as `user` may see it (404 otherwise), with plan, checklist, documents and history. */
  async get(user: AuthUser, id: string, now = new Date()): Promise<ApplicationView> {
    const row = await this.access.forRead(user, id);
    const view = this.present(await this.bundle(row), redactHistory(user, await this.applications.history(id)), now);
    const request = row.status === 'INCOMPLETE' ? await this.applications.complementRequest(id) : null;
    view.complementRequest = request ? { ...request, open: complementsOpen(request, parisDate(now)) } : null;
    view.messages = await this.applications.messages(id);
    const declaration = await this.stateAid.find(id);
    view.stateAidDeclaration = declaration;
    view.stateAid = stateAidView(
      declaration,
      view.financingPlan.computed?.requestedEsfPlusCents ?? row.euRequestedCents ?? 0,
      await this.stateAid.retentionFacts(id),
    );
    return view;
  }

  async bundle(row: ApplicationRow, em?: EntityManager): Promise<ApplicationBundle> {
    return this.applications.bundle(row, em);
  }

  /** The State aid regime declared for a dossier (docs/domain/state-aid.md), or null for a dossier that has none. */
  stateAidDeclaration(id: string, em?: EntityManager): Promise<StateAidDeclaration | null> {
    return this.stateAid.find(id, em);
  }

  present(b: ApplicationBundle, history: HistoryRow[], now: Date): ApplicationView {
    const { row, call } = b;
    const content = contentOf(b);
    const planResult = computeApplicationPlan(content.financingPlan, call);
    const check = row.status === 'DRAFT' ? checkSubmission(content, call, now) : null;
    const computed = planResult.plan ? (({ violations: _v, ...rest }) => rest)(planResult.plan) : null;
    const docTypes = [...new Set([...call.requiredDocumentTypes, OTHER_DOCUMENT_TYPE])];
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      statusLabel: APPLICATION_STATUS_LABELS[row.status],
      version: row.version,
      callVersion: row.callVersion,
      call: {
        id: call.id,
        reference: call.reference,
        title: call.title,
        opensAt: call.opensAt,
        closesAt: call.closesAt,
        open: call.status === 'PUBLISHED' && call.opensAt <= now && now < call.closesAt,
        maxRateBp: call.maxRateBp,
        minEuCents: call.minEuCents,
        maxEuCents: call.maxEuCents,
        minDurationMonths: call.minDurationMonths,
        maxDurationMonths: call.maxDurationMonths,
        eligibilityStart: call.eligibilityStart,
        eligibilityEnd: call.eligibilityEnd,
        costOptions: call.costOptions,
        documentTypes: docTypes.map((code) => ({ code, label: documentTypeLabel(code), required: call.requiredDocumentTypes.includes(code) })),
        targetPublics: call.targetPublics.map((code) => ({ code, label: targetPublicLabel(code) })),
        operationTypes: (call.allowedOperationTypes ?? []).map((code) => ({ code, label: operationTypeLabel(code) })),
      },
      organisation: b.organisation,
      project: content.project,
      regionCategory: regionCategoryView(row.regionCategory, content.project.departement),
      article15: content.article15,
      financingPlan: {
        costOption: row.costOption,
        flatRateBp: row.flatRateBp,
        stateAid: row.stateAid,
        lines: b.lines,
        resources: b.resources,
        computed,
        violations: planResult.plan?.violations ?? [],
        errors: planResult.errors,
      },
      documents: b.documents.map((d) => ({
        id: d.id,
        documentType: d.documentType,
        documentTypeLabel: documentTypeLabel(d.documentType),
        originalName: d.originalName,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.uploadedAt,
        scanStatus: d.scanStatus,
      })),
      checklist: check ? { complete: check.errors.length === 0, sections: checklist(check.errors), errors: check.errors } : null,
      history: history.map((h) => ({ ...h, toStatusLabel: APPLICATION_STATUS_LABELS[h.toStatus] })),
      submittedAt: row.submittedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

/** Label shown to applicants for any act of the administration: staff identities stay with the staff. */
export const STAFF_ACTOR_LABEL = 'Service gestionnaire du programme';

/**
 * Staff see who acted; an applicant sees the names of their organisation's members and, for the administration's
 * acts, only the service: no staff user id or name leaves through a dossier's history.
 */
export function redactHistory(user: AuthUser, rows: HistoryRow[]): HistoryRow[] {
  const staff = user.roles.some((r) => STAFF_ROLES.includes(r));
  return rows.map(({ actorName, actorIsMember, ...h }) => {
    if (staff || actorIsMember) return { ...h, actorLabel: actorName ?? null };
    return { ...h, actorUserId: null, actorLabel: h.actorUserId ? STAFF_ACTOR_LABEL : null };
  });
}
