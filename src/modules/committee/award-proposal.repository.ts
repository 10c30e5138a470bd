import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { toCents } from '../../common/money/cents';
import { insertPlanVersion, type NewPlanVersion, readLatestPlanVersion } from '../applications/financing-plan-version.sql';
import type { PlanLine, PlanResource } from '../applications/domain/application-content';
import type { CostOption } from '../cofinancing/domain/cofinancing';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

export type ProposalStatus = 'PENDING' | 'ACCEPTED' | 'REFUSED';

export interface AwardProposalRow {
  id: string;
  applicationId: string;
  decisionId: string;
  retainedEuCents: number;
  proposedEuCents: number;
  /** `YYYY-MM-DD`, last day (Europe/Paris) to answer. */
  answerDueDate: string;
  status: ProposalStatus;
  planVersionNo: number | null;
  refusalReason: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  version: number;
  /** From the decision and its session, for the pages. */
  conditions: string | null;
  sessionTitle: string;
  decidedAt: Date;
}

export interface RetainedPlan {
  versionNo: number;
  costOption: CostOption;
  flatRateBp: number | null;
  rateBp: number;
  lines: PlanLine[];
  resources: PlanResource[];
  euCents: number;
  totalEligibleCents: number;
}

type RawProposal = Omit<AwardProposalRow, 'retainedEuCents' | 'proposedEuCents'> & { retainedEuCents: string; proposedEuCents: string };

const SELECT = `
  SELECT p.id, p.application_id AS "applicationId", p.decision_id AS "decisionId", p.retained_eu_cents AS "retainedEuCents",
         p.proposed_eu_cents AS "proposedEuCents", p.answer_due_date::text AS "answerDueDate", p.status, p.plan_version_no AS "planVersionNo",
         p.refusal_reason AS "refusalReason", p.answered_by AS "answeredBy", p.answered_at AS "answeredAt", p.created_at AS "createdAt", p.version,
         d.conditions, s.title AS "sessionTitle", d.decided_at AS "decidedAt"
    FROM award_proposal p JOIN committee_decision d ON d.id = p.decision_id JOIN committee_session s ON s.id = d.session_id`;

/** SQL of the proposals that follow a reduced committee award (docs/domain/committee.md). Writes take the caller's transaction. */
@Injectable()
export class AwardProposalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(
    em: EntityManager,
    p: { applicationId: string; decisionId: string; retainedEuCents: number; proposedEuCents: number; answerDueDate: string },
  ): Promise<{ id: string; answerDueDate: string }> {
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO award_proposal (application_id, decision_id, retained_eu_cents, proposed_eu_cents, answer_due_date) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [p.applicationId, p.decisionId, p.retainedEuCents, p.proposedEuCents, p.answerDueDate],
      ),
      'the inserted award_proposal row',
    );
    return { id: row.id, answerDueDate: p.answerDueDate };
  }

  /** The dossier's latest proposal (the pending one if any), optionally locked. */
  async latest(applicationId: string, em?: EntityManager, lock = false): Promise<AwardProposalRow | null> {
    const rows = await this.run(em).query<RawProposal[]>(
      `${SELECT} WHERE p.application_id = $1 ORDER BY p.created_at DESC LIMIT 1${lock ? ' FOR UPDATE OF p' : ''}`,
      [applicationId],
    );
    return rows[0] ? { ...rows[0], retainedEuCents: toCents(rows[0].retainedEuCents), proposedEuCents: toCents(rows[0].proposedEuCents) } : null;
  }

  async accept(em: EntityManager, id: string, expectedVersion: number, planVersionNo: number, by: string): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM's postgres driver.
    const [rows] = await em.query<[{ id: string }[], number]>(
      `UPDATE award_proposal SET status = 'ACCEPTED', plan_version_no = $3, answered_by = $4, answered_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'PENDING' RETURNING id`,
      [id, expectedVersion, planVersionNo, by],
    );
    return rows.length === 1;
  }

  async refuse(em: EntityManager, id: string, expectedVersion: number, reason: string, by: string): Promise<boolean> {
    const [rows] = await em.query<[{ id: string }[], number]>(
      `UPDATE award_proposal SET status = 'REFUSED', refusal_reason = $3, answered_by = $4, answered_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'PENDING' RETURNING id`,
      [id, expectedVersion, reason, by],
    );
    return rows.length === 1;
  }

  /** Whether `userId` belongs to the organisation that applied (the beneficiary answers; a stranger gets a 404). */
  async isMember(applicationId: string, userId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.run(em).query<{ ok: number }[]>(
      `SELECT 1 AS ok FROM application a JOIN organisation_member m ON m.organisation_id = a.organisation_id AND m.user_id = $2 WHERE a.id = $1`,
      [applicationId, userId],
    );
    return rows.length === 1;
  }

  async dossier(
    applicationId: string,
    em?: EntityManager,
  ): Promise<{ id: string; number: string | null; title: string | null; status: string; organisationName: string; callId: string } | null> {
    const rows = await this.run(em).query<
      { id: string; number: string | null; title: string | null; status: string; organisationName: string; callId: string }[]
    >(
      `SELECT a.id, a.number, a.title, a.status, o.legal_name AS "organisationName", a.call_id AS "callId"
         FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** The plan the committee reduced (the highest version before the answer) and the given plan version, if any. */
  async planVersion(applicationId: string, versionNo: number | null, em?: EntityManager): Promise<RetainedPlan | null> {
    const v = await readLatestPlanVersion(this.run(em), applicationId, versionNo);
    return v
      ? {
          versionNo: v.versionNo,
          costOption: v.costOption,
          flatRateBp: v.flatRateBp,
          rateBp: v.rateBp,
          lines: v.lines,
          resources: v.resources,
          euCents: v.totals.euCents,
          totalEligibleCents: v.totals.totalEligibleCents,
        }
      : null;
  }

  /** Whether the applicant declared State aid, from the latest submission (the co-financing rules read it). */
  async submittedStateAid(applicationId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.run(em).query<{ stateAid: boolean | null }[]>(
      `SELECT (snapshot->'financingPlan'->>'stateAid')::boolean AS "stateAid" FROM application_submission WHERE application_id = $1 ORDER BY submission_no DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.stateAid === true;
  }

  /** The beneficiary's revised plan, appended through the one writer of `financing_plan_version` (source APPLICANT). */
  async insertRevisedPlan(em: EntityManager, v: Omit<NewPlanVersion, 'source'>): Promise<void> {
    await insertPlanVersion(em, { ...v, source: 'APPLICANT' });
  }

  private run(em?: EntityManager): Runner {
    return em ?? this.dataSource;
  }
}
