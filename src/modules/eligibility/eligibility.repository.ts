import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ApplicationStatus } from '../applications/domain/application-status';
import type { CsessGrid, CsessScore } from './domain/csess-grid';
import type { EligibilityFacts, RuleResult } from './domain/eligibility-facts';
import type { CallScope, SubmittedDossier } from './domain/facts-from-submission';
import type { EligibilityVerdict, VerdictReason } from './domain/verdict';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

/** A submitted dossier as instruction sees it. */
export interface InstructedDossier {
  id: string;
  number: string | null;
  title: string | null;
  status: ApplicationStatus;
  version: number;
  callId: string;
  callVersion: number;
  callReference: string;
  organisationName: string;
}

export interface StoredOverride {
  ruleId: string;
  passed: boolean;
  reason: string;
  by: string;
  at: string;
}

export interface EligibilityReportRow {
  applicationId: string;
  ruleSetVersion: string;
  facts: EligibilityFacts;
  results: RuleResult[];
  overrides: StoredOverride[];
  csessScores: CsessScore[];
  verdict: EligibilityVerdict | null;
  verdictReasons: VerdictReason[];
  evaluatedBy: string;
  evaluatedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  version: number;
}

const REPORT_COLUMNS = `application_id AS "applicationId", rule_set_version AS "ruleSetVersion", facts, results, overrides,
  csess_scores AS "csessScores", verdict, verdict_reasons AS "verdictReasons", evaluated_by AS "evaluatedBy", evaluated_at AS "evaluatedAt",
  confirmed_by AS "confirmedBy", confirmed_at AS "confirmedAt", version`;

/** SQL of the eligibility report and of what it is computed from (the submission snapshot, the call version). */
@Injectable()
export class EligibilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A dossier once submitted (drafts do not exist for instruction), optionally locked in the caller's transaction. */
  async findSubmittedDossier(id: string, em?: EntityManager, lock = false): Promise<InstructedDossier | null> {
    const rows: InstructedDossier[] = await this.run(em).query(
      `SELECT a.id, a.number, a.title, a.status, a.version, a.call_id AS "callId", a.call_version AS "callVersion", c.reference AS "callReference",
              o.legal_name AS "organisationName"
         FROM application a JOIN organisation o ON o.id = a.organisation_id JOIN call c ON c.id = a.call_id
        WHERE a.id = $1 AND a.submitted_at IS NOT NULL${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The latest submission (a resubmission after INCOMPLETE supersedes the first). */
  async latestSubmission(applicationId: string, em?: EntityManager): Promise<SubmittedDossier | null> {
    const rows: { snapshot: SubmittedDossier }[] = await this.run(em).query(
      `SELECT snapshot FROM application_submission WHERE application_id = $1 ORDER BY submission_no DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.snapshot ?? null;
  }

  /** The call's scope and CSESS grid as frozen in `version`; the live row when that version was never frozen. */
  async callRules(callId: string, version: number, em?: EntityManager): Promise<(CallScope & { csessGrid: CsessGrid | null }) | null> {
    const rows: (CallScope & { csessGrid: CsessGrid | null })[] = await this.run(em).query(
      `SELECT r->>'funder_type' AS "funderType", coalesce(r->'target_publics', '[]') AS "targetPublics",
              coalesce(r->'allowed_operation_types', '[]') AS "allowedOperationTypes", r->'csess_grid' AS "csessGrid"
         FROM (SELECT coalesce((SELECT v.rules FROM call_version v WHERE v.call_id = c.id AND v.version = $2), to_jsonb(c.*)) AS r
                 FROM call c WHERE c.id = $1) x`,
      [callId, version],
    );
    const row = rows[0];
    return row ? { ...row, csessGrid: row.csessGrid && typeof row.csessGrid === 'object' ? row.csessGrid : null } : null;
  }

  async findReport(applicationId: string, em?: EntityManager, lock = false): Promise<EligibilityReportRow | null> {
    const rows: EligibilityReportRow[] = await this.run(em).query(
      `SELECT ${REPORT_COLUMNS} FROM eligibility_report WHERE application_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /**
   * Stores a run of the engine: the results are replaced and any confirmed verdict is cleared (it was given on other
   * results); the instructor's overrides and CSESS scores stay. Returns the report's new version.
   */
  async saveEvaluation(
    em: EntityManager,
    r: { applicationId: string; ruleSetVersion: string; facts: EligibilityFacts; results: RuleResult[]; evaluatedBy: string },
  ): Promise<number> {
    const row = first<{ version: number }>(
      await em.query(
        `INSERT INTO eligibility_report AS e (application_id, rule_set_version, facts, results, evaluated_by)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)
       ON CONFLICT (application_id) DO UPDATE SET rule_set_version = EXCLUDED.rule_set_version, facts = EXCLUDED.facts,
              results = EXCLUDED.results, evaluated_by = EXCLUDED.evaluated_by, evaluated_at = now(), verdict = NULL,
              verdict_reasons = '[]', confirmed_by = NULL, confirmed_at = NULL, version = e.version + 1
       RETURNING version`,
        [r.applicationId, r.ruleSetVersion, JSON.stringify(r.facts), JSON.stringify(r.results), r.evaluatedBy],
      ),
      'the inserted eligibility_report row',
    );
    return row.version;
  }

  /** New overrides change the effective results, so a confirmed verdict is cleared. False when stale. */
  async saveOverrides(em: EntityManager, applicationId: string, expectedVersion: number, overrides: StoredOverride[]): Promise<boolean> {
    return this.updated(
      em.query(
        `UPDATE eligibility_report SET overrides = $3::jsonb, verdict = NULL, verdict_reasons = '[]', confirmed_by = NULL, confirmed_at = NULL,
                version = version + 1 WHERE application_id = $1 AND version = $2`,
        [applicationId, expectedVersion, JSON.stringify(overrides)],
      ),
    );
  }

  async confirm(
    em: EntityManager,
    applicationId: string,
    expectedVersion: number,
    v: { verdict: EligibilityVerdict; reasons: VerdictReason[]; by: string },
  ): Promise<boolean> {
    return this.updated(
      em.query(
        `UPDATE eligibility_report SET verdict = $3, verdict_reasons = $4::jsonb, confirmed_by = $5, confirmed_at = now(), version = version + 1
          WHERE application_id = $1 AND version = $2`,
        [applicationId, expectedVersion, v.verdict, JSON.stringify(v.reasons), v.by],
      ),
    );
  }

  /** CSESS scores never touch the verdict: the grid is non-blocking (docs/domain/eligibility.md). */
  async saveCsessScores(em: EntityManager, applicationId: string, expectedVersion: number, scores: CsessScore[]): Promise<boolean> {
    return this.updated(
      em.query(`UPDATE eligibility_report SET csess_scores = $3::jsonb, version = version + 1 WHERE application_id = $1 AND version = $2`, [
        applicationId,
        expectedVersion,
        JSON.stringify(scores),
      ]),
    );
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }

  private async updated(result: Promise<unknown>): Promise<boolean> {
    const [, count] = (await result) as [unknown, number];
    return count === 1;
  }
}
