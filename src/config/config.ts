import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from '../common/project-root';
import type { ClamdAddress } from '../modules/files/antivirus/clamd-client';
import type { S3StorageOptions } from '../modules/files/storage/s3-object-storage';
import { EnvVars, InvalidConfigError, validateEnv } from './env.validation';
import { issuingBodyFromEnv, type IssuingBody } from './issuing-body';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly http: { readonly port: number; readonly host: string; readonly publicUrl: string; readonly bodyLimitBytes: number; readonly trustProxy: boolean };
  readonly database: {
    readonly url: string;
    readonly runtimeUrl: string | null;
    readonly appRole: string | null;
    readonly poolMax: number;
    readonly statementTimeoutMs: number;
    /** Parameterised queries as named prepared statements (src/database/preparing-client.ts). */
    readonly preparedStatements: boolean;
  };
  readonly redis: { readonly url: string };
  readonly queue: {
    readonly prefix: string;
    readonly outboxPollMs: number;
    readonly workerConcurrency: number;
    readonly lockDurationMs: number;
    readonly stalledIntervalMs: number;
    readonly attempts: number;
    readonly backoffMs: number;
    readonly reconcileIntervalMs: number;
    readonly remindersIntervalMs: number;
    readonly pingDelayMs: number;
  };
  readonly auth: {
    readonly sessionIdleMinutes: number;
    readonly sessionAbsoluteHours: number;
    readonly cookieSecure: boolean;
    readonly maxFailuresPerAccount: number;
    readonly maxDelaySeconds: number;
    readonly maxFailuresPerIp: number;
    readonly throttleWindowSeconds: number;
  };
  readonly files: {
    readonly dir: string;
    readonly maxUploadBytes: number;
    readonly sweepIntervalMs: number;
    readonly tempMaxAgeMs: number;
    readonly driver: 'local' | 's3';
    readonly s3: S3StorageOptions | null;
  };
  /** clamd's address; null: no scanner (files kept "not scanned", refused in production unless ANTIVIRUS=disabled). */
  readonly antivirus: { readonly clamd: ClamdAddress | null; readonly timeoutMs: number };
  readonly mail: { readonly smtpUrl: string | null; readonly from: string; readonly replyTo: string | null; readonly dir: string };
  /** null: ProConnect is not configured. */
  readonly proconnect: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string; readonly scope: string } | null;
  /** The issuing body's name (OPERATOR_NAME), shown in the pages and mails; the same as `issuer.name`. */
  readonly operatorName: string;
  readonly issuer: IssuingBody;
  /** Legal nature of the grantor (article 15, II of the loi ESS is waived only for a collectivité territoriale). */
  readonly grantorNature: EnvVars['GRANTOR_NATURE'];
  readonly logLevel: EnvVars['LOG_LEVEL'];
  readonly logFormat: 'json' | 'pretty';
  readonly metrics: { readonly token: string | null; readonly workerPort: number; readonly workerHost: string };
}

export function toAppConfig(env: EnvVars, cwd = process.cwd()): AppConfig {
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) problems.push('S3_BUCKET: required when STORAGE_DRIVER=s3');
  // Uploads come from outside; in production they are scanned, unless the operator says otherwise in so many words.
  if (production && !env.CLAMD_SOCKET && !env.CLAMD_HOST && env.ANTIVIRUS !== 'disabled') {
    problems.push(
      'CLAMD_SOCKET or CLAMD_HOST: production needs a ClamAV daemon to scan uploads (or ANTIVIRUS=disabled to run without one, files then marked "not scanned")',
    );
  }
  if (env.PROCONNECT_ISSUER && (!env.PROCONNECT_CLIENT_ID || !env.PROCONNECT_CLIENT_SECRET)) {
    problems.push('PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET: required with PROCONNECT_ISSUER');
  }
  const issuer = issuingBodyFromEnv(env, projectRoot(), problems);
  if (problems.length) throw new InvalidConfigError(problems);
  return deepFreeze({
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      trustProxy: env.TRUST_PROXY ?? false,
    },
    database: {
      url: env.DATABASE_URL,
      runtimeUrl: env.DATABASE_RUNTIME_URL || null,
      appRole: env.DATABASE_APP_ROLE === '' ? null : env.DATABASE_APP_ROLE,
      poolMax: env.DATABASE_POOL_MAX,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    },
    redis: { url: env.REDIS_URL },
    queue: {
      prefix: env.QUEUE_PREFIX,
      outboxPollMs: env.OUTBOX_POLL_MS,
      workerConcurrency: env.WORKER_CONCURRENCY,
      lockDurationMs: env.JOB_LOCK_DURATION_MS,
      stalledIntervalMs: env.JOB_STALLED_INTERVAL_MS,
      attempts: env.JOB_ATTEMPTS,
      backoffMs: env.JOB_BACKOFF_MS,
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      remindersIntervalMs: env.REMINDERS_INTERVAL_MS,
      pingDelayMs: env.SYSTEM_PING_DELAY_MS,
    },
    auth: {
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
      cookieSecure: env.COOKIE_SECURE ?? production,
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxDelaySeconds: env.LOGIN_MAX_DELAY_SECONDS,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      throttleWindowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS,
    },
    files: {
      dir: isAbsolute(env.FILES_DIR) ? env.FILES_DIR : resolve(cwd, env.FILES_DIR),
      maxUploadBytes: env.UPLOAD_MAX_BYTES,
      sweepIntervalMs: env.FILES_SWEEP_INTERVAL_MS,
      tempMaxAgeMs: env.FILES_TEMP_MAX_AGE_MS,
      driver: env.STORAGE_DRIVER,
      s3:
        env.STORAGE_DRIVER === 's3'
          ? {
              endpoint: env.S3_ENDPOINT || null,
              region: env.S3_REGION,
              bucket: env.S3_BUCKET,
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              forcePathStyle: env.S3_FORCE_PATH_STYLE,
              prefix: env.S3_PREFIX,
            }
          : null,
    },
    antivirus: {
      clamd: env.CLAMD_SOCKET ? { socket: env.CLAMD_SOCKET } : env.CLAMD_HOST ? { host: env.CLAMD_HOST, port: env.CLAMD_PORT } : null,
      timeoutMs: env.CLAMD_TIMEOUT_MS,
    },
    mail: {
      smtpUrl: env.SMTP_URL === '' ? null : env.SMTP_URL,
      from: env.MAIL_FROM,
      replyTo: env.MAIL_REPLY_TO === '' ? null : env.MAIL_REPLY_TO,
      dir: isAbsolute(env.MAIL_DIR) ? env.MAIL_DIR : resolve(cwd, env.MAIL_DIR),
    },
    proconnect: env.PROCONNECT_ISSUER
      ? { issuer: env.PROCONNECT_ISSUER, clientId: env.PROCONNECT_CLIENT_ID, clientSecret: env.PROCONNECT_CLIENT_SECRET, scope: env.PROCONNECT_SCOPE }
      : null,
    operatorName: env.OPERATOR_NAME,
    issuer,
    grantorNature: env.GRANTOR_NATURE,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT || (production ? 'json' : 'pretty'),
    metrics: { token: env.METRICS_TOKEN || null, workerPort: env.WORKER_METRICS_PORT, workerHost: env.WORKER_METRICS_HOST },
  });
}

/** The process environment: the only place in src/ that reads it. */
export function processEnv(): Record<string, string | undefined> {
  return { ...process.env };
}

/** Loads, validates and freezes the configuration; `overrides` win over the environment (tests, launcher). */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return toAppConfig(validateEnv({ ...processEnv(), ...overrides }));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
