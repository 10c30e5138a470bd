import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client, Pool } from 'pg';
import { JobName, QUEUE_OF_JOB } from '../src/jobs/queues';
import { parisYear } from '../src/modules/applications/domain/application-number';
import { type HttpAnswer, send } from './support/http';
import { prepareInfra } from './support/infra';
import { median, percentile } from './support/load';
import { startApi, stopChild } from './support/processes';
import { type BenchApplicant, insertApplicants, insertCalls, pdfBytes, VALID_ARTICLE15, VALID_PLAN, VALID_STATE_AID, validProject } from './support/seed';
import { login } from './support/user';
import { at, first, only } from '../src/common/collections';

/**
 * docs/quality.md L4: a burst of submissions at 50 concurrent clients, 10 % of them resent with
 * the same Idempotency-Key and body once the first answer is in; ≥ 300 submissions/s and not one duplicate.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const APPLICANTS = 50;
const PER_RUN = 2000;
const WARMUP = 200;
const CONCURRENCY = 50;
/** Every tenth dossier is resent. */
const RETRY_EVERY = 10;
const TARGET_SUBMISSIONS_PER_S = 300;
const P95_MAX_MS = 200;
const SUBMIT_BODY = JSON.stringify({ attestation: true });

interface Dossier {
  id: string;
  token: string;
}

interface Sent {
  dossier: Dossier;
  key: string;
  kind: 'first' | 'retry';
  answer: HttpAnswer;
}

interface RunResult {
  seconds: number;
  sent: Sent[];
}

interface BareResult {
  seconds: number;
  committed: number;
  latencies: number[];
  /** Transactions cancelled by the 5 s statement timeout (waiting for the counter on an overloaded machine), retried. */
  timedOut: number;
}

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_RUNS must be a positive integer');
  const began = Date.now();
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-files-'));
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: infra.databaseUrl });
  await db.connect();
  let bare: Pool | null = null;
  try {
    const base = await startApi(infra, filesDir, children);
    const setupStarted = Date.now();
    const call = only(await insertCalls(db, [{ kind: 'open' }]), 'call');
    const applicants = await insertApplicants(db, APPLICANTS);
    const tokens = await Promise.all(applicants.map((a) => login(base, a)));

    // One dossier filled through the API exactly as completeDraft does, then cloned by SQL (rows and files).
    const template = await completeThroughApi(base, call.id, first(applicants, 'applicant'), first(tokens, 'token'));
    const perApplicant = (WARMUP + RUNS * PER_RUN) / APPLICANTS;
    const barePerApplicant = (RUNS * PER_RUN) / APPLICANTS;
    if (!Number.isInteger(perApplicant) || !Number.isInteger(barePerApplicant)) throw new Error('dossier counts must split evenly between applicants');
    const appDossiers = await cloneDossiers(db, filesDir, template, applicants, tokens, perApplicant, true);
    const bareDossiers = await cloneDossiers(db, filesDir, template, applicants, tokens, barePerApplicant, false);
    await assertSubmittable(base, template, at(appDossiers, appDossiers.length - 1, 'dossier'));
    await db.query('ANALYZE');
    console.log(
      `bench submissions: ${CONCURRENCY} keep-alive clients, ${PER_RUN} dossiers per run (+${WARMUP} warm-up), every ${RETRY_EVERY}th resent with the same Idempotency-Key and body, median of ${RUNS} run(s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by the load generator, the api, Postgres and Redis`);
    console.log(`${infra.notes.join('; ')}`);
    console.log(
      `set-up: ${APPLICANTS} applicants, 1 open call, ${appDossiers.length + bareDossiers.length + 1} complete DRAFT dossiers (1 through the API, the others cloned by SQL) in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s\n`,
    );

    const warm = await submitAll(base, appDossiers.slice(0, WARMUP));
    console.log(`  warm-up   essaim ${warm.sent.length} requests in ${warm.seconds.toFixed(1)} s`);

    bare = new Pool({
      connectionString: infra.databaseUrl,
      max: 10,
      options: '-c statement_timeout=5000 -c TimeZone=UTC -c role=essaim_app',
      application_name: 'essaim-bench-bare',
    });
    bare.on('error', () => undefined);
    const userOf = new Map(appDossiers.concat(bareDossiers).map((d) => [d.id, d.userId]));

    const runs: RunResult[] = [];
    const bares: BareResult[] = [];
    for (let round = 0; round < RUNS; round++) {
      const mine = appDossiers.slice(WARMUP + round * PER_RUN, WARMUP + (round + 1) * PER_RUN);
      const r = await submitAll(base, mine);
      runs.push(r);
      const s = summarise(r);
      console.log(
        `  run ${round + 1}/${RUNS} essaim ${s.submissionsPerS.toFixed(0).padStart(5)} submissions/s  ${s.rps.toFixed(0).padStart(5)} req/s  p95 ${s.p95.toFixed(1)} ms  statuses ${formatCounts(s.statuses)}`,
      );
      const b = await bareTransactions(
        bare,
        bareDossiers.slice(round * PER_RUN, (round + 1) * PER_RUN).map((d) => ({ id: d.id, userId: userOf.get(d.id)! })),
      );
      bares.push(b);
      console.log(
        `  run ${round + 1}/${RUNS} bare   ${(b.committed / b.seconds).toFixed(0).padStart(5)} transactions/s  p95 ${percentile(
          [...b.latencies].sort((x, y) => x - y),
          95,
        ).toFixed(1)} ms  committed ${b.committed}/${PER_RUN}, ${b.timedOut} timed out and retried`,
      );
    }

    const checks = await duplicateChecks(db, [warm, ...runs], bareDossiers.length);
    report(runs, bares, checks);
    if (checks.problems.length > 0) process.exitCode = 1;
  } finally {
    await bare?.end().catch(() => undefined);
    await db.end().catch(() => undefined);
    await Promise.all(children.map((c) => stopChild(c)));
    const problems = await infra.teardown();
    await rm(filesDir, { recursive: true, force: true }).catch((e: Error) => problems.push(`files: ${e.message}`));
    for (const p of problems) console.error(`teardown: ${p}`);
    if (problems.length) process.exitCode = 1;
    console.log(`\ntotal ${((Date.now() - began) / 1000).toFixed(0)} s; bench database, Redis keys, files and child processes removed`);
  }
}

