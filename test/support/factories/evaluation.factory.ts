import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CallGrid } from '../../../src/modules/evaluation/domain/call-grid';
import { createOpenCall, createOrganisation } from './application.factory';
import { createUser } from './user.factory';
import { only, present } from '../checked';

/*
 * Dossiers ready for evaluation, written by SQL as the schema owner. The instruction features (admissibility,
 * eligibility report, instruction report) are built in parallel on other branches, so these helpers put a dossier
 * straight into INSTRUCTED with a confirmed ELIGIBLE (or INELIGIBLE) eligibility report, a retained financing plan
 * and an instruction report: the state those features leave behind.
 */

let sequence = Math.floor(Math.random() * 900_000);

export const TEST_GRID: CallGrid = {
  criteria: [
    { code: 'C1', label: 'Besoin social', guidance: 'Le besoin est-il documenté ?', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 2 },
    { code: 'C2', label: 'Acteurs et processus', weight: 2, scaleMin: 0, scaleMax: 5 },
  ],
  overallThreshold: 10,
  tieBreak: ['C1'],
  divergenceGap: 2,
  evaluatorsPerDossier: 2,
  fillRemainder: false,
};

/** A published call with an evaluation grid, frozen in call_version 1 with it. */
export async function createEvaluationCall(
  owner: DataSource,
  o: { envelopeCents?: number; grid?: CallGrid | null; status?: 'DRAFT' | 'PUBLISHED' } = {},
): Promise<{ id: string; reference: string }> {
  const call = await createOpenCall(owner, { status: o.status ?? 'PUBLISHED' });
  const grid = o.grid === undefined ? TEST_GRID : o.grid;
  await owner.query(`UPDATE call SET evaluation_grid = $2::jsonb, envelope_cents = $3 WHERE id = $1`, [
    call.id,
    grid === null ? null : JSON.stringify(grid),
    o.envelopeCents ?? 500_000_000,
  ]);
  await owner.query(`UPDATE call_version v SET rules = to_jsonb(c.*) FROM call c WHERE v.call_id = c.id AND c.id = $1`, [call.id]);
  return call;
}

export interface DossierOptions {
  callId: string;
  organisationId?: string;
  createdBy?: string;
  euCents?: number;
  verdict?: 'ELIGIBLE' | 'INELIGIBLE' | null;
  instructionReport?: boolean;
  status?: 'INSTRUCTED' | 'UNDER_EVALUATION' | 'IN_COMMITTEE';
  /** A later plan version (instructor's reduction), to check that the highest version is retained. */
  reducedEuCents?: number;
  title?: string;
}

/** A submitted dossier in INSTRUCTED with its eligibility report, plan version 1 and instruction report. */
export async function createInstructedDossier(owner: DataSource, o: DossierOptions): Promise<{ id: string; number: string; organisationId: string }> {
  const organisationId = o.organisationId ?? (await createOrganisation(owner)).id;
  const createdBy = o.createdBy ?? (await createUser(owner, { roles: ['APPLICANT'] })).id;
  const number = `AAP-2026-${String(++sequence % 1_000_000).padStart(6, '0')}`;
  const euCents = o.euCents ?? 10_000_000;
  const row = only<{ id: string }>(
    await owner.query(
      `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, summary, social_need, submitted_at, submitted_snapshot,
                              created_by, cost_option, eu_requested_cents, version)
     VALUES ($1, $2, 1, $3, $4, $5, 'Résumé du projet évalué.', 'Besoin social du territoire.', now(), '{}'::jsonb, $6, 'REAL_COSTS', $7, 1)
     RETURNING id`,
      [number, o.callId, organisationId, o.status ?? 'INSTRUCTED', o.title ?? `Projet ${randomBytes(2).toString('hex')}`, createdBy, euCents],
    ),
    'application row',
  );
  const id = row.id;
  await insertPlanVersion(owner, id, 1, 'APPLICANT', euCents);
  if (o.reducedEuCents !== undefined) await insertPlanVersion(owner, id, 2, 'INSTRUCTOR', o.reducedEuCents);
  const verdict = o.verdict === undefined ? 'ELIGIBLE' : o.verdict;
  await owner.query(
    `INSERT INTO eligibility_report (application_id, rule_set_version, facts, results, verdict, evaluated_by, confirmed_by, confirmed_at)
     VALUES ($1, 'test', '{}'::jsonb, '[]'::jsonb, $2, $3, $4, $5)`,
    [id, verdict, createdBy, verdict ? createdBy : null, verdict ? new Date() : null],
  );
  if (o.instructionReport !== false) {
    await owner.query(
      `INSERT INTO instruction_report (application_id, opinion, motivation, plan_version_no, written_by, sections) VALUES ($1, 'FAVORABLE', 'Projet solide.', $2, $3, $4::jsonb)`,
      [id, o.reducedEuCents !== undefined ? 2 : 1, createdBy, JSON.stringify(COMPLETE_REPORT_SECTIONS)],
    );
  }
  return { id, number, organisationId };
}

/** Every section of a structured instruction report (docs/domain/instruction-report.md), written. */
export const COMPLETE_REPORT_SECTIONS = {
  publicTargeted: 'Jeunes de 16 à 25 ans sans emploi ni formation du quartier.',
  capacity: 'Structure expérimentée, comptes certifiés, trésorerie de trois mois.',
  horizontalPrinciples: 'Parité des participants visée, locaux accessibles.',
  stateAid: "Activité non économique : pas d'aide d'État.",
  doubleFunding: 'Cofinancement régional sur des dépenses distinctes, attesté.',
};

async function insertPlanVersion(owner: DataSource, applicationId: string, versionNo: number, source: string, euCents: number): Promise<void> {
  const eligible = Math.ceil((euCents * 100) / 95);
  await owner.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                         total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
     VALUES ($1, $2, $3, 'REAL_COSTS', '[]'::jsonb, '[]'::jsonb, $4, 0, $4, $5, $5, $6, 9500)`,
    [applicationId, versionNo, source, eligible, euCents, eligible - euCents],
  );
}

/** A consensus written by SQL (for ranking tests that do not go through scoring); needs a rapporteur user id. */
export async function insertConsensus(
  owner: DataSource,
  applicationId: string,
  scores: Record<string, number>,
  rapporteurId: string,
  grid: CallGrid = TEST_GRID,
): Promise<void> {
  const total = grid.criteria.reduce((sum, c) => sum + c.weight * present(scores[c.code], `score for ${c.code}`), 0);
  await owner.query(`INSERT INTO evaluation_consensus (application_id, scores, weighted_total, rapporteur_id) VALUES ($1, $2::jsonb, $3, $4)`, [
    applicationId,
    JSON.stringify(scores),
    total,
    rapporteurId,
  ]);
}

/** A FAVORABLE committee decision granting `euCents` on a dossier of the call (the committee is built elsewhere). */
export async function insertFavorableDecision(owner: DataSource, applicationId: string, callId: string, euCents: number, decidedBy: string): Promise<void> {
  const session = only<{ id: string }>(
    await owner.query(
      `INSERT INTO committee_session (call_id, title, scheduled_at, quorum, created_by) VALUES ($1, 'Comité test', now(), 1, $2) RETURNING id`,
      [callId, decidedBy],
    ),
    'committee_session row',
  );
  await owner.query(`INSERT INTO committee_item (session_id, application_id, position, eu_cents) VALUES ($1, $2, 1, $3)`, [session.id, applicationId, euCents]);
  await owner.query(`INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, decided_by) VALUES ($1, $2, 'FAVORABLE', $3, $4)`, [
    session.id,
    applicationId,
    euCents,
    decidedBy,
  ]);
}
