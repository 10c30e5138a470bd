import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
}
interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document a client generator reads (docs/api.md): Redocly's recommended ruleset (redocly.yaml) must find
 * no error in /api/docs-json, and every operation has a summary, a tag and a declared security requirement.
 */
describe('OpenAPI document lint', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as typeof doc;
  });
  afterAll(() => t?.close());

  it('every operation has a summary, a tag and a security requirement (empty for public ones)', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        if (!op.summary?.trim()) missing.push(`${method.toUpperCase()} ${path}: summary`);
        if (!op.tags?.length) missing.push(`${method.toUpperCase()} ${path}: tag`);
        if (!op.security) missing.push(`${method.toUpperCase()} ${path}: security`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('redocly lint (recommended ruleset) finds no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const root = resolve(__dirname, '../..');
      const run = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/@redocly/cli/bin/cli.js'),
          'lint',
          file,
          '--config',
          join(root, 'redocly.yaml'),
          '--format',
          'json',
          '--max-problems',
          '1000',
        ],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      );
      const json = run.stdout.slice(run.stdout.indexOf('{'));
      const problems = (JSON.parse(json) as { problems: LintProblem[] }).problems;
      const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
