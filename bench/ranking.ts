import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { CallGrid } from '../src/modules/evaluation/domain/call-grid';
import { weightedTotalOf } from '../src/modules/evaluation/domain/evaluation-grid';
import { rankDossiers, type RankingDossier, type RankingResult } from '../src/modules/evaluation/domain/ranking';
import { prepareInfra } from './support/infra';
import { startApi, stopChild } from './support/processes';
import { BENCH_PASSWORD, insertApplicants, insertCalls, insertOrganisations } from './support/seed';
import { login } from './support/user';
import { at, first, only, take } from '../src/common/collections';

/**
 * The ranking of a large call: 5 000 eligible dossiers × 3 evaluators × 8 criteria, every sheet submitted and every
 * consensus recorded. Times `GET /api/v1/calls/:id/ranking` through the api (sequential requests: one committee
 * member asks at a time) against the raw baseline in this process: `rankDossiers` alone on the same data, loaded
 * once. Also prints the in-process "SQL + rankDossiers" time, to split the api's cost between reading and the rest.
 */
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 5000);
const EVALUATORS = 3;
const WARMUP = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const GRID: CallGrid = {
  criteria: Array.from({ length: 8 }, (_, i) => ({
    code: `C${i + 1}`,
    label: `Critère ${i + 1}`,
    weight: 1 + (i % 3),
    scaleMin: 0,
    scaleMax: 5,
    ...(i === 0 ? { threshold: 1 } : {}),
  })),
  overallThreshold: 20,
  tieBreak: ['C1', 'C2', 'C3'],
  divergenceGap: 2,
  evaluatorsPerDossier: EVALUATORS,
  fillRemainder: false,
};

async function main(): Promise<void> {
  const began = Date.now();
  const infra = await prepareInfra();
  const filesDir = await mkdtemp(join(tmpdir(), 'essaim-bench-files-'));
  const children: ChildProcess[] = [];
  try {
    const seeded = await seed(infra.databaseUrl);
    console.log(
      `bench ranking: ${DOSSIERS} eligible dossiers × ${EVALUATORS} evaluators × ${GRID.criteria.length} criteria, submitted scores and consensus (seed ${seeded.seconds.toFixed(1)} s)`,
    );
    console.log(`node ${process.version}, ${cpus().length} CPU(s) shared by this process, the api, Postgres and Redis; ${infra.notes.join('; ')}`);

    const base = await startApi(infra, filesDir, children);
    const token = await login(base, { email: seeded.managerEmail, password: BENCH_PASSWORD }, infra.databaseUrl);
    const url = `${base}/api/v1/calls/${seeded.callId}/ranking`;
    const fetchRanking = async (): Promise<RankingResult> => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`ranking: HTTP ${res.status} ${(await res.text()).slice(0, 400)}`);
      return (await res.json()) as RankingResult;
    };

    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    try {
      const loadAndRank = async () => rankDossiers({ dossiers: await loadDossiers(db, seeded.callId), grid: GRID, envelopeCents: seeded.envelopeCents });
      const dossiers = await loadDossiers(db, seeded.callId);
      const rankOnly = () => rankDossiers({ dossiers, grid: GRID, envelopeCents: seeded.envelopeCents });

      const fromApi = await fetchRanking();
      const local = rankOnly();
      const same =
        JSON.stringify(fromApi.rows.map((r) => [r.applicationId, r.rank, r.status])) ===
        JSON.stringify(local.rows.map((r) => [r.applicationId, r.rank, r.status]));
      if (!same) throw new Error('the api ranking differs from rankDossiers on the same data');
      const funded = local.rows.filter((r) => r.status === 'FUNDED').length;
      const reserve = local.rows.filter((r) => r.status === 'RESERVE').length;
      const below = local.rows.filter((r) => r.status === 'BELOW_THRESHOLD').length;
      const ties = local.rows.filter((r) => r.tiedUnresolved).length;
      console.log(
        `result: ${funded} funded, ${reserve} reserve, ${below} below threshold, ${ties} in unresolved ties; identical order and statuses from the api and in process`,
      );
      console.log(`${WARMUP} warm-up + ${ROUNDS} measured rounds, sequential, medians (p95 over the rounds)\n`);

      const api = await time(async () => void (await fetchRanking()));
      const sqlAndRank = await time(async () => void (await loadAndRank()));
      const rank = await time(async () => void rankOnly());
      const row = (name: string, t: Timing) =>
        console.log(`${name.padEnd(44)} median ${t.median.toFixed(1).padStart(8)} ms   p95 ${t.p95.toFixed(1).padStart(8)} ms`);
      row('GET /api/v1/calls/:id/ranking (api)', api);
      row('SQL load + rankDossiers (in process)', sqlAndRank);
      row('rankDossiers alone (raw baseline)', rank);
      console.log(`\nratio api / rankDossiers alone: ${(api.median / rank.median).toFixed(2)}`);
      console.log(`ratio api / (SQL load + rankDossiers): ${(api.median / sqlAndRank.median).toFixed(2)}`);

      // The api answers from a cache checked against the rows' fingerprint: a changed consensus must show at once.
      const last = at(local.rows, local.rows.length - 1, 'ranked row').applicationId;
      await db.query(`UPDATE evaluation_consensus SET scores = (SELECT jsonb_object_agg(k, 5) FROM jsonb_object_keys(scores) AS k) WHERE application_id = $1`, [
        last,
      ]);
      const changed = await fetchRanking();
      const expected = rankDossiers({ dossiers: await loadDossiers(db, seeded.callId), grid: GRID, envelopeCents: seeded.envelopeCents });
      const key = (r: RankingResult) => JSON.stringify(r.rows.map((row) => [row.applicationId, row.rank, row.status]));
      if (key(changed) !== key(expected) || key(changed) === key(fromApi)) throw new Error('the api ranking did not follow a changed consensus');
      console.log('after one consensus changed by SQL, the api answer follows it (identical to rankDossiers on the new data)');
    } finally {
      await db.end();
    }
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    const problems = process.env.BENCH_KEEP_DB ? [`kept for inspection: ${infra.databaseUrl} (drop it by hand)`] : await infra.teardown();
    await rm(filesDir, { recursive: true, force: true }).catch((e: Error) => problems.push(`files: ${e.message}`));
    for (const p of problems) console.error(`teardown: ${p}`);
    if (problems.length && !process.env.BENCH_KEEP_DB) process.exitCode = 1;
    console.log(`\ntotal ${((Date.now() - began) / 1000).toFixed(0)} s; bench database, Redis keys and child processes removed`);
  }
}

