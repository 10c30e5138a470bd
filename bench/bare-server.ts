import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';

/**
 * The raw baseline: bare Fastify + pg running the same SQL as Essaim's /api/v1/me (session by token hash joined to
 * its user, then the user's organisations), with the same pool size and connection options.
 */
const env = process.env;
const pool = new Pool({
  connectionString: env.DATABASE_URL,
  max: Number(env.DATABASE_POOL_MAX ?? 10),
  options: '-c statement_timeout=5000 -c TimeZone=UTC -c role=essaim_app',
});
const app = Fastify({ logger: false });

app.get('/live', async () => ({ status: 'ok' }));

app.get('/me', async (req, reply) => {
  const token = (req.headers.authorization ?? '').slice(7);
  const id = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query(
    `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
            s.revoked_at AS "revokedAt", u.id AS "userId", u.email, u.display_name AS "displayName", u.roles, u.is_active AS "isActive"
       FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1`,
    [id],
  );
  const s = rows[0];
  if (!s || s.revokedAt || s.expiresAt < new Date()) return reply.status(401).send({ code: 'UNAUTHENTICATED' });
  const organisations = await pool.query(
    `SELECT o.id, o.legal_name AS "legalName", o.siret, m.member_role AS "memberRole"
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.legal_name`,
    [s.userId],
  );
  return { id: s.userId, email: s.email, displayName: s.displayName, roles: s.roles, organisations: organisations.rows };
});

app.listen({ port: Number(env.PORT), host: '127.0.0.1' }).then(() => process.send?.('ready'));
