import fc from 'fast-check';
import { createStaff } from '../support/factories/application.factory';
import { createUser, login } from '../support/factories/user.factory';
import { useTestApp } from '../support/test-app';

interface Operation {
  method: string;
  path: string;
}

/** Hostile values: control characters, deep nesting, huge and odd numbers, long strings, unknown and prototype keys. */
const badValue = fc.oneof(
  fc.constantFrom('a\u0000b', '\u001b[31m', 'x'.repeat(20_000), '', ' ', '../../etc/passwd', "'; DROP TABLE call; --", '%00', '\ud800'),
  fc.constantFrom(Infinity, -1, 2 ** 63, 1e15, 0.5, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(null, true, [], {}, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }),
  fc.constant(JSON.parse('['.repeat(40) + ']'.repeat(40))),
  fc.string({ maxLength: 30 }),
);
const badBody = fc.oneof(
  fc.dictionary(fc.constantFrom('title', 'name', 'email', 'amountCents', 'lines', 'status', 'id', 'unknownKey', '__proto__', 'reason', 'q'), badValue, {
    maxKeys: 4,
  }),
  badValue,
);
const badParam = fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'a%00b', '-1', '99999999999999999999', '%E2%82', '..');

/**
 * OpenAPI-driven fuzzing (schemathesis-style, in Node): every operation of /api/docs-json gets generated hostile path
 * parameters, query strings and bodies, anonymously and with each kind of bearer token. No answer may be a 5xx, and every
 * error must be problem+json. Bounded: a few cases per operation and caller, so the run stays within a couple of minutes.
 */
describe('OpenAPI fuzzing (e2e)', () => {
  const ctx = useTestApp();

  it('answers every generated request to every documented operation without a server error', async () => {
    const doc = (await ctx.t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method, path })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const applicant = await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }));
    const callers: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${applicant.token}` },
      (await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER')).auth,
      (await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR')).auth,
    ];
    const failures: string[] = [];
    for (const op of operations) {
      for (const headers of callers) {
        await fc
          .assert(
            fc.asyncProperty(badParam, badBody, badValue, async (param, body, q) => {
              const url =
                op.path.replace(/\{[^}]+\}/g, param) +
                `?q=${encodeURIComponent(typeof q === 'string' ? q : (JSON.stringify(q) ?? ''))}&limit=${encodeURIComponent(String(q))}`;
              const http = ctx.t.http();
              const req = http[op.method as 'get'](url).set(headers).set('If-Match', '"1"').set('Idempotency-Key', '11111111-1111-4111-8111-111111111111');
              const res =
                op.method === 'get' || op.method === 'delete'
                  ? await req
                  : await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
              const problemJson = /^application\/problem\+json/.test(String(res.headers['content-type']));
              if (res.status >= 500 || (res.status >= 400 && !problemJson)) failures.push(`${op.method.toUpperCase()} ${url.slice(0, 120)} → ${res.status}`);
              return res.status < 500;
            }),
            { numRuns: 3, seed: 18, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