/** createDraft + completeDraft of test/support/factories/application.factory.ts, over HTTP. */
async function completeThroughApi(base: string, callId: string, a: BenchApplicant, token: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/applications`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ callId, organisationId: a.organisationId }),
  });
  if (created.status !== 201) throw new Error(`create draft: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  let etag = created.headers.get('etag') ?? '';
  for (const [path, body] of [
    ['project', validProject()],
    ['article15', VALID_ARTICLE15],
    ['financing-plan', VALID_PLAN],
    ['state-aid', VALID_STATE_AID],
  ] as const) {
    const res = await fetch(`${base}/api/v1/applications/${id}/${path}`, { method: 'PUT', headers: { ...json, 'if-match': etag }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    etag = res.headers.get('etag') ?? '';
  }
  for (const type of ['STATUTS', 'RIB']) {
    const form = new FormData();
    form.append('documentType', type);
    form.append('file', new Blob([new Uint8Array(pdfBytes(type))], { type: 'application/pdf' }), `${type.toLowerCase()}.pdf`);
    const res = await fetch(`${base}/api/v1/applications/${id}/documents`, { method: 'POST', headers: auth, body: form });
    if (res.status !== 201) throw new Error(`upload ${type}: ${res.status} ${await res.text()}`);
  }
  // Indicator targets for every indicator of the call, required at submission (as declareTargets of the factories).
  const { codes } = (await (await fetch(`${base}/api/v1/applications/${id}/indicator-targets`, { headers: auth })).json()) as { codes: { code: string }[] };
  const targets = codes.map(({ code }) => (code === 'EECO01' ? { code, total: 40, women: 22, men: 17, nonBinary: 1 } : { code, total: 10 }));
  const put = await fetch(`${base}/api/v1/applications/${id}/indicator-targets`, { method: 'PUT', headers: json, body: JSON.stringify({ targets }) });
  if (put.status !== 204) throw new Error(`indicator targets: ${put.status} ${await put.text()}`);
  return id;
}

interface Cloned extends Dossier {
  userId: string;
}

/**
 * `perApplicant` copies of the template for every applicant, in its organisation: the same columns, lines and
 * resources, and (`withDocuments`) the same document rows under fresh storage keys, the files copied alongside.
 */
async function cloneDossiers(
  db: Client,
  filesDir: string,
  templateId: string,
  applicants: BenchApplicant[],
  tokens: string[],
  perApplicant: number,
  withDocuments: boolean,
): Promise<Cloned[]> {
  const owners = applicants.flatMap((a, i) => Array.from({ length: perApplicant }, () => ({ a, token: at(tokens, i, 'token') })));
  const ids = owners.map(() => randomUUID());
  const content = `title, summary, social_need, target_publics, start_date, end_date, place, departement, with_participants, planned_participants,
    operation_type, existing_project, experimentation_start_date, new_territory, substantial_change,
    art15_i1, art15_i2, art15_ii, cost_option, flat_rate_bp, state_aid, total_direct_cents, total_flat_rate_cents, total_eligible_cents,
    max_eu_cents, eu_requested_cents, other_resources_cents, version`;
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO application (id, call_id, call_version, organisation_id, created_by, ${content})
     SELECT t.id, s.call_id, s.call_version, t.org, t.usr, ${content.replace(/(\w+)/g, 's.$1')}
       FROM application s CROSS JOIN unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(id, org, usr) WHERE s.id = $1`,
    [templateId, ids, owners.map((o) => o.a.organisationId), owners.map((o) => o.a.userId)],
  );
  await db.query(
    `INSERT INTO application_budget_line (application_id, position, category, label, amount_cents)
     SELECT t.id, l.position, l.category, l.label, l.amount_cents FROM unnest($2::uuid[]) AS t(id) CROSS JOIN application_budget_line l WHERE l.application_id = $1`,
    [templateId, ids],
  );
  await db.query(
    `INSERT INTO application_resource (application_id, position, type, funder_name, amount_cents)
     SELECT t.id, r.position, r.type, r.funder_name, r.amount_cents FROM unnest($2::uuid[]) AS t(id) CROSS JOIN application_resource r WHERE r.application_id = $1`,
    [templateId, ids],
  );
  await db.query(
    `INSERT INTO application_state_aid (application_id, regime, justification, gber_article, reference, de_minimis_received_cents, updated_by)
     SELECT t.id, s.regime, s.justification, s.gber_article, s.reference, s.de_minimis_received_cents, s.updated_by
     FROM unnest($2::uuid[]) AS t(id) CROSS JOIN application_state_aid s WHERE s.application_id = $1`,
    [templateId, ids],
  );
  await db.query(
    `INSERT INTO indicator_target (application_id, version_no, code, total, women, men, non_binary)
     SELECT t.id, x.version_no, x.code, x.total, x.women, x.men, x.non_binary FROM unnest($2::uuid[]) AS t(id) CROSS JOIN indicator_target x WHERE x.application_id = $1`,
    [templateId, ids],
  );
  if (withDocuments) {
    const template = await db.query<{ documentType: string; storageKey: string }>(
      `SELECT document_type AS "documentType", storage_key AS "storageKey" FROM application_document WHERE application_id = $1 AND deleted_at IS NULL`,
      [templateId],
    );
    const sourceOf = new Map(template.rows.map((d) => [d.documentType, d.storageKey]));
    const inserted = await db.query<{ documentType: string; target: string }>(
      `INSERT INTO application_document (application_id, document_type, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by)
       SELECT x.id, x.document_type, x.original_name, 'uploads/' || substr(x.k, 1, 2) || '/' || x.k, x.media_type, x.size_bytes, x.sha256, x.usr
         FROM (SELECT t.id, t.usr, d.document_type, d.original_name, d.media_type, d.size_bytes, d.sha256, gen_random_uuid()::text AS k
                 FROM unnest($2::uuid[], $3::uuid[]) AS t(id, usr) CROSS JOIN application_document d
                WHERE d.application_id = $1 AND d.deleted_at IS NULL) x
       RETURNING document_type AS "documentType", storage_key AS target`,
      [templateId, ids, owners.map((o) => o.a.userId)],
    );
    const rows = inserted.rows.map((r) => ({ source: sourceOf.get(r.documentType)!, target: r.target }));
    const dirs = new Set(rows.map((r) => dirname(join(filesDir, r.target))));
    await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
    for (let i = 0; i < rows.length; i += 200) {
      await Promise.all(rows.slice(i, i + 200).map((r) => copyFile(join(filesDir, r.source), join(filesDir, r.target))));
    }
  }
  await db.query('COMMIT');
  return owners.map((o, i) => ({ id: at(ids, i, 'id'), token: o.token, userId: o.a.userId }));
}

/** The clone reads back through the API as complete as the template (the checklist is empty), with the same plan. */
async function assertSubmittable(base: string, templateId: string, clone: Cloned): Promise<void> {
  type View = { checklist: { complete: boolean; errors: unknown[] } | null; financingPlan: { computed: unknown }; documents: unknown[] };
  const get = async (id: string, token: string): Promise<View> => {
    const res = await fetch(`${base}/api/v1/applications/${id}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET dossier ${id}: ${res.status}`);
    return (await res.json()) as View;
  };
  const [t, c] = [await get(templateId, clone.token).catch(() => null), await get(clone.id, clone.token)];
  if (!c.checklist?.complete) throw new Error(`a cloned dossier is not complete: ${JSON.stringify(c.checklist?.errors)}`);
  if (t && JSON.stringify(t.financingPlan.computed) !== JSON.stringify(c.financingPlan.computed))
    throw new Error('a cloned dossier does not compute the template plan');
  if (c.documents.length !== 2) throw new Error(`a cloned dossier has ${c.documents.length} documents`);
}

/**
 * Closed loop at CONCURRENCY: each client takes the next dossier and POSTs its submission with a fresh key; when a
 * dossier due for a retry gets its first answer, the same key and body go to the front of the queue.
 */
async function submitAll(base: string, dossiers: Dossier[]): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const queue: { dossier: Dossier; key: string; kind: 'first' | 'retry'; index: number }[] = dossiers.map((dossier, index) => ({
    dossier,
    key: randomUUID(),
    kind: 'first',
    index,
  }));
  const sent: Sent[] = [];
  let pendingRetries = dossiers.filter((_, i) => i % RETRY_EVERY === 0).length;
  const client = async (): Promise<void> => {
    for (;;) {
      const job = queue.shift();
      if (!job) {
        if (pendingRetries === 0) return;
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      const url = new URL(`${base}/api/v1/applications/${job.dossier.id}/submit`);
      const headers = { authorization: `Bearer ${job.dossier.token}`, 'content-type': 'application/json', 'idempotency-key': job.key };
      const answer = await send(agent, url, 'POST', headers, SUBMIT_BODY);
      sent.push({ dossier: job.dossier, key: job.key, kind: job.kind, answer });
      if (job.kind === 'first' && job.index % RETRY_EVERY === 0) queue.unshift({ ...job, kind: 'retry' });
      if (job.kind === 'retry') pendingRetries--;
    }
  };
  const started = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
  } finally {
    agent.destroy();
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, sent };
}

/**
 * The raw baseline: the core writes of a submission as bare SQL through `pg`, one transaction each, at the same
 * concurrency and pool size: the year's counter, the DRAFT-guarded UPDATE, the history row, the outbox row, the audit
 * row last (its trigger takes the chain lock). No access check, no idempotency key, no content checks, no snapshot.
 */
async function bareTransactions(pool: Pool, dossiers: { id: string; userId: string }[]): Promise<BareResult> {
  const queue = [...dossiers];
  const latencies: number[] = [];
  let committed = 0;
  let timedOut = 0;
  const worker = async (): Promise<void> => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const start = process.hrtime.bigint();
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const now = new Date();
        const year = parisYear(now);
        const { rows: counter } = await c.query<{ lastValue: number }>(
          `INSERT INTO application_number_counter AS c (year, last_value) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS "lastValue"`,
          [year],
        );
        const number = `AAP-${year}-${String(only(counter, 'counter row').lastValue).padStart(6, '0')}`;
        const { rows } = await c.query<{ version: number }>(
          `UPDATE application SET status = 'SUBMITTED', number = $2, submitted_at = $3, submitted_snapshot = $4::jsonb, version = version + 1, updated_at = now()
            WHERE id = $1 AND status = 'DRAFT' RETURNING version`,
          [d.id, number, now, JSON.stringify({ number })],
        );
        if (rows.length !== 1) {
          await c.query('ROLLBACK');
          continue;
        }
        await c.query(
          `INSERT INTO application_status_history (application_id, from_status, to_status, actor_user_id, reason, application_version) VALUES ($1, 'DRAFT', 'SUBMITTED', $2, NULL, $3)`,
          [d.id, d.userId, only(rows, 'application row').version],
        );
        // Born published: the api's relay must not spend the bare side's CPU publishing these rows to Redis.
        await c.query(`INSERT INTO outbox (queue, job_name, payload, published_at) VALUES ($1, $2, $3::jsonb, now())`, [
          QUEUE_OF_JOB[JobName.GenerateReceipt],
          JobName.GenerateReceipt,
          JSON.stringify({ applicationId: d.id }),
        ]);
        await c.query(`SELECT audit_append($1, 'USER', 'application.submitted', 'application', $2, $3::jsonb, $4::jsonb, $5)`, [
          d.userId,
          d.id,
          JSON.stringify({ status: 'DRAFT' }),
          JSON.stringify({ status: 'SUBMITTED', number, version: only(rows, 'application row').version }),
          randomUUID(),
        ]);
        await c.query('COMMIT');
        committed++;
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        // The api answers a statement timeout with 503 and the client retries: the bare side retries the same dossier
        // (the rollback returned its number), so it still commits every dossier and its rate counts the lost time.
        if ((e as { code?: string }).code !== '57014') throw e;
        timedOut++;
        queue.push(d);
      } finally {
        c.release();
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, committed, latencies, timedOut };
}

interface RunSummary {
  submissionsPerS: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Map<string, number>;
}

function summarise(r: RunResult): RunSummary {
  const latencies = r.sent.map((s) => s.answer.ms).sort((a, b) => a - b);
  const statuses = new Map<string, number>();
  for (const s of r.sent) statuses.set(`${s.kind} ${s.answer.status}`, (statuses.get(`${s.kind} ${s.answer.status}`) ?? 0) + 1);
  const firstOk = r.sent.filter((s) => s.kind === 'first' && s.answer.status === 200).length;
  return {
    submissionsPerS: firstOk / r.seconds,
    rps: r.sent.length / r.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
  };
}

const formatCounts = (m: Map<string, number>): string =>
  [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

interface Checks {
  lines: string[];
  problems: string[];
}

/** L4's counts: one number per submitted dossier and no more, every replay byte-equal to its original, no 5xx. */
async function duplicateChecks(db: Client, results: RunResult[], bareExpected: number): Promise<Checks> {
  const all = results.flatMap((r) => r.sent);
  const firsts = all.filter((s) => s.kind === 'first');
  const retries = all.filter((s) => s.kind === 'retry');
  const submittedIds = new Set(firsts.filter((s) => s.answer.status === 200).map((s) => s.dossier.id));
  const originals = new Map(firsts.map((s) => [s.key, s.answer]));
  const differing = retries.filter((s) => {
    const o = originals.get(s.key);
    return !o || o.status !== s.answer.status || o.body !== s.answer.body;
  }).length;
  const notFlagged = retries.filter((s) => s.answer.status === 200 && s.answer.headers['idempotent-replayed'] !== 'true').length;
  const answeredNumbers = firsts.filter((s) => s.answer.status === 200).map((s) => (JSON.parse(s.answer.body) as { number: string }).number);
  const fiveXx = all.filter((s) => s.answer.status >= 500 || s.answer.status === 0).length;

  const q = async (sql: string, params: unknown[] = []): Promise<number> => Number(only((await db.query<{ n: string }>(sql, params)).rows, 'count').n);
  const ids = [...submittedIds];
  // One client answers one query at a time: run them in turn.
  const [numbered, distinctNumbers, numberedOfOurs, counter, multiHistory, multiAudit, multiReceipt, multiMail, mailsUnnumbered, mailsMissing, mismatched] = [
    await q(`SELECT count(*) AS n FROM application WHERE number IS NOT NULL`),
    await q(`SELECT count(DISTINCT number) AS n FROM application WHERE number IS NOT NULL`),
    await q(`SELECT count(*) AS n FROM application WHERE number IS NOT NULL AND id = ANY($1::uuid[])`, [ids]),
    await q(`SELECT coalesce(sum(last_value), 0) AS n FROM application_number_counter`),
    await q(
      `SELECT count(*) AS n FROM (SELECT application_id FROM application_status_history WHERE to_status = 'SUBMITTED' GROUP BY application_id HAVING count(*) > 1) x`,
    ),
    await q(`SELECT count(*) AS n FROM (SELECT subject_id FROM audit_log WHERE action = 'application.submitted' GROUP BY subject_id HAVING count(*) > 1) x`),
    // Per dossier and kind. A send-mail payload names its message, not the dossier (payloads carry ids only): grouping
    // every job by `payload->>'applicationId'` put all the mail jobs in one NULL group, a false duplicate. The message
    // names its dossier in its dedupe key (`application.submitted:<id>:<version>:<recipient>`).
    await q(`SELECT count(*) AS n FROM (SELECT payload->>'applicationId' FROM outbox WHERE job_name = $1 GROUP BY 1 HAVING count(*) > 1) x`, [
      JobName.GenerateReceipt,
    ]),
    await q(
      `SELECT count(*) AS n FROM (SELECT split_part(m.dedupe_key, ':', 2), m.recipient_user_id
         FROM outbox o JOIN mail_message m ON m.id = (o.payload->>'mailId')::uuid
        WHERE o.job_name = $1 AND m.template = 'application-submitted' GROUP BY 1, 2 HAVING count(*) > 1) x`,
      [JobName.SendMail],
    ),
    // The status mail is written before the number is taken and completed by the submission's last statement.
    await q(
      `SELECT count(*) AS n FROM mail_message m JOIN application a ON a.id::text = split_part(m.dedupe_key, ':', 2)
        WHERE m.template = 'application-submitted' AND (m.subject NOT LIKE '%' || a.number || '%' OR m.body_text NOT LIKE '%' || a.number || '%'
              OR m.body_html NOT LIKE '%' || a.number || '%' OR m.body_text LIKE '%AAP-NUMERO-%')`,
    ),
    await q(
      `SELECT count(*) AS n FROM unnest($1::uuid[]) AS t(id)
        WHERE t.id::text NOT IN (SELECT split_part(dedupe_key, ':', 2) FROM mail_message WHERE template = 'application-submitted')`,
      [ids],
    ),
    await q(
      `SELECT count(*) AS n FROM application a JOIN unnest($1::uuid[], $2::text[]) AS t(id, number) ON t.id = a.id WHERE a.number IS DISTINCT FROM t.number`,
      [firsts.filter((s) => s.answer.status === 200).map((s) => s.dossier.id), answeredNumbers],
    ),
  ];
  const expectedNumbered = submittedIds.size + bareExpected;
  const rows: [string, number, number][] = [
    ['dossiers with more than one SUBMITTED history row', multiHistory, 0],
    ['dossiers with more than one application.submitted audit row', multiAudit, 0],
    ['dossiers with more than one receipt job', multiReceipt, 0],
    ['dossiers with more than one submission mail job per recipient', multiMail, 0],
    ['submission mails not showing the dossier number', mailsUnnumbered, 0],
    ['dossiers submitted (essaim) without their submission mail', mailsMissing, 0],
    ['numbers assigned − distinct dossiers submitted (essaim)', numberedOfOurs - submittedIds.size, 0],
    ['numbers answered − distinct numbers answered', answeredNumbers.length - new Set(answeredNumbers).size, 0],
    ['answered numbers differing from the stored one', mismatched, 0],
    ['numbered dossiers − distinct numbers', numbered - distinctNumbers, 0],
    ['counter − numbered dossiers (gaps; essaim + bare)', counter - numbered, 0],
    [`numbered dossiers − expected (${submittedIds.size} essaim + ${bareExpected} bare)`, numbered - expectedNumbered, 0],
    ['retries whose answer differs from the original (status or bytes)', differing, 0],
    ['replayed 200s without Idempotent-Replayed: true', notFlagged, 0],
    ['5xx or unanswered requests', fiveXx, 0],
  ];
  const lines = rows.map(([label, value, expected]) => `  ${label.padEnd(72)} ${String(value).padStart(5)}  ${value === expected ? 'pass' : 'FAIL'}`);
  return { lines, problems: rows.filter(([, v, e]) => v !== e).map(([label]) => label) };
}

function report(runs: RunResult[], bares: BareResult[], checks: Checks): void {
  const s = runs.map(summarise);
  const m = (pick: (x: RunSummary) => number): number => median(s.map(pick));
  const bareRate = median(bares.map((b) => b.committed / b.seconds));
  const bareP95 = median(
    bares.map((b) =>
      percentile(
        [...b.latencies].sort((x, y) => x - y),
        95,
      ),
    ),
  );
  const statuses = new Map<string, number>();
  for (const x of s) for (const [k, v] of x.statuses) statuses.set(k, (statuses.get(k) ?? 0) + v);
  const submissionsPerS = m((x) => x.submissionsPerS);
  const p95 = m((x) => x.p95);
  console.log('');
  console.log(
    `essaim  submissions/s ${submissionsPerS.toFixed(0)}  req/s ${m((x) => x.rps).toFixed(0)}  p50 ${m((x) => x.p50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${m((x) => x.p99).toFixed(1)} ms  (medians; per run ${s.map((x) => x.submissionsPerS.toFixed(0)).join(' / ')})`,
  );
  console.log(`        statuses over the measured runs: ${formatCounts(statuses)}`);
  console.log(
    `bare    transactions/s ${bareRate.toFixed(0)}  p95 ${bareP95.toFixed(1)} ms  (counter + guarded UPDATE + history + outbox + audit, pg Pool max 10, ${CONCURRENCY} concurrent)`,
  );
  console.log('');
  console.log('duplicate checks (warm-up and measured runs):');
  for (const line of checks.lines) console.log(line);
  console.log('');
  const ratio = submissionsPerS / bareRate;
  console.log(
    `ratio submissions: essaim/bare ${ratio.toFixed(2)}; ${submissionsPerS.toFixed(0)} submissions/s (≥ ${TARGET_SUBMISSIONS_PER_S}: ${verdict(submissionsPerS >= TARGET_SUBMISSIONS_PER_S)}), ` +
      `p95 ${p95.toFixed(1)} ms (≤ ${P95_MAX_MS} ms, L4: ${verdict(p95 <= P95_MAX_MS)}), duplicates ${checks.problems.length === 0 ? '0: pass' : `FAIL (${checks.problems.join('; ')})`}`,
  );
}

const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
