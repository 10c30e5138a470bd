import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document a client generator reads (docs/api.md): Redocly's recommended ruleset plus our rules (redocly.yaml)
 * must find no error in /api/docs-json; every operation has a summary, a tag and a declared security requirement; every
 * success body has a schema (files as binary strings under their real media type) and no object schema is empty.
 */
describe('OpenAPI document lint', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>; components: { schemas: Record<string, Schema> } };

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

  it('every 2xx answer but 204 has content with a schema, and no object schema is left empty', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        for (const [status, response] of Object.entries(item[method]?.responses ?? {})) {
          if (!/^2\d\d$/.test(status) || status === '204') continue;
          const where = `${method.toUpperCase()} ${path} ${status}`;
          if (!response.content || !Object.keys(response.content).length) missing.push(`${where}: no content`);
          for (const [mediaType, media] of Object.entries(response.content ?? {})) {
            if (!media.schema) missing.push(`${where} ${mediaType}: no schema`);
            else emptyObjects(media.schema, `${where} ${mediaType}`, missing);
          }
        }
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) emptyObjects(schema, `#/components/schemas/${name}`, missing);
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

/**
 * A `type: object` with nothing to say what it holds (an `object` field decorated without a nested class) is opaque
 * to a client generator: every object schema, at any depth, has properties, additionalProperties, a $ref or a
 * composition.
 */
function emptyObjects(schema: Schema, where: string, found: string[]): void {
  const shaped = ['properties', 'additionalProperties', '$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in schema);
  if (schema.type === 'object' && !shaped) found.push(`${where}: empty object`);
  for (const [key, property] of Object.entries(schema.properties ?? {})) emptyObjects(property, `${where}.${key}`, found);
  if (schema.items) emptyObjects(schema.items, `${where}[]`, found);
  if (typeof schema.additionalProperties === 'object') emptyObjects(schema.additionalProperties, `${where}{}`, found);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) emptyObjects(part, where, found);
}
