import { connect } from 'node:net';
import { createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at, first } from '../support/checked';

/** Sends raw bytes and returns the raw answer: what Node's HTTP parser refuses never reaches supertest's client. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', (e) => (data ? resolve(data) : reject(e)));
  });
}

function headersOf(answer: string): Record<string, string> {
  const head = first(answer.split('\r\n\r\n'), 'header block');
  return Object.fromEntries(
    head
      .split('\r\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

const SECURITY = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];

describe('bad input never reaches a 500 (e2e)', () => {
  const ctx = useTestApp();
  let port: number;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    const server = ctx.t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });

  it('refuses a NUL or control character in a body, naming the field, on real routes', async () => {
    const call = await createOpenCall(ctx.owner);
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id, etag } = await createDraft(ctx.t, a, call.id);
    const res = await ctx.t.http().put(`/api/v1/applications/${id}/project`).set(a.auth).set('If-Match', etag).send({ title: 'a\u0000b' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'title', code: 'CONTROL_CHARACTER' })]);
    const plan = await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/financing-plan`)
      .set(a.auth)
      .set('If-Match', etag)
      .send({
        lines: [
          { category: 'STAFF', label: 'ok', amountCents: 1 },
          { category: 'STAFF', label: 'x\u001by', amountCents: 1 },
        ],
      })
      .expect(400);
    expect(plan.body.errors.map((e: { path: string }) => e.path)).toContain('lines[1].label');
    // Multi-line text keeps its new lines and tabs.
    await ctx.t.http().put(`/api/v1/applications/${id}/project`).set(a.auth).set('If-Match', etag).send({ summary: 'Ligne 1\r\n\tLigne 2' }).expect(200);
  });

  it('refuses a NUL in a query string with a 400 naming the parameter', async () => {
    const call = await createOpenCall(ctx.owner);
    const staff = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const res = await ctx.t.http().get(`/api/v1/calls/${call.id}/applications?q=a%00b`).set(staff.auth).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'q', code: 'CONTROL_CHARACTER' })]);
  });

  it('refuses deep nesting and floods of keys with 400 MALFORMED_REQUEST, unauthenticated routes included', async () => {
    for (const path of ['/api/v1/cofinancing/simulate', '/api/v1/accounts', '/api/v1/auth/login']) {
      const deep = await ctx.t
        .http()
        .post(path)
        .set('Content-Type', 'application/json')
        .send('['.repeat(100_000) + ']'.repeat(100_000));
      expect(deep.status).toBe(400);
      expect(deep.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(deep.body.code).toBe('MALFORMED_REQUEST');
    }
    const keys = `{${Array.from({ length: 12_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const flood = await ctx.t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(keys).expect(400);
    expect(flood.body.code).toBe('MALFORMED_REQUEST');
  });

  it('refuses a null JSON body instead of treating it as an empty update', async () => {
    const call = await createOpenCall(ctx.owner);
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id, etag } = await createDraft(ctx.t, a, call.id);
    const res = await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/project`)
      .set(a.auth)
      .set('If-Match', etag)
      .set('Content-Type', 'application/json')
      .send('null')
      .expect(400);
    expect(res.body.code).toBe('MALFORMED_REQUEST');
    const after = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    expect(after.headers.etag).toBe(etag);
  });

  it('answers a bad URL and an over-long parameter with problem+json and the security headers', async () => {
    const reference = await ctx.t.http().get('/api/v1/me').expect(401);
    for (const [path, status, code] of [
      ['/api/v1/calls/%', 400, 'MALFORMED_REQUEST'],
      [`/api/v1/calls/${'a'.repeat(500)}`, 414, 'URI_TOO_LONG'],
    ] as const) {
      const res = await ctx.t.http().get(path);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      for (const h of SECURITY) expect(res.headers[h]).toBe(reference.headers[h]);
    }
  });

  it('answers what the HTTP parser refuses (431, Content-Length with Transfer-Encoding) with problem+json and the headers', async () => {
    const reference = await ctx.t.http().get('/api/v1/me').expect(401);
    const big = await raw(port, `GET /api/v1/calls?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1.1 431/);
    const smuggled = await raw(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(smuggled).toMatch(/^HTTP\/1.1 400/);
    for (const answer of [big, smuggled]) {
      const h = headersOf(answer);
      expect(h['content-type']).toMatch(/^application\/problem\+json/);
      for (const name of SECURITY) expect(h[name]).toBe(reference.headers[name]);
      expect(JSON.parse(at(answer.split('\r\n\r\n'), 1, 'body')).code).toMatch(/HEADERS_TOO_LARGE|MALFORMED_REQUEST/);
    }
  });
});
