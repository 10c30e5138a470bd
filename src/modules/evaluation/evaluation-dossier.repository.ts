import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseSafeInteger } from '../../database/money.transformer';
import { type PlanVersion, readLatestPlanVersion } from '../applications/financing-plan-version.sql';
import type { Article15Section, ProjectSection } from '../applications/domain/application-content';

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
  /** The retained plan: the latest version (the applicant's, or the one the instructor or committee recorded). */
  plan: PlanVersion | null;
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
/**
 * The whole dossier an evaluator scores (issue 14, point 13), read once the access rule passed (evaluation-access.ts):
 * project, Article 15 answers, the retained financing plan, the documents attached and the validated instruction report.
 */
@Injectable()
export class EvaluationDossierRepository {
  constructor(private readonly dataSource: DataSource) {}

  async dossier(applicationId: string): Promise<PanelDossier | null> {
    const [row] = await this.dataSource.query<DossierRaw[]>(
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
    const [plan, documents, reports] = await Promise.all([
      readLatestPlanVersion(this.dataSource, applicationId),
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
      plan,
      documents: documents.map((d) => ({ ...d, sizeBytes: parseSafeInteger(d.sizeBytes) })),
      report: reports[0] ?? null,
    };
  }
}
