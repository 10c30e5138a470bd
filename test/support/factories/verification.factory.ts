import { DataSource } from 'typeorm';
import { addDays } from '../../../src/modules/documents/domain/convention-terms';
import { parisToday } from '../../../src/modules/operations/domain/dates';
import { createOpenCall, createOrganisation } from './application.factory';
import { createInstructedDossier } from './evaluation.factory';
import { createUser } from './user.factory';

export interface ReportLineSpec {
  category: 'STAFF' | 'OTHER_DIRECT' | 'EXTERNAL_SERVICES' | 'PARTICIPANTS' | 'IN_KIND';
  amountCents: number;
}

export interface SubmittedReportSpec {
  lines: ReportLineSpec[];
  /** The dossier's assigned instructor. */
  instructorId?: string | null;
  organisationId?: string;
  /** Plan in force: option, flat rate, EU rate, lines by category, EU amount. */
  plan?: { costOption: string; flatRateBp: number | null; rateBp: number; lines: ReportLineSpec[]; euCents: number };
  submittedDaysAgo?: number;
  kind?: 'INTERMEDIATE' | 'FINAL';
  resources?: { type: string; amountCents: number }[];
  callId?: string;
}

export const DEFAULT_PLAN = {
  costOption: 'INDIRECT_15_STAFF',
  flatRateBp: 1500,
  rateBp: 6000,
  lines: [
    { category: 'STAFF', amountCents: 20_000_000 },
    { category: 'OTHER_DIRECT', amountCents: 5_000_000 },
    { category: 'EXTERNAL_SERVICES', amountCents: 3_000_000 },
  ] as ReportLineSpec[],
  euCents: 18_600_000,
};

/**
 * An operation IN_PROGRESS with a submitted report of many expenditure lines, written by SQL (what the execution
 * specs build through the API one line at a time): the plan version 2 in force, the operation row, the report.
 */
export async function submittedReport(
  owner: DataSource,
  s: SubmittedReportSpec,
): Promise<{ applicationId: string; number: string; organisationId: string; reportId: string; lineIds: string[]; callId: string }> {
  const callId = s.callId ?? (await createOpenCall(owner)).id;
  const organisationId = s.organisationId ?? (await createOrganisation(owner)).id;
  const author = await createUser(owner, { roles: ['APPLICANT'] });
  const dossier = await createInstructedDossier(owner, { callId, organisationId, createdBy: author.id });
  const start = addDays(parisToday(), -200);
  const end = addDays(parisToday(), 400);
  await owner.query(`UPDATE application SET status = 'IN_PROGRESS', instructor_id = $2, start_date = $3, end_date = $4 WHERE id = $1`, [
    dossier.id,
    s.instructorId ?? null,
    start,
    end,
  ]);
  const plan = s.plan ?? DEFAULT_PLAN;
  const direct = plan.lines.reduce((sum, l) => sum + l.amountCents, 0);
  await owner.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, flat_rate_bp, lines, resources, total_direct_cents, total_flat_rate_cents,
                                         total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
     VALUES ($1, 2, 'COMMITTEE', $2, $3, $4::jsonb, '[]'::jsonb, $5, 0, $5, $6, $6, 0, $7)`,
    [dossier.id, plan.costOption, plan.flatRateBp, JSON.stringify(plan.lines.map((l) => ({ ...l, label: l.category }))), direct, plan.euCents, plan.rateBp],
  );
  await owner.query(
    `INSERT INTO operation (application_id, end_date, signature_due_date, notified_on, actual_start_date, start_attested_by, start_attested_at)
     VALUES ($1, $2, $3, $3, $3, $4, now())`,
    [dossier.id, end, start, author.id],
  );
  // Noon (Paris) so many calendar days ago: the payment clock counts Paris days, whatever the hour or a DST change.
  const submittedDaysAgo = s.submittedDaysAgo ?? 10;
  const [report] = await owner.query(
    `INSERT INTO execution_report (application_id, seq, kind, period_start, period_end, due_date, status, achievements, resources, snapshot, submitted_at, submitted_by)
     VALUES ($1, 1, $2, $3, $4, $5, 'SUBMITTED', '{"done":"Actions menées."}'::jsonb, $6::jsonb, '{"schemaVersion":1}'::jsonb,
             ((now() AT TIME ZONE 'Europe/Paris')::date - $7::int + time '12:00') AT TIME ZONE 'Europe/Paris', $8) RETURNING id`,
    [dossier.id, s.kind ?? 'INTERMEDIATE', start, addDays(start, 150), addDays(start, 210), JSON.stringify(s.resources ?? []), submittedDaysAgo, author.id],
  );
  const rows: { id: string }[] = await owner.query(
    `INSERT INTO expenditure_line (report_id, category, label, supplier, document_ref, document_date, incurred_on, paid_on, amount_ht_cents, amount_ttc_cents,
                                   vat_recovered, share_bp, eligible_cents, created_by)
     SELECT $1, l.category, 'Dépense ' || l.n, 'Fournisseur ' || (l.n % 17), 'F-' || lpad(l.n::text, 5, '0'), $2::date + (l.n % 100)::int, $2::date + (l.n % 100)::int, $2::date + (l.n % 100)::int + 5,
            l.amount, l.amount, true, 10000, l.amount, $3
       FROM unnest($4::text[], $5::bigint[]) WITH ORDINALITY AS l(category, amount, n)
     RETURNING id`,
    [report.id, start, author.id, s.lines.map((l) => l.category), s.lines.map((l) => String(l.amountCents))],
  );
  return { applicationId: dossier.id, number: dossier.number, organisationId, reportId: report.id, lineIds: rows.map((r) => r.id), callId };
}

/** `n` lines of `amountCents` in a category. */
export function linesOf(category: ReportLineSpec['category'], n: number, amountCents: number): ReportLineSpec[] {
  return Array.from({ length: n }, () => ({ category, amountCents }));
}
