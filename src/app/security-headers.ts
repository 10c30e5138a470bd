import helmet from 'helmet';
import type { AppConfig } from '../config/config';

/** One helmet configuration for every answer: routed ones (the Fastify plugin) and framework errors alike. */
export function helmetOptions(config: AppConfig) {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    // HSTS goes with the Secure session cookie: a deployment that cannot set one is not served over HTTPS.
    hsts: config.auth.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  } as const;
}

/**
 * The headers helmet sets, computed once: they depend on the configuration only (no nonce), so answers written
 * before any hook runs (bad URL, header overflow, smuggling attempts) can carry exactly the same ones.
 */
export function staticSecurityHeaders(config: AppConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(config) as Parameters<typeof helmet>[0])({} as never, res as never, () => undefined);
  return headers;
}
