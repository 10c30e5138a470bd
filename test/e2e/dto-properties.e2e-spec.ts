import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createStaff } from '../support/factories/application.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; enum?: unknown[] };
interface Doc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string }[] }>>;
  components?: { schemas?: Record<string, Schema> };
}

const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

/** Bad scalars: NUL and control characters, long strings, huge or odd numbers, wrong types, nesting near and over the bound. */
const badScalar = fc.oneof(
  fc.constantFrom('a\u0000b', 'x\u0007y', '\u001b[2J', 'ligne\u0085', '\u202eevil', '\ud800'),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.constantFrom('x'.repeat(100_000), 'é'.repeat(5_001)),
  fc.constantFrom(1e15, 10 ** 11 + 1, 2 ** 63, -1, 0.5, Number.MAX_SAFE_INTEGER + 2, -0),
  fc.double({ noNaN: true }),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }).map((n) => Number(n)),
  fc.constantFrom(null, true, [], {}, '', '   '),
  fc.constantFrom(nested(20), nested(31), nested(200)),
);

/** A value for `schema` where every property may be bad, with unknown and prototype keys added. */
function badFor(schema: Schema | undefined, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, doc);
  if (!resolved || depth > 3) return badScalar;
  if (resolved.properties) {
    const props = Object.fromEntries(
      Object.entries(resolved.properties).map(([k, s]) => [
        k,
        fc.oneof({ weight: 3, arbitrary: badFor(s, doc, depth + 1) }, { weight: 1, arbitrary: badScalar }),
      ]),
    );
    return fc
      .tuple(
        fc.record(props, { requiredKeys: [] }),
        fc.constantFrom({}, { unknownKey: 'x' }, { ['__proto__']: { admin: true } }, { constructor: { prototype: { admin: true } } }),
      )
      .map(([o, extra]) => Object.assign(JSON.parse(JSON.stringify(extra)) as object, o));
  }
  if (resolved.type === 'array' || resolved.items)
    return fc.oneof(fc.array(badFor(resolved.items, doc, depth + 1), { maxLength: 3 }), fc.constant(Array.from({ length: 2_000 }, () => 'x')), badScalar);
  return badScalar;
}

function resolve(schema: Schema | undefined, doc: Doc): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length)
    return schema.allOf.map((s) => resolve(s, doc)).reduce<Schema>((a, s) => ({ ...a, ...s, properties: { ...a.properties, ...s?.properties } }), {});
  return schema;
}

/**
 * The "Done when" property test of issue 18: fast-check generates bad values (NUL and control characters, deep
 * nesting, huge numbers, long strings, unknown and prototype keys) for the properties of every DTO of the OpenAPI
 * document — request bodies and query parameters — and sends them over HTTP with every role that passes the route's
 * role check. No answer may be a 5xx; every error is problem+json. Bounded: about 40 s on the shared machine.
 */
describe('DTO properties under bad values (e2e)', () => {
  const ctx = useTestApp();

  it('answers every DTO-bearing operation with a 4xx problem+json or a success, never a 5xx', async () => {
    await truncateAll(ctx.owner);
    const started = Date.now();
    const doc = (await ctx.t.http().get('/api/docs-json').expect(200)).body as Doc;
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([method, op]) => ({
          method: method as 'get' | 'post' | 'put' | 'patch' | 'delete',
          path,
          body: op.requestBody?.content?.['application/json']?.schema,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        }))
        .filter((op) => op.body || op.query.length),
    );
    expect(operations.filter((op) => op.body).length).toBeGreaterThan(40);

    const callers: Record<string, string>[] = [
      { Authorization: `Bearer ${(await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }))).token}` },
    ];
    for (const role of ['PROGRAMME_MANAGER', 'INSTRUCTOR', 'EVALUATOR', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'] as const)
      callers.push((await createStaff(ctx.t, ctx.owner, role)).auth);

    const failures: string[] = [];
    let requests = 0;
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
      // Only the callers the route's role check lets through reach validation; one is enough per role family.
      const reaching: Record<string, string>[] = [];
      for (const headers of callers) {
        const probe = await ctx.t
          .http()
          [op.method](url)
          .set(headers)
          .set('Content-Type', 'application/json')
          .send(op.method === 'get' || op.method === 'delete' ? undefined : '{}');
        requests++;
        if (probe.status !== 401 && probe.status !== 403) reaching.push(headers);
      }
      for (const headers of reaching.slice(0, 2)) {
        const queryArb = fc.array(fc.tuple(fc.constantFrom(...(op.query.length ? op.query : ['q'])), badScalar), { maxLength: 3 });
        await fc
          .assert(
            fc.asyncProperty(badFor(op.body, doc), queryArb, async (body, query) => {
              const qs = query
                .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`)
                .join('&');
              const target = qs ? `${url}?${qs}` : url;
              const req = ctx.t.http()[op.method](target).set(headers).set('If-Match', '"1"').set('Idempotency-Key', randomUUID());
              const res = op.body ? await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null') : await req;
              requests++;
              const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
              if (res.status >= 500 || (res.status >= 400 && !problem)) {
                failures.push(
                  `${op.method.toUpperCase()} ${op.path} → ${res.status} ${String(res.text).slice(0, 160)} body=${(JSON.stringify(body) ?? '').slice(0, 160)}`,
                );
                return false;
              }
              return true;
            }),
            { numRuns: op.body ? 6 : 3, seed: 1818, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
