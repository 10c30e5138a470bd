import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no', ''].includes(value.toLowerCase())) return false;
  return value;
};

/** Every environment variable Essaim reads. Defaults suit a local installation. */
export class EnvVars {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/)
  PUBLIC_URL?: string;

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/)
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/essaim';

  @Matches(/^[a-z_][a-z0-9_]*$|^$/)
  DATABASE_APP_ROLE = 'essaim_app';

  /**
   * Runtime login of the api and the worker (a role granted DATABASE_APP_ROLE, created by `npm run db:runtime-role`).
   * When set, DATABASE_URL is used for migrations only, so `RESET ROLE` in the application's sessions brings back
   * nothing more than the runtime role (docs/security.md).
   */
  @Matches(/^postgres(ql)?:\/\/[^\s]+$|^$/)
  DATABASE_RUNTIME_URL = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX = 10;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 5000;

  /**
   * Parameterised queries run as named prepared statements, parsed and planned once per connection
   * (docs/decisions/0010-throughput.md). Turn off behind a pooler that moves server connections per transaction.
   */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  @Matches(/^rediss?:\/\/[^\s]+$/)
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[a-zA-Z0-9_-]{1,40}$/)
  QUEUE_PREFIX = 'essaim';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  SESSION_ABSOLUTE_HOURS = 12;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY?: boolean;

  /** Failures of one account before each further one delays the next try (no lockout: see login-delay.ts). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Ceiling of the per-account progressive delay. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_MAX_DELAY_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_MAX_FAILURES_PER_IP = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 2;

  /** A killed worker's job is back in the queue within lock + stalled interval (≤ 15 s); docs/decisions/0007. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(600_000)
  JOB_LOCK_DURATION_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  JOB_STALLED_INTERVAL_MS = 5_000;

  /** Attempts per job and the first backoff delay (doubling): 9 × 2 s spans about 8.5 minutes of outage. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  JOB_ATTEMPTS = 9;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  JOB_BACKOFF_MS = 2000;

  /** How often the reconciler compares the outbox with Redis (re-publishes lost jobs, records final failures). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  RECONCILE_INTERVAL_MS = 30_000;

  /** How often due reminders (complements, deadlines) are looked for; each is sent once per person and due date. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  REMINDERS_INTERVAL_MS = 15 * 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SYSTEM_PING_DELAY_MS = 0;

  @IsString()
  FILES_DIR = '.data/files';

  /** The sweep of orphan temporary files (`.part` uploads, `.tmp` documents and exports) and the age they must reach. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  FILES_SWEEP_INTERVAL_MS = 3_600_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 86_400_000)
  FILES_TEMP_MAX_AGE_MS = 3_600_000;

  /** Where uploads, generated documents and exports are kept: `local` (under FILES_DIR) or `s3` (S3_* below). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** An S3-compatible endpoint (https://…); empty: the AWS endpoint of S3_REGION. */
  @Matches(/^https?:\/\/[^\s]+$|^$/)
  S3_ENDPOINT = '';

  @IsString()
  S3_REGION = 'us-east-1';

  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$|^$/)
  S3_BUCKET = '';

  @IsString()
  S3_ACCESS_KEY_ID = '';

  @IsString()
  S3_SECRET_ACCESS_KEY = '';

  /** Path-style addressing (endpoint/bucket/key), which most non-AWS providers expect. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Prepended to every object key (e.g. `essaim/`), so one bucket can serve several installations. */
  @Matches(/^([a-z0-9][a-z0-9_-]*\/)*$/)
  S3_PREFIX = '';

  /** clamd's unix socket (INSTREAM); or CLAMD_HOST and CLAMD_PORT for TCP. Neither: uploads are kept "not scanned". */
  @IsString()
  CLAMD_SOCKET = '';

  @IsString()
  CLAMD_HOST = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  CLAMD_PORT = 3310;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  CLAMD_TIMEOUT_MS = 30_000;

  /** `disabled`: accept running in production without a virus scanner (an explicit, logged choice). */
  @IsIn(['', 'disabled'])
  ANTIVIRUS: '' | 'disabled' = '';

  /** Largest document an applicant may upload, enforced while the upload streams (ASVS 5.2.1). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  /** smtp(s)://user:pass@host:port; empty: messages are written to MAIL_DIR and listed on /dev/mails. */
  @IsString()
  SMTP_URL = '';

  @IsString()
  MAIL_FROM = 'Essaim <ne-pas-repondre@essaim.localhost>';

  /** Where replies go (the intermediate body's mailbox); empty: no Reply-To. */
  @IsString()
  MAIL_REPLY_TO = '';

  @IsString()
  MAIL_DIR = '.data/mail';

  /**
   * ProConnect (the State agents' OpenID Connect federation) for staff: the issuer URL whose
   * /.well-known/openid-configuration is read; empty: no ProConnect button, staff sign in with password + TOTP.
   */
  @Matches(/^https?:\/\/[^\s]+$|^$/)
  PROCONNECT_ISSUER = '';

  @IsString()
  PROCONNECT_CLIENT_ID = '';

  @IsString()
  PROCONNECT_CLIENT_SECRET = '';

  /** Scopes asked of ProConnect; `email` is what links an agent to an Essaim staff account. */
  @IsString()
  PROCONNECT_SCOPE = 'openid email given_name usual_name';

  /**
   * The issuing body (docs/domain/documents.md, « Issuing body »): printed on every generated document and in the pages.
   * The defaults describe a fictitious body for demonstrations; a real installation sets each of them.
   */
  @IsString()
  @MaxLength(200)
  OPERATOR_NAME = 'Agence Essaim (démonstration)';

  @IsString()
  @MaxLength(300)
  ISSUER_ADDRESS = '10 rue de la Démonstration, 75010 Paris';

  @Matches(/^\d{14}$/)
  ISSUER_SIRET = '98765430800012';

  /** The legal representative who is party to the conventions (name, then title). */
  @IsString()
  @MaxLength(120)
  ISSUER_REPRESENTATIVE_NAME = 'Camille Martin';

  @IsString()
  @MaxLength(200)
  ISSUER_REPRESENTATIVE_TITLE = 'présidente';

  /** Who signs the letters and the conventions (CRPA art. L212-1: first name, name and title printed legibly). */
  @IsString()
  @MaxLength(120)
  ISSUER_SIGNATORY_NAME = 'Dominique Bernard';

  @IsString()
  @MaxLength(200)
  ISSUER_SIGNATORY_TITLE = 'directrice générale, par délégation de la présidente';

  /** The service in charge of the dossiers and how to reach it (CRPA art. R112-5, printed on the receipt). */
  @IsString()
  @MaxLength(200)
  ISSUER_SERVICE = 'Service des subventions FSE+';

  @IsString()
  @MaxLength(200)
  ISSUER_EMAIL = 'fse@essaim-demo.localhost';

  @IsString()
  @MaxLength(40)
  ISSUER_PHONE = '01 23 45 67 89';

  /** PNG or JPEG printed at the top of every document; relative paths are read from the project root; empty: none. */
  @IsString()
  ISSUER_LOGO_PATH = 'templates/documents/assets/issuer-logo-demo.png';

  /** The administrative court competent for the body's decisions, named in the means of redress. */
  @IsString()
  @MaxLength(200)
  ISSUER_ADMINISTRATIVE_COURT = 'Tribunal administratif de Paris';

  @IsString()
  @MaxLength(300)
  ISSUER_ADMINISTRATIVE_COURT_ADDRESS = '7 rue de Jouy, 75181 Paris Cedex 04';

  /** The global grant agreement with the managing authority that makes the body an intermediate body (CPR art. 71(3)). */
  @IsString()
  @MaxLength(500)
  ISSUER_GLOBAL_GRANT =
    'la convention de subvention globale n° DEMO-2023-001 du 1er mars 2023 conclue avec l’État (ministère chargé du travail, délégation générale à l’emploi et à la formation professionnelle), autorité de gestion du programme national FSE+';

  /** The programming committee's rules of procedure, cited in the minutes. */
  @IsString()
  @MaxLength(300)
  ISSUER_COMMITTEE_RULES = 'règlement intérieur du comité de programmation adopté le 1er mars 2023';

  /**
   * Legal nature of the body granting the ESF+ support: it alone decides whether article 15, II of the loi ESS is
   * waived (only for support granted by a collectivité territoriale, docs/domain/eligibility.md).
   */
  @IsIn(['STATE_DESIGNATED_BODY', 'COLLECTIVITE_TERRITORIALE'])
  GRANTOR_NATURE: 'STATE_DESIGNATED_BODY' | 'COLLECTIVITE_TERRITORIALE' = 'STATE_DESIGNATED_BODY';

  /** `json`: one JSON object per line with the correlation id (pino); `pretty`: Nest's coloured console. Empty: json in production. */
  @IsIn(['', 'json', 'pretty'])
  LOG_FORMAT: '' | 'json' | 'pretty' = '';

  /** Bearer token Prometheus presents on GET /metrics (administrators' sessions may read it too). Empty: sessions only. */
  @IsString()
  METRICS_TOKEN = '';

  /** The worker's own /metrics (job durations and failures) on this port, 127.0.0.1 unless METRICS_HOST; 0: none. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 0;

  @IsString()
  WORKER_METRICS_HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates raw variables; throws InvalidConfigError listing every bad key (never its value: it may be a secret). */
export function validateEnv(raw: Record<string, string | undefined>): EnvVars {
  const known = Object.keys(new EnvVars());
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => v !== undefined && (known.includes(k) || k === 'PUBLIC_URL' || k === 'COOKIE_SECURE' || k === 'TRUST_PROXY')),
  );
  const env = plainToInstance(EnvVars, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new InvalidConfigError(errors.map((e) => `${e.property}: ${Object.keys(e.constraints ?? {}).join(', ') || 'invalid'}`));
  }
  return env;
}
