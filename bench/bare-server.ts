import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';

/**
 * The raw baseline (DESIGN.md §6): bare Fastify + pg running the SQL Essaim's GET /api/v1/me runs — the session by
 * token hash joined to its user (SessionsRepository#findWithUser), then the user's organisations (MeService#describe) —
 * with Essaim's default pool size and the same connection options (src/database/data-source.ts).
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
  options: '-c statement_timeout=5000 -c TimeZone=UTC -c role=essaim_app',
  connectionTimeoutMillis: 5000,
  idleTimeoutMillis: 30_000,
  application_name: 'essaim-bench-bare',
});
// An idle client losing its connection (e.g. the database dropped at teardown) must not crash the process.
pool.on('error', () => undefined);

const IDLE_MS = 30 * 60_000;

interface SessionRow {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  userId: string;
  email: string;
  displayName: string;
  roles: string[];
  isActive: boolean;
}

const app = Fastify({ logger: false });

app.get('/live', async () => ({ status: 'ok' }));

app.get('/me', async (req, reply) => {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const { rows } = await pool.query<SessionRow>(
    `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
            s.revoked_at AS "revokedAt", u.id AS "userId", u.email, u.display_name AS "displayName", u.roles, u.is_active AS "isActive"
       FROM session s JOIN app_user u ON u.id = s.user_id
      WHERE s.id = $1`,
    [createHash('sha256').update(token).digest('hex')],
  );
  const s = rows[0];
  const now = Date.now();
  if (!s || s.revokedAt || !s.isActive || s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + IDLE_MS <= now) {
    return reply.status(401).send({ status: 401, code: 'UNAUTHENTICATED' });
  }
  const organisations = await pool.query(
    `SELECT o.id, o.legal_name AS "legalName", o.siret, m.member_role AS "memberRole"
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.user_id = $1 ORDER BY o.legal_name`,
    [s.userId],
  );
  return { id: s.userId, email: s.email, displayName: s.displayName, roles: s.roles, organisations: organisations.rows };
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}
