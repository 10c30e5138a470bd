import { loadConfig } from './config';
import { InvalidConfigError, validateEnv } from './env.validation';

describe('configuration', () => {
  it('applies defaults for a local installation', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379', BODY_LIMIT_BYTES: 1_048_576 });
  });

  it('lists every bad key, never the values', () => {
    let error: unknown;
    try {
      validateEnv({ PORT: 'eighty', NODE_ENV: 'prod', DATABASE_URL: 'mysql://secret-password@host/db', LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual(['DATABASE_URL', 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 'NODE_ENV', 'PORT']);
    expect((error as Error).message).not.toContain('secret-password');
  });

  it('derives secure cookies in production and freezes the result', () => {
    const config = loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: undefined, ANTIVIRUS: 'disabled' });
    expect(config.auth.cookieSecure).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'true' }).auth.cookieSecure).toBe(true);
  });
});
