import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toCents } from '../../common/money/cents';
import type { Article15Section, ProjectSection } from '../applications/domain/application-content';
import type { CostOption, LineCategory, ResourceType } from '../cofinancing/domain/cofinancing';

/** The retained plan: the latest version (the applicant's, or the one the instructor or committee recorded). */
export interface RetainedPlanRow {
  versionNo: number;
  source: 'APPLICANT' | 'INSTRUCTOR' | 'COMMITTEE' | 'AMENDMENT';
  costOption: CostOption;
  lines: { category: LineCategory; label: string; amountCents: number }[];
  resources: { type: ResourceType; funderName: string | null; amountCents: number }[];
  totals: { directCents: number; flatRateCents: number; totalEligibleCents: number; maxEuCents: number; euCents: number; otherResourcesCents: number };
}

export interface PanelDocumentRow {
  id: string;
  documentType: string;
  originalName: string;
  sizeBytes: number;
  uploadedAt: Date;
}

export interface PanelReportRow {
  opinion: string;
  motivation: string;
  sections: Record<string, string>;
  submittedAt: Date | null;
}

export interface PanelDossier {
  id: string;
  number: string;
  organisationName: string;
  project: ProjectSection;
  article15: Article15Section;
  plan: RetainedPlanRow | null;
  documents: PanelDocumentRow[];
  report: PanelReportRow | null;
}

type Money = string | number;
type AnswerRaw = { answer: boolean | null; justification: string | null } | null;
type DossierRaw = Omit<ProjectSection, 'targetPublics'> & {
  id: string;
  number: string;
  organisationName: string;
  targetPublics: string[] | null;
  i1: AnswerRaw;
  i2: AnswerRaw;
  ii: AnswerRaw;
};
interface PlanRaw {
  versionNo: number;
  source: RetainedPlanRow['source'];
  costOption: CostOption;
  lines: { category: LineCategory; label: string; amountCents: Money }[];
  resources: { type: ResourceType; funderName?: string | null; amountCents: Money }[];
  direct: Money;
  flat: Money;
  cte: Money;
  maxEu: Money;
  eu: Money;
  other: Money;
}

/**
 * The whole dossier an evaluator scores (issue 14, point 13), read once the access rule passed (evaluation-access.ts):
 * project, Article 15 answers, the retained financing plan, the documents attached and the validated instruction report.
 */
@Injectable()
export class EvaluationDossierRepository {
  constructor(private readonly dataSource: DataSource) {}

  async dossier(applicationId: string): Promise<PanelDossier | null> {
    const [row]: DossierRaw[] = await this.dataSource.query(
      `SELECT a.id, a.number, o.legal_name AS "organisationName", a.title, a.summary, a.social_need AS "socialNeed", a.target_publics AS "targetPublics",
              to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate", a.place, a.departement,
              a.with_participants AS "withParticipants", a.planned_participants AS "plannedParticipants", a.operation_type AS "operationType",
              a.existing_project AS "existingProject", to_char(a.experimentation_start_date, 'YYYY-MM-DD') AS "experimentationStartDate",
              a.new_territory AS "newTerritory", a.substantial_change AS "substantialChange",
              a.art15_i1 AS i1, a.art15_i2 AS i2, a.art15_ii AS ii
         FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
      [applicationId],
    );
    if (!row) return null;
    const [plans, documents, reports] = await Promise.all([
      this.dataSource.query<PlanRaw[]>(
        `SELECT version_no AS "versionNo", source, cost_option AS "costOption", lines, resources, total_direct_cents AS direct, total_flat_rate_cents AS flat,
                total_eligible_cents AS cte, max_eu_cents AS "maxEu", eu_cents AS eu, other_resources_cents AS other
           FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no DESC LIMIT 1`,
        [applicationId],
      ),
      this.dataSource.query<(Omit<PanelDocumentRow, 'sizeBytes'> & { sizeBytes: Money })[]>(
        `SELECT id, document_type AS "documentType", original_name AS "originalName", size_bytes AS "sizeBytes", uploaded_at AS "uploadedAt"
           FROM application_document WHERE application_id = $1 AND deleted_at IS NULL ORDER BY document_type, uploaded_at`,
        [applicationId],
      ),
      this.dataSource.query<PanelReportRow[]>(
        `SELECT opinion, motivation, sections, submitted_at AS "submittedAt" FROM instruction_report WHERE application_id = $1`,
        [applicationId],
      ),
    ]);
    const p = plans[0];
    return {
      id: row.id,
      number: row.number,
      organisationName: row.organisationName,
      project: {
        title: row.title,
        summary: row.summary,
        socialNeed: row.socialNeed,
        targetPublics: row.targetPublics ?? [],
        startDate: row.startDate,
        endDate: row.endDate,
        place: row.place,
        departement: row.departement,
        withParticipants: row.withParticipants,
        plannedParticipants: row.plannedParticipants,
        operationType: row.operationType,
        existingProject: row.existingProject,
        experimentationStartDate: row.experimentationStartDate,
        newTerritory: row.newTerritory,
        substantialChange: row.substantialChange,
      },
      article15: { i1: row.i1, i2: row.i2, ii: row.ii },
      plan: p
        ? {
            versionNo: p.versionNo,
            source: p.source,
            costOption: p.costOption,
            lines: p.lines.map((l) => ({ category: l.category, label: l.label, amountCents: toCents(l.amountCents) })),
            resources: p.resources.map((r) => ({ type: r.type, funderName: r.funderName ?? null, amountCents: toCents(r.amountCents) })),
            totals: {
              directCents: toCents(p.direct),
              flatRateCents: toCents(p.flat),
              totalEligibleCents: toCents(p.cte),
              maxEuCents: toCents(p.maxEu),
              euCents: toCents(p.eu),
              otherResourcesCents: toCents(p.other),
            },
          }
        : null,
      documents: documents.map((d) => ({ ...d, sizeBytes: Number(d.sizeBytes) })),
      report: reports[0] ?? null,
    };
  }
}
