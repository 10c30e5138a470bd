import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_NODE_FLAGS } from './worker-node-flags';

const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** The worker runs with the same V8 flags however it is started (docs/decisions/0010-throughput.md). */
describe('worker node flags', () => {
  it('are passed by npm run start:worker', () => {
    const script: string = JSON.parse(read('package.json')).scripts['start:worker'];
    expect(script).toBe(`node ${WORKER_NODE_FLAGS.join(' ')} dist/src/worker.js`);
  });

  it('are passed by npm start to the worker it spawns', () => {
    expect(read('src/cli/start.ts')).toMatch(/entry === 'worker' \? WORKER_NODE_FLAGS : \[\]/);
  });

  it('are passed by the worker service of docker-compose.yml and named in the Dockerfile', () => {
    const command = `["node", ${WORKER_NODE_FLAGS.map((f) => JSON.stringify(f)).join(', ')}, "dist/src/worker.js"]`;
    expect(read('docker-compose.yml')).toContain(`command: ${command}`);
    expect(read('Dockerfile')).toContain(`node ${WORKER_NODE_FLAGS.join(' ')} dist/src/worker.js`);
  });

  it('are options this node accepts (it refuses an unknown one with « bad option »)', () => {
    expect(spawnSync(process.execPath, [...WORKER_NODE_FLAGS, '-e', '0']).status).toBe(0);
  });
});
