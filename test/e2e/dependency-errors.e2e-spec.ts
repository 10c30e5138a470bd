import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { createStaff } from '../support/factories/application.factory';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, ownerDataSource, TestApp, truncateAll } from '../support/test-app';

/** A dependency that is away or too slow answers 503 with Retry-After or 504, as problem+json, never 500. */
describe('unavailable dependencies (e2e)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let owner: DataSource;

  beforeAll(async () => {
    proxy = await new TcpProxy(Number(new URL(loadConfig().database.url).port || 5432)).start();
    t = await createTestApp({ env: { DATABASE_URL: proxy.url(loadConfig().database.url), DATABASE_STATEMENT_TIMEOUT_MS: '1000' } });
    owner = await ownerDataSource();
    await truncateAll(owner);
  });
  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await owner.destroy();
    await proxy.close();
  });

  it('PostgreSQL down: every request answers 503 with Retry-After, the process stays up, and it recovers', async () => {
    const admin = await createStaff(t, owner, 'ADMINISTRATOR');
    await proxy.cut();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? t.http().get('/api/v1/system/jobs/failed').set(admin.auth)
          : i % 3 === 1
            ? t.http().post('/api/v1/auth/login').send({ email: admin.user.email, password: admin.user.password })
            : t.http().get('/api/v1/calls'),
      ),
    );
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']).toContain(res.body.code);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|stack|at /);
    }
    await t.http().get('/health/ready').expect(503);
    await proxy.restore();
    await t.http().get('/api/v1/calls').expect(200);
    await t.http().get('/api/v1/system/jobs/failed').set(admin.auth).expect(200);
  });

  it('a statement timeout behind a lock answers 504', async () => {
    const admin = await createStaff(t, owner, 'ADMINISTRATOR');
    const lock = owner.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query(`LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE`);
      const res = await t.http().get('/api/v1/system/jobs/failed').set(admin.auth);
      expect(res.status).toBe(504);
      expect(res.body.code).toBe('DATABASE_TIMEOUT');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    await t.http().get('/api/v1/system/jobs/failed').set(admin.auth).expect(200);
  });
});