interface Timing {
  median: number;
  p95: number;
}

async function time(run: () => Promise<void>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return {
    median: at(samples, Math.floor(samples.length / 2), 'sample'),
    p95: at(samples, Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1), 'sample'),
  };
}

/** The same rows the api's RankingRepository reads, as RankingDossier (the raw baseline's input). */
async function loadDossiers(db: Client, callId: string): Promise<RankingDossier[]> {
  const { rows } = await db.query<{ id: string; number: string; eu: string; scores: Record<string, number> }>(
    `SELECT a.id, a.number, (SELECT f.eu_cents FROM financing_plan_version f WHERE f.application_id = a.id ORDER BY f.version_no DESC LIMIT 1) AS eu, ec.scores
       FROM application a JOIN eligibility_report er ON er.application_id = a.id AND er.verdict = 'ELIGIBLE'
       JOIN instruction_report ir ON ir.application_id = a.id JOIN evaluation_consensus ec ON ec.application_id = a.id
      WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION')`,
    [callId],
  );
  return rows.map((r) => ({
    applicationId: r.id,
    number: r.number,
    euAmountCents: Number(r.eu),
    eligible: true,
    criterionScores: r.scores,
    weightedTotal: weightedTotalOf(GRID, r.scores),
  }));
}

interface Seeded {
  callId: string;
  envelopeCents: number;
  managerEmail: string;
  seconds: number;
}

/**
 * By SQL, as test/support/factories/evaluation.factory.ts: one published call with the 8-criterion grid; dossiers in
 * UNDER_EVALUATION spread over 100 organisations, each with an ELIGIBLE report, plan version 1 (EU 50 000 € to
 * 149 900 €), an instruction report, three submitted sheets (a pseudo-random quality 0..5 per dossier, ± 1 per
 * evaluator and criterion) and the consensus at the rounded mean. The envelope funds about half of the EU amounts asked.
 */
