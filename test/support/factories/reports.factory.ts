import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createOrganisation } from './application.factory';
import { createUser } from './user.factory';
import { only } from '../checked';

let serial = 0;
/** A dossier number unique within the test database (AAP-YYYY-NNNNNN). */
export function nextDossierNumber(year = 2026): string {
  serial += 1;
  return `AAP-${year}-${String((Number.parseInt(randomBytes(2).toString('hex'), 16) % 900) * 1000 + serial).padStart(6, '0')}`;
}

export interface ProgrammedDossier {
  callId: string;
  organisationId?: string;
  number?: string;
  status?: 'PROGRAMMED' | 'CONVENTION_ISSUED' | 'REFUSED' | 'POSTPONED' | 'IN_COMMITTEE' | 'UNDER_INSTRUCTION' | 'AWARD_PROPOSED';
  title?: string;
  summary?: string;
  departement?: string | null;
  startDate?: string;
  endDate?: string;
  /** The applicant's plan (version 1). */
  plan: { totalEligibleCents: number; euCents: number; otherResourcesCents: number };
  /** Later versions (instructor or committee reductions); the last one is the retained plan. */
  laterPlans?: { totalEligibleCents: number; euCents: number; otherResourcesCents: number }[];
  /** A committee decision on the dossier (a session and an agenda item are created for it). */
  decision?: { outcome: 'FAVORABLE'; euCents: number } | { outcome: 'DEFAVORABLE'; reasonCode: 'QUALITY' | 'BUDGET' } | { outcome: 'POSTPONED' };
}

/**
 * A dossier already through instruction and committee, written directly as the schema owner (the instruction and
 * committee modules are built in parallel): application row, plan versions, and optionally a decision.
 */
export async function createProgrammedDossier(owner: DataSource, d: ProgrammedDossier): Promise<{ id: string; number: string }> {
  const organisationId = d.organisationId ?? (await createOrganisation(owner)).id;
  const [creator] = await owner.query(`SELECT id FROM app_user ORDER BY created_at LIMIT 1`);
  const createdBy: string = creator?.id ?? (await createUser(owner, { roles: ['APPLICANT'] })).id;
  const number = d.number ?? nextDossierNumber();
  const retained = d.laterPlans?.at(-1) ?? d.plan;
  const row = only<{ id: string }>(
    await owner.query(
      `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, summary, start_date, end_date, departement,
                              total_eligible_cents, eu_requested_cents, other_resources_cents, submitted_at, submitted_snapshot, created_by)
     VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() - interval '60 days', '{}'::jsonb, $13) RETURNING id`,
      [
        number,
        d.callId,
        organisationId,
        d.status ?? 'PROGRAMMED',
        d.title ?? 'Ateliers partagés de réemploi',
        d.summary ?? 'Insertion par le réemploi et la réparation.',
        d.startDate ?? '2026-03-01',
        d.endDate ?? '2027-02-28',
        d.departement === undefined ? '69' : d.departement,
        d.plan.totalEligibleCents,
        d.plan.euCents,
        d.plan.otherResourcesCents,
        createdBy,
      ],
    ),
    'application row',
  );
  const plans = [d.plan, ...(d.laterPlans ?? [])];
  for (const [i, p] of plans.entries()) {
    await owner.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       VALUES ($1, $2, $3, 'REAL_COSTS', '[]', '[]', $4, 0, $4, $5, $5, $6, $7)`,
      [
        row.id,
        i + 1,
        i === 0 ? 'APPLICANT' : 'COMMITTEE',
        p.totalEligibleCents,
        p.euCents,
        p.otherResourcesCents,
        Math.floor((p.euCents * 10_000) / Math.max(1, p.totalEligibleCents)),
      ],
    );
  }
  if (d.decision) {
    const session = only<{ id: string }>(
      await owner.query(
        `INSERT INTO committee_session (call_id, title, scheduled_at, quorum, status, created_by) VALUES ($1, 'Comité de programmation', '2026-02-15T09:00:00Z', 1, 'CLOSED', $2) RETURNING id`,
        [d.callId, createdBy],
      ),
      'committee_session row',
    );
    await owner.query(`INSERT INTO committee_item (session_id, application_id, position, eu_cents) VALUES ($1, $2, 1, $3)`, [
      session.id,
      row.id,
      retained.euCents,
    ]);
    const dec = d.decision;
    await owner.query(
      `INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, reason_code, reason, requests, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '2026-02-15T10:00:00Z')`,
      [
        session.id,
        row.id,
        dec.outcome,
        dec.outcome === 'FAVORABLE' ? dec.euCents : null,
        dec.outcome === 'DEFAVORABLE' ? dec.reasonCode : null,
        dec.outcome === 'DEFAVORABLE' ? 'Motif du comité.' : null,
        dec.outcome === 'POSTPONED' ? 'Préciser le budget.' : null,
        createdBy,
      ],
    );
  }
  return { id: row.id, number };
}
