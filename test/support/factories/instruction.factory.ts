import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { only } from '../checked';

let sequence = randomInt(1, 500_000);

export interface SubmittedSpec {
  title?: string;
  departement?: string;
  euRequestedCents?: number;
  submittedAt?: Date;
  status?: string;
  organisationId?: string;
  labels?: string[];
  instructorId?: string | null;
}

/**
 * A submitted dossier inserted by SQL as the submit use case leaves it: numbered, snapshot, DRAFT → SUBMITTED history,
 * submission no 1 and financing plan version 1 (CTE rounded up so that 95 % of it covers the EU amount).
 */
export async function insertSubmittedDossier(
  db: DataSource,
  call: { id: string },
  org: { id: string },
  createdBy: string,
  s: SubmittedSpec = {},
): Promise<{ id: string; number: string }> {
  const eu = s.euRequestedCents ?? 10_640_000;
  const cte = Math.ceil((eu * 100) / 95);
  const maxEu = Math.floor((cte * 95) / 100);
  const number = `AAP-2026-${String(++sequence).padStart(6, '0')}`;
  const submittedAt = s.submittedAt ?? new Date();
  const snapshot = { number, title: s.title ?? 'Projet', financingPlan: { costOption: 'REAL_COSTS', lines: [], resources: [] } };
  const row = only<{ id: string }>(
    await db.query(
      `INSERT INTO application (call_id, call_version, organisation_id, created_by, status, title, departement, eu_requested_cents, total_eligible_cents,
                              max_eu_cents, total_direct_cents, total_flat_rate_cents, other_resources_cents, cost_option, number, submitted_at,
                              submitted_snapshot, labels, instructor_id)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $8, 0, $10, 'REAL_COSTS', $11, $12, $13::jsonb, $14::text[], $15) RETURNING id`,
      [
        call.id,
        s.organisationId ?? org.id,
        createdBy,
        s.status ?? 'SUBMITTED',
        s.title ?? 'Projet',
        s.departement ?? '69',
        eu,
        cte,
        maxEu,
        cte - eu,
        number,
        submittedAt,
        JSON.stringify(snapshot),
        s.labels ?? [],
        s.instructorId ?? null,
      ],
    ),
    'application row',
  );
  await db.query(
    `INSERT INTO application_status_history (application_id, from_status, to_status, actor_user_id, application_version) VALUES ($1, 'DRAFT', 'SUBMITTED', $2, 1)`,
    [row.id, createdBy],
  );
  await db.query(`INSERT INTO application_submission (application_id, submission_no, snapshot, submitted_at, submitted_by) VALUES ($1, 1, $2::jsonb, $3, $4)`, [
    row.id,
    JSON.stringify(snapshot),
    submittedAt,
    createdBy,
  ]);
  await db.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
       total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, created_by)
     VALUES ($1, 1, 'APPLICANT', 'REAL_COSTS', $2::jsonb, $3::jsonb, $4, 0, $4, $5, $6, $7, 9500, $8)`,
    [
      row.id,
      JSON.stringify([{ category: 'STAFF', label: 'Équipe', amountCents: cte }]),
      JSON.stringify([
        { type: 'ESF_PLUS', funderName: null, amountCents: eu },
        { type: 'SELF', funderName: null, amountCents: cte - eu },
      ]),
      cte,
      maxEu,
      eu,
      cte - eu,
      createdBy,
    ],
  );
  return { id: row.id, number };
}
