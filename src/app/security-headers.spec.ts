import { loadConfig } from '../config/config';
import { staticSecurityHeaders } from './security-headers';

describe('staticSecurityHeaders', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/x', REDIS_URL: 'redis://localhost:6379' };

  it('sends HSTS exactly when the session cookie is Secure, production included', () => {
    expect(staticSecurityHeaders(loadConfig({ ...base, NODE_ENV: 'production', ANTIVIRUS: 'disabled' }))['strict-transport-security']).toMatch(
      /max-age=31536000/,
    );
    expect(staticSecurityHeaders(loadConfig({ ...base, NODE_ENV: 'development' }))['strict-transport-security']).toBeUndefined();
    expect(staticSecurityHeaders(loadConfig({ ...base, NODE_ENV: 'development', COOKIE_SECURE: 'true' }))['strict-transport-security']).toBeDefined();
  });

  it('carries the CSP and nosniff', () => {
    const h = staticSecurityHeaders(loadConfig({ ...base, NODE_ENV: 'test' }));
    expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(h['x-content-type-options']).toBe('nosniff');
  });
});
