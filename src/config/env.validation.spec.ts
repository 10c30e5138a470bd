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

  it('refuses production without a virus scanner, unless ANTIVIRUS=disabled says so explicitly', () => {
    const none = { NODE_ENV: 'production', CLAMD_SOCKET: '', CLAMD_HOST: '', ANTIVIRUS: '' };
    expect(() => loadConfig(none)).toThrow(InvalidConfigError);
    expect(() => loadConfig(none)).toThrow(/CLAMD_SOCKET or CLAMD_HOST/);
    expect(loadConfig({ ...none, ANTIVIRUS: 'disabled' }).antivirus.clamd).toBeNull();
    expect(loadConfig({ ...none, CLAMD_SOCKET: '/run/clamav/clamd.ctl' }).antivirus.clamd).toEqual({ socket: '/run/clamav/clamd.ctl' });
    expect(loadConfig({ ...none, CLAMD_HOST: 'clamav', CLAMD_PORT: '3310' }).antivirus.clamd).toEqual({ host: 'clamav', port: 3310 });
    expect(() => loadConfig({ ...none, ANTIVIRUS: 'off' })).toThrow(/ANTIVIRUS/);
    expect(loadConfig({ NODE_ENV: 'development', CLAMD_SOCKET: '', CLAMD_HOST: '' }).antivirus.clamd).toBeNull(); // embedded default
  });

  it('requires a bucket for the S3 driver', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: '' })).toThrow(/S3_BUCKET/);
    expect(loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'essaim-files', S3_ENDPOINT: 'https://s3.example.fr' }).files.s3).toMatchObject({
      bucket: 'essaim-files',
      forcePathStyle: true,
    });
  });
});
