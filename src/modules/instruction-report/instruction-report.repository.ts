import { Injectable } from '@nestjs/common';
import { insertPlanVersion, type PlanVersion, planVersionTotals, readPlanVersions } from '../applications/financing-plan-version.sql';
import { DataSource, EntityManager } from 'typeorm';
import type { PlanLine, PlanResource } from '../applications/domain/application-content';
import type { CostOption, FinancingPlan } from '../cofinancing/domain/cofinancing';

type Runner = DataSource | EntityManager;

import type { InstructionOpinion, ReportSections } from './domain/report-sections';

export type { InstructionOpinion };

/** The versions of a dossier's plan, as the applications module maps them (one type, one mapping). */
export type PlanVersionRow = PlanVersion;

export interface InstructionReportRow {
  applicationId: string;
  opinion: InstructionOpinion;
  motivation: string;
  /** `{}` for a report written before the report was structured. */
  sections: ReportSections;
  planVersionNo: number;
  writtenBy: string;
  writtenAt: Date;
  submittedBy: string | null;
  submittedAt: Date | null;
  version: number;
}

/** SQL of the instruction report and of the versions of the financing plan (append-only). */
@Injectable()
export class InstructionReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async planVersions(applicationId: string, em?: EntityManager): Promise<PlanVersionRow[]> {
    return readPlanVersions(this.run(em), applicationId);
  }

  /** Appends version `versionNo` (source INSTRUCTOR); earlier versions are never changed (UPDATE is revoked). */
  async insertInstructorPlan(
    em: EntityManager,
    v: {
      applicationId: string;
      versionNo: number;
      costOption: CostOption;
      flatRateBp: number | null;
      rateBp: number;
      lines: readonly PlanLine[];
      resources: readonly PlanResource[];
      plan: FinancingPlan;
      reason: string;
      createdBy: string;
    },
  ): Promise<void> {
    const p = v.plan;
    await insertPlanVersion(em, {
      ...v,
      source: 'INSTRUCTOR',
      totals: planVersionTotals(p),
    });
  }

  async findReport(applicationId: string, em?: EntityManager, lock = false): Promise<InstructionReportRow | null> {
    const rows: InstructionReportRow[] = await this.run(em).query(
      `SELECT application_id AS "applicationId", opinion, motivation, sections, plan_version_no AS "planVersionNo", written_by AS "writtenBy",
              written_at AS "writtenAt", submitted_by AS "submittedBy", submitted_at AS "submittedAt", version
         FROM instruction_report WHERE application_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** Creates the report (expected version 0) or updates it at `expectedVersion`; false when stale. */
  async saveReport(
    em: EntityManager,
    r: {
      applicationId: string;
      expectedVersion: number;
      opinion: InstructionOpinion;
      motivation: string;
      sections: ReportSections;
      planVersionNo: number;
      writtenBy: string;
    },
  ): Promise<boolean> {
    if (r.expectedVersion === 0) {
      const rows: unknown[] = await em.query(
        `INSERT INTO instruction_report (application_id, opinion, motivation, sections, plan_version_no, written_by) VALUES ($1, $2, $3, $6::jsonb, $4, $5)
         ON CONFLICT (application_id) DO NOTHING RETURNING version`,
        [r.applicationId, r.opinion, r.motivation, r.planVersionNo, r.writtenBy, JSON.stringify(r.sections)],
      );
      return rows.length === 1;
    }
    const [, count] = (await em.query(
      `UPDATE instruction_report SET opinion = $3, motivation = $4, plan_version_no = $5, written_by = $6, sections = $7::jsonb, written_at = now(), version = version + 1
        WHERE application_id = $1 AND version = $2 AND submitted_at IS NULL`,
      [r.applicationId, r.expectedVersion, r.opinion, r.motivation, r.planVersionNo, r.writtenBy, JSON.stringify(r.sections)],
    )) as [unknown, number];
    return count === 1;
  }

  async markSubmitted(em: EntityManager, applicationId: string, by: string): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE instruction_report SET submitted_by = $2, submitted_at = now(), version = version + 1 WHERE application_id = $1 AND submitted_at IS NULL RETURNING version`,
      [applicationId, by],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  /** Whether the applicant declared State aid (CPR art. 53(2) reads it), from the latest submission. */
  async submittedStateAid(applicationId: string, em?: EntityManager): Promise<boolean> {
    const rows: { stateAid: boolean | null }[] = await this.run(em).query(
      `SELECT (snapshot->'financingPlan'->>'stateAid')::boolean AS "stateAid" FROM application_submission
        WHERE application_id = $1 ORDER BY submission_no DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.stateAid === true;
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
