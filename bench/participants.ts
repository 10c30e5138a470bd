import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addDays, addMonths } from '../src/modules/documents/domain/convention-terms';
import { parisToday } from '../src/modules/operations/domain/dates';
import { TEMPLATE_COLUMNS, validateImport } from '../src/modules/participants/domain/import-table';
import { identityKey, newPseudonym } from '../src/modules/participants/participants.repository';
import { prepareInfra } from './support/infra';
import { startApi, stopChild } from './support/processes';
import { insertApplicants, insertCalls } from './support/seed';
import { login } from './support/user';
import { at, first, only } from '../src/common/collections';

/**
 * Import of 10 000 participant rows through the api — upload of the CSV file, validation of every row, insert, then
 * the report's indicators computed from the records — against a bare `COPY` of the same rows into a table of the same
 * shape (same columns, constraints and indexes as `participant`, values precomputed). Each run imports into a fresh
 * operation. Targets: ≤ 10 s and ≤ 5× the bare COPY.
 */
const ROWS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_SECONDS = 10;
const TARGET_RATIO = 5;

const SEX = ['F', 'M', 'F', 'M', 'X'];
const STATUS = ['UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'];
const ISCED = ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'];

function table(n: number, from: string): string[][] {
  const header = TEMPLATE_COLUMNS.map((c) => c.header);
  const out = [header];
  for (let i = 0; i < n; i++) {
    const v: Record<string, string> = {
      nom: `Nom${i}`,
      prenom: `Prénom${i % 97}`,
      date_naissance: `${1960 + (i % 45)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      sexe: at(SEX, i % SEX.length, 'sex'),
      date_entree: addDays(from, i % 60),
      situation_entree: at(STATUS, i % STATUS.length, 'status'),
      niveau_etudes: at(ISCED, i % ISCED.length, 'ISCED level'),
      handicap: at(['YES', 'NO', 'REFUSED', ''], i % 4, 'handicap answer'),
      date_sortie: i % 3 === 0 ? addDays(from, 70) : '',
      sortie_emploi: i % 6 === 0 ? 'oui' : 'non',
    };
    out.push(header.map((h) => v[h] ?? ''));
  }
  return out;
}

async function seedOperations(db: Client, count: number, start: string, end: string) {
  const call = only(await insertCalls(db, [{ kind: 'closed' }]), 'call');
  const applicants = await insertApplicants(db, count);
  const ops: { applicationId: string; reportId: string; userId: string; email: string; password: string }[] = [];
  for (const [i, a] of applicants.entries()) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, submitted_at, submitted_snapshot, created_by, start_date, end_date, version)
       VALUES ($1, $2, 1, $3, 'IN_PROGRESS', 'Opération du banc', now(), '{}'::jsonb, $4, $5, $6, 1) RETURNING id`,
      [`AAP-2026-9${String(i).padStart(5, '0')}`, call.id, a.organisationId, a.userId, start, end],
    );
    const applicationId = only(rows, 'application row').id;
    await db.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       VALUES ($1, 1, 'APPLICANT', 'REAL_COSTS', '[{"category":"STAFF","label":"Équipe","amountCents":30000000}]',
               '[{"type":"ESF_PLUS","amountCents":28500000},{"type":"SELF","amountCents":1500000}]', 30000000, 0, 30000000, 28500000, 28500000, 1500000, 9500)`,
      [applicationId],
    );
    await db.query(`INSERT INTO operation (application_id, end_date, signature_due_date) VALUES ($1, $2, $3)`, [applicationId, end, start]);
    const report = await db.query<{ id: string }>(
      `INSERT INTO execution_report (application_id, seq, kind, period_start, period_end, due_date) VALUES ($1, 1, 'FINAL', $2, $3, $3) RETURNING id`,
      [applicationId, start, end],
    );
    ops.push({ applicationId, reportId: only(report.rows, 'execution_report row').id, userId: a.userId, email: a.email, password: a.password });
  }
  return ops;
}

/** The same rows as COPY text (tab separated), every column the import would write, computed before timing. */
function copyText(rows: string[][], applicationId: string, reportId: string, userId: string): string {
  const { rows: parsed, errors } = validateImport(rows, parisToday());
  if (errors.length) throw new Error(`bench rows invalid: ${first(errors, 'error').message}`);
  const n = (v: string | null) => (v === null ? '\\N' : v);
  return (
    parsed
      .map((p) =>
        [
          applicationId,
          reportId,
          userId,
          newPseudonym(),
          identityKey(applicationId, p.identity),
          p.lastName,
          p.firstName,
          p.birthDate,
          p.sex,
          p.entryDate,
          p.employmentStatus,
          p.educationLevel,
          n(p.disability),
          n(p.thirdCountryNational),
          n(p.foreignBackground),
          n(p.minority),
          n(p.homeless),
          n(p.rural),
          n(p.exitDate),
          String(p.exitJobSearch),
          String(p.exitEducation),
          String(p.exitQualification),
          String(p.exitEmployed),
        ].join('\t'),
      )
      .join('\n') + '\n'
  );
}

async function bareCopy(db: Client, text: string): Promise<number> {
  await db.query(`DROP TABLE IF EXISTS participant_bare; CREATE TABLE participant_bare (LIKE participant INCLUDING ALL)`);
  const began = performance.now();
  await pipeline(
    Readable.from([text]),
    db.query(
      copyFrom(`COPY participant_bare (application_id, report_id, created_by, pseudonym, identity_key, last_name, first_name, birth_date, sex, entry_date,
                employment_status, education_level, disability, third_country_national, foreign_background, minority, homeless, rural,
                exit_date, exit_job_search, exit_education, exit_qualification, exit_employed) FROM STDIN`),
    ),
  );
  return performance.now() - began;
}

async function main(): Promise<void> {
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-files-'));
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: infra.databaseUrl });
  await db.connect();
  try {
    const start = addDays(parisToday(), -120);
    const end = addDays(addMonths(start, 24), -1);
    const ops = await seedOperations(db, RUNS, start, end);
    const rows = table(ROWS, addDays(start, 1));
    const csv = Buffer.from(rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
    console.log(`bench participants: ${ROWS} rows (${(csv.length / 1024).toFixed(0)} KiB CSV), ${RUNS} run(s), each into a fresh operation`);
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by this process, the api, Postgres and Redis; ${infra.notes.join('; ')}`);
    const base = await startApi(infra, filesDir, children);

    const results: { importMs: number; indicatorsMs: number; copyMs: number }[] = [];
    for (const op of ops) {
      const token = await login(base, { email: op.email, password: op.password });
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'participants.csv');
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/execution-reports/${op.reportId}/participants/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const body = await res.text();
      const t1 = performance.now();
      if (res.status !== 201) throw new Error(`import: HTTP ${res.status} ${body.slice(0, 400)}`);
      const view = await fetch(`${base}/api/v1/execution-reports/${op.reportId}`, { headers: { authorization: `Bearer ${token}` } });
      const report = (await view.json()) as { indicators: { code: string; value: { total: number } }[] };
      const t2 = performance.now();
      const total = report.indicators.find((i) => i.code === 'EECO01')?.value.total;
      if (total !== ROWS) throw new Error(`EECO01 = ${total}, expected ${ROWS}`);
      const copyMs = await bareCopy(db, copyText(rows, op.applicationId, op.reportId, op.userId));
      results.push({ importMs: t1 - t0, indicatorsMs: t2 - t1, copyMs });
      console.log(`run: import ${(t1 - t0).toFixed(0)} ms + indicators ${(t2 - t1).toFixed(0)} ms; bare COPY ${copyMs.toFixed(0)} ms`);
    }
    const med = (xs: number[]) =>
      at(
        [...xs].sort((a, b) => a - b),
        Math.floor(xs.length / 2),
        'run',
      );
    const essaim = med(results.map((r) => r.importMs + r.indicatorsMs));
    const copy = med(results.map((r) => r.copyMs));
    const ratio = essaim / copy;
    console.log(
      `\nmedian: essaim (upload + validation + insert + indicators) ${(essaim / 1000).toFixed(2)} s (≤ ${TARGET_SECONDS} s: ${essaim <= TARGET_SECONDS * 1000 ? 'pass' : 'FAIL'})`,
    );
    console.log(`median: bare COPY ${(copy / 1000).toFixed(3)} s; ratio ${ratio.toFixed(2)}× (≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'pass' : 'FAIL'})`);
    await db.query(`DROP TABLE IF EXISTS participant_bare`);
  } finally {
    await db.end();
    for (const c of children) await stopChild(c);
    await rm(filesDir, { recursive: true, force: true });
    for (const p of await infra.teardown()) console.error(p);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
