import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Public } from '../../src/modules/auth/access.decorator';
import { createTestApp, TestApp } from '../support/test-app';

class LineDto {
  @IsString() category: string;
  @IsInt() @Min(0) amountCents: number;
}
class PlanDto {
  @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
}

@Controller('test-only')
class ProbeController {
  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('relation "secret_table" does not exist at /srv/app/src/x.ts:12');
  }

  @Post('plan')
  @Public()
  plan(@Body() dto: PlanDto): PlanDto {
    return dto;
  }

  @Get('undeclared')
  undeclared(): string {
    return 'should never be served';
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('errors and headers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ extra: [ProbeModule] })));
  afterAll(() => t.close());

  it('answers an unknown error with a generic problem and a correlation id, never the message or a stack', async () => {
    const res = await t.http().get('/test-only/boom').set('X-Request-Id', 'req-abcdef-123').expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', correlationId: 'req-abcdef-123' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret_table|\/srv|stack|\.ts/);
    expect(res.headers['x-correlation-id']).toBe('req-abcdef-123');
  });

  it('lists every validation error with its path and a stable code', async () => {
    const res = await t
      .http()
      .post('/test-only/plan')
      .send({
        lines: [
          { category: 'STAFF', amountCents: 10 },
          { category: 3, amountCents: -1.5 },
        ],
        status: 'PROGRAMMED',
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const rows = res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort();
    expect(rows).toEqual(['lines[1].amountCents:NOT_AN_INTEGER', 'lines[1].amountCents:TOO_SMALL', 'lines[1].category:NOT_A_STRING', 'status:UNKNOWN_FIELD']);
    // Every message is French, including class-validator's defaults the DTO did not rewrite.
    const messages = Object.fromEntries(res.body.errors.map((e: { path: string; code: string; message: string }) => [`${e.path}:${e.code}`, e.message]));
    expect(messages).toMatchObject({
      'lines[1].amountCents:NOT_AN_INTEGER': 'Un nombre entier est attendu.',
      'lines[1].amountCents:TOO_SMALL': 'La valeur doit être supérieure ou égale à 0.',
      'lines[1].category:NOT_A_STRING': 'Une chaîne de caractères est attendue.',
      'status:UNKNOWN_FIELD': 'Ce champ n’est pas attendu.',
    });
  });

  it('refuses prototype keys and malformed JSON with a 400 problem', async () => {
    const proto = await t.http().post('/test-only/plan').set('Content-Type', 'application/json').send('{"lines":[],"__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    const bad = await t.http().post('/test-only/plan').set('Content-Type', 'application/json').send('{"lines": [').expect(400);
    expect(bad.body.code).toBe('MALFORMED_REQUEST');
  });

  it('answers 413 to a body over 1 MB', async () => {
    const res = await t
      .http()
      .post('/test-only/plan')
      .set('Content-Type', 'application/json')
      .send(`{"lines":[],"x":"${'a'.repeat(1_100_000)}"}`);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 415 to an unsupported content type', async () => {
    const res = await t.http().post('/test-only/plan').set('Content-Type', 'application/xml').send('<plan/>');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a route that declares no access rule (fail closed)', async () => {
    const res = await t.http().get('/test-only/undeclared').expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('answers unknown API paths with a 404 problem and unknown pages with an HTML page', async () => {
    const api = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(api.body.code).toBe('NOT_FOUND');
    const page = await t.http().get('/nulle-part').set('Accept', 'text/html').expect(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Page non trouvée');
  });

  it('sends the security headers and no X-Powered-By', async () => {
    const res = await t.http().get('/connexion').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // HSTS goes with the Secure cookie (COOKIE_SECURE, on in production): the test server speaks plain HTTP.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the health probes and the OpenAPI document', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me']));
    // The reference page is rendered in DSFR from the same document: every operation, no Swagger UI.
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.text).toContain('<h1 id="page-title">Référence de l\'API</h1>');
    expect(ui.text).toContain('<code>/api/v1/auth/login</code>');
    expect(ui.text).not.toMatch(/swagger-ui/i);
  });
});