async function seed(databaseUrl: string): Promise<Seeded> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const call = only(await insertCalls(db, [{ kind: 'closed' }]), 'call');
    const [creator, manager] = take(await insertApplicants(db, 2), 2, 'applicant');
    await db.query(`UPDATE app_user SET roles = ARRAY['PROGRAMME_MANAGER'] WHERE id = $1`, [manager.userId]);
    const organisations = await insertOrganisations(db, 100);
    const { rows: evaluators } = await db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles)
       SELECT 'bench-evaluator-' || g || '-' || md5(random()::text) || '@essaim.test', 'Évaluateur ' || g, 'x', ARRAY['EVALUATOR'] FROM generate_series(1, $1::int) g RETURNING id`,
      [EVALUATORS],
    );
    const evaluatorIds = evaluators.map((e) => e.id);
    await db.query(`UPDATE call SET evaluation_grid = $2::jsonb WHERE id = $1`, [call.id, JSON.stringify(GRID)]);
    await db.query(`UPDATE call_version v SET rules = to_jsonb(c.*) FROM call c WHERE v.call_id = c.id AND c.id = $1`, [call.id]);
    await db.query(
      `INSERT INTO panel_member (call_id, user_id, role) SELECT $1, u, CASE WHEN ord = 1 THEN 'CHAIR' ELSE 'MEMBER' END FROM unnest($2::uuid[]) WITH ORDINALITY t(u, ord)`,
      [call.id, evaluatorIds],
    );

    await db.query(
      `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, submitted_at, submitted_snapshot, created_by, cost_option, eu_requested_cents)
       SELECT 'AAP-2026-' || lpad(g::text, 6, '0'), $1, 1, ($2::uuid[])[1 + g % 100], 'UNDER_EVALUATION', 'Projet n° ' || g, now(), '{}'::jsonb, $3, 'REAL_COSTS',
              5000000 + (g * 7919) % 10000000 / 100 * 100
         FROM generate_series(1, $4::int) g`,
      [call.id, organisations, creator.userId, DOSSIERS],
    );
    await db.query(
      `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                           total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
       SELECT id, 1, 'APPLICANT', 'REAL_COSTS', '[]', '[]', eu_requested_cents * 100 / 95, 0, eu_requested_cents * 100 / 95, eu_requested_cents, eu_requested_cents,
              eu_requested_cents * 100 / 95 - eu_requested_cents, 9500
         FROM application WHERE call_id = $1`,
      [call.id],
    );
    await db.query(
      `INSERT INTO eligibility_report (application_id, rule_set_version, facts, results, verdict, evaluated_by, confirmed_by, confirmed_at)
       SELECT id, 'bench', '{}', '[]', 'ELIGIBLE', $2, $2, now() FROM application WHERE call_id = $1`,
      [call.id, creator.userId],
    );
    await db.query(
      `INSERT INTO instruction_report (application_id, opinion, motivation, plan_version_no, written_by) SELECT id, 'FAVORABLE', 'Banc d''essai.', 1, $2 FROM application WHERE call_id = $1`,
      [call.id, creator.userId],
    );
    await db.query(
      `INSERT INTO evaluation_assignment (application_id, evaluator_id, call_id, rapporteur, status, submitted_at)
       SELECT a.id, e.u, $1, e.ord = 1, 'SUBMITTED', now() FROM application a CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY e(u, ord) WHERE a.call_id = $1`,
      [call.id, evaluatorIds],
    );
    await db.query(
      `INSERT INTO conflict_declaration (application_id, evaluator_id, declared_conflict, declared_at) SELECT application_id, evaluator_id, false, now() FROM evaluation_assignment WHERE call_id = $1`,
      [call.id],
    );
    await db.query(
      `INSERT INTO evaluation_score (application_id, evaluator_id, criterion_code, score, justification)
       SELECT ea.application_id, ea.evaluator_id, 'C' || c,
              greatest(0, least(5, abs(hashtext(ea.application_id::text)) % 6 + abs(hashtext(ea.application_id::text || ea.evaluator_id::text || c)) % 3 - 1)),
              'Justification.'
         FROM evaluation_assignment ea CROSS JOIN generate_series(1, 8) c WHERE ea.call_id = $1`,
      [call.id],
    );
    // Consensus at the mean rounded half up (docs/domain/evaluation.md starting point), no change, so no comment needed.
    await db.query(
      `INSERT INTO evaluation_consensus (application_id, scores, weighted_total, rapporteur_id)
       SELECT m.application_id, jsonb_object_agg(m.criterion_code, m.rounded), sum(m.rounded * (1 + (substr(m.criterion_code, 2)::int - 1) % 3)), $2
         FROM (SELECT s.application_id, s.criterion_code, floor(avg(s.score) + 0.5)::int AS rounded
                 FROM evaluation_score s JOIN application a ON a.id = s.application_id WHERE a.call_id = $1 GROUP BY 1, 2) m
        GROUP BY m.application_id`,
      [call.id, first(evaluatorIds, 'evaluator')],
    );
    const { rows } = await db.query<{ total: string }>(`SELECT sum(eu_requested_cents) AS total FROM application WHERE call_id = $1`, [call.id]);
    const envelopeCents = Math.floor(Number(only(rows, 'sum').total) / 2);
    await db.query(`UPDATE call SET envelope_cents = $2 WHERE id = $1`, [call.id, envelopeCents]);
    await db.query('ANALYZE');
    return { callId: call.id, envelopeCents, managerEmail: manager.email, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
