import { Injectable } from '@nestjs/common';
import { toCentsOrNull } from '../../common/money/cents';
import { DataSource, EntityManager } from 'typeorm';
import { retainedPlanColumnSql } from '../applications/financing-plan-version.sql';

type Runner = DataSource | EntityManager;

export interface ScoreRow {
  evaluatorId: string;
  criterionCode: string;
  score: number;
  justification: string;
}

export interface ConsensusRow {
  applicationId: string;
  scores: Record<string, number>;
  comments: Record<string, string>;
  startingMeans: Record<string, number | null>;
  weightedTotal: number;
  rapporteurId: string;
  decidedAt: Date;
  version: number;
}

/** What an evaluator reads to score a dossier. */
export interface DossierContent {
  id: string;
  number: string;
  title: string | null;
  summary: string | null;
  socialNeed: string | null;
  targetPublics: string[];
  startDate: string | null;
  endDate: string | null;
  place: string | null;
  departement: string | null;
  plannedParticipants: number | null;
  article15: { i1: unknown; i2: unknown; ii: unknown };
  organisationName: string;
  euCents: number | null;
}

/** Individual scores, their history, and the consensus. */
@Injectable()
export class ScoringRepository {
  constructor(private readonly dataSource: DataSource) {}

  async scoresOfDossier(applicationId: string, em?: EntityManager): Promise<ScoreRow[]> {
    return this.run(em).query(
      `SELECT evaluator_id AS "evaluatorId", criterion_code AS "criterionCode", score, justification
         FROM evaluation_score WHERE application_id = $1 ORDER BY evaluator_id, criterion_code`,
      [applicationId],
    );
  }

  async upsertScores(em: EntityManager, applicationId: string, evaluatorId: string, scores: readonly Omit<ScoreRow, 'evaluatorId'>[]): Promise<void> {
    if (scores.length === 0) return;
    await em.query(
      `INSERT INTO evaluation_score (application_id, evaluator_id, criterion_code, score, justification)
       SELECT $1, $2, s.code, s.score, s.justification
         FROM jsonb_to_recordset($3::jsonb) AS s(code text, score smallint, justification text)
       ON CONFLICT (application_id, evaluator_id, criterion_code)
       DO UPDATE SET score = EXCLUDED.score, justification = EXCLUDED.justification, updated_at = now()`,
      [applicationId, evaluatorId, JSON.stringify(scores.map((s) => ({ code: s.criterionCode, score: s.score, justification: s.justification })))],
    );
  }

