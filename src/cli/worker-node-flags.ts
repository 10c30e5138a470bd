/**
 * The V8 flags the worker process runs with, wherever it is started: `npm start` (src/cli/start.ts), `npm run
 * start:worker` (package.json) and the `worker` service of docker-compose.yml (a unit test keeps the three equal).
 *
 * `--heap-growing-percent=100`: after each full collection V8 lets the old generation grow to at most twice what
 * survived, instead of up to four times when the process is busy. An export streams 100 000 rows in batches whose
 * garbage is promoted before it dies; with the default factor it piled up to ≈ 100 MB before a full collection (peak
 * 245 MB for the CSV), with this one to ≈ 40 MB, at the same generation time. It caps nothing: a job that really
 * needs more heap still gets it (docs/decisions/0010-throughput.md).
 *
 * `--max-semi-space-size=8` (MB; node 20's default is 16): the young generation, where each batch's rows are born,
 * is three semi-spaces, so it holds ≈ 24 MB less at its largest. Measured on the CSV export: peak 181 MB instead of
 * 199–201 MB, generation time within the run-to-run spread (4 MB gave 170 MB but ≈ 13 % slower, from more scavenges).
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--heap-growing-percent=100', '--max-semi-space-size=8'];