  /** Optimistic change of a sheet's status; returns the new version or null when stale or in another status. */
  async setSheetStatus(
    em: EntityManager,
    applicationId: string,
    evaluatorId: string,
    version: number,
    from: string,
    to: 'DRAFT' | 'SUBMITTED',
  ): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE evaluation_assignment SET status = $5, submitted_at = CASE WHEN $5 = 'SUBMITTED' THEN now() ELSE NULL END, version = version + 1
        WHERE application_id = $1 AND evaluator_id = $2 AND version = $3 AND status = $4 RETURNING version`,
      [applicationId, evaluatorId, version, from, to],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  async bumpSheet(em: EntityManager, applicationId: string, evaluatorId: string, version: number): Promise<number | null> {
    const [rows] = (await em.query(
      `UPDATE evaluation_assignment SET version = version + 1 WHERE application_id = $1 AND evaluator_id = $2 AND version = $3 AND status = 'DRAFT' RETURNING version`,
      [applicationId, evaluatorId, version],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  async insertHistory(
    em: EntityManager,
    h: {
      applicationId: string;
      evaluatorId: string;
      event: 'SAVED' | 'SUBMITTED' | 'REOPENED';
      scores: unknown[];
      reason: string | null;
      actorUserId: string | null;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO evaluation_score_history (application_id, evaluator_id, event, scores, reason, actor_user_id) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [h.applicationId, h.evaluatorId, h.event, JSON.stringify(h.scores), h.reason, h.actorUserId],
    );
  }

  async history(applicationId: string, evaluatorId: string): Promise<{ event: string; scores: unknown[]; reason: string | null; occurredAt: Date }[]> {
    return this.dataSource.query(
      `SELECT event, scores, reason, occurred_at AS "occurredAt" FROM evaluation_score_history WHERE application_id = $1 AND evaluator_id = $2 ORDER BY id`,
      [applicationId, evaluatorId],
    );
  }

  async consensus(applicationId: string, em?: EntityManager): Promise<ConsensusRow | null> {
    const rows: ConsensusRow[] = await this.run(em).query(
      `SELECT application_id AS "applicationId", scores, comments, starting_means AS "startingMeans", weighted_total AS "weightedTotal",
              rapporteur_id AS "rapporteurId", decided_at AS "decidedAt", version
         FROM evaluation_consensus WHERE application_id = $1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** Insert at expected version 0, else update at the expected version; returns the new version or null when stale. */
  async saveConsensus(em: EntityManager, expectedVersion: number, c: Omit<ConsensusRow, 'decidedAt' | 'version'>): Promise<number | null> {
    const params = [c.applicationId, JSON.stringify(c.scores), JSON.stringify(c.comments), JSON.stringify(c.startingMeans), c.weightedTotal, c.rapporteurId];
    if (expectedVersion === 0) {
      const rows: { version: number }[] = await em.query(
        `INSERT INTO evaluation_consensus (application_id, scores, comments, starting_means, weighted_total, rapporteur_id)
         VALUES ($1, $2::jsonb, $3::jsonb, $4::jsonb, $5, $6) ON CONFLICT (application_id) DO NOTHING RETURNING version`,
        params,
      );
      return rows[0]?.version ?? null;
    }
    const [rows] = (await em.query(
      `UPDATE evaluation_consensus SET scores = $2::jsonb, comments = $3::jsonb, starting_means = $4::jsonb, weighted_total = $5, rapporteur_id = $6,
              decided_at = now(), version = version + 1
        WHERE application_id = $1 AND version = $7 RETURNING version`,
      [...params, expectedVersion],
    )) as [{ version: number }[], number];
    return rows[0]?.version ?? null;
  }

  async dossierContent(applicationId: string): Promise<DossierContent | null> {
    const rows: (Omit<DossierContent, 'euCents'> & { euCents: string | null })[] = await this.dataSource.query(
      `SELECT a.id, a.number, a.title, a.summary, a.social_need AS "socialNeed", a.target_publics AS "targetPublics",
              to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate", a.place, a.departement,
              a.planned_participants AS "plannedParticipants", jsonb_build_object('i1', a.art15_i1, 'i2', a.art15_i2, 'ii', a.art15_ii) AS article15,
              o.legal_name AS "organisationName",
              ${retainedPlanColumnSql('eu_cents', 'a.id')} AS "euCents"
         FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
      [applicationId],
    );
    const r = rows[0];
    return r ? { ...r, euCents: toCentsOrNull(r.euCents) } : null;
  }

  /** The evaluator's assigned dossiers with what is needed to declare (number, title, applicant). */
  async assignedTo(evaluatorId: string): Promise<
    {
      applicationId: string;
      number: string;
      title: string | null;
      organisationName: string;
      callTitle: string;
      dossierStatus: string;
      sheetStatus: string;
      rapporteur: boolean;
      declaredConflict: boolean | null;
      automaticReason: string | null;
      waived: boolean;
    }[]
  > {
    return this.dataSource.query(
      `SELECT ea.application_id AS "applicationId", a.number, a.title, o.legal_name AS "organisationName", c.title AS "callTitle",
              a.status AS "dossierStatus", ea.status AS "sheetStatus", ea.rapporteur,
              cd.declared_conflict AS "declaredConflict", cd.automatic_reason AS "automaticReason", (cd.waived_by IS NOT NULL) AS waived
         FROM evaluation_assignment ea
         JOIN application a ON a.id = ea.application_id
         JOIN organisation o ON o.id = a.organisation_id
         JOIN call c ON c.id = ea.call_id
         LEFT JOIN conflict_declaration cd ON cd.application_id = ea.application_id AND cd.evaluator_id = ea.evaluator_id
        WHERE ea.evaluator_id = $1
        ORDER BY a.number`,
      [evaluatorId],
    );
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
