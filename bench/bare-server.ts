import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../src/modules/applications/domain/application-status';
import { parseListQuery } from '../src/modules/instruction/domain/list-query';
import { INSTRUCTION_STAFF } from '../src/modules/instruction/instruction-access';
import { type InstructionListRow, instructionListSql, toInstructionListPage } from '../src/modules/instruction/instruction-list.sql';
import type { Role } from '../src/modules/auth/roles';
import { encodeKeysetCursor } from '../src/common/http/keyset-cursor';
import { encodeTimeIdCursor } from '../src/common/http/time-id-cursor';

/**
 * The raw baseline (docs/quality.md): bare Fastify + pg running the SQL Essaim's GET /api/v1/me runs — the session by
 * token hash joined to its user (SessionsRepository#findWithUser), then the user's organisations (MeService#describe) —
 * with Essaim's default pool size and the same connection options (src/database/data-source.ts).
 * For bench/listing.ts it also runs the SQL of two listings: the open calls (CallsRepository#list, filter `open`) and
 * "my dossiers" (ApplicationQueriesRepository#listForMember, after the same session lookup as /me), and the instructor
 * list of a call (InstructionRepository#findCall then #list: the same statement, built by the same pure function).
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

/** The live session of the bearer token, or null (AuthService#authenticate, without the last-seen touch). */
async function sessionOf(authorization: string | undefined): Promise<SessionRow | null> {
  const header = authorization ?? '';
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
  return !s || s.revokedAt || !s.isActive || s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + IDLE_MS <= now ? null : s;
}

app.get('/me', async (req, reply) => {
  const s = await sessionOf(req.headers.authorization);
  if (!s) return reply.status(401).send({ status: 401, code: 'UNAUTHENTICATED' });
  const organisations = await pool.query(
    `SELECT o.id, o.legal_name AS "legalName", o.siret, m.member_role AS "memberRole"
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.user_id = $1 ORDER BY o.legal_name`,
    [s.userId],
  );
  return { id: s.userId, email: s.email, displayName: s.displayName, roles: s.roles, organisations: organisations.rows };
});

/** CallsRepository's SELECT, copied: the listing reads whole rows even though it answers summaries. */
const CALL_SELECT = `
  c.id, c.reference, c.title, c.description, c.programme_cci AS "programmeCci", c.priority,
  c.specific_objective AS "specificObjective", c.intervention_field_code AS "interventionFieldCode", c.fund,
  c.max_rate_bp AS "maxRateBp", c.envelope_cents::text AS "envelopeCents", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
  c.min_eu_cents::text AS "minEuCents", c.max_eu_cents::text AS "maxEuCents",
  c.min_duration_months AS "minDurationMonths", c.max_duration_months AS "maxDurationMonths",
  c.eligibility_start::text AS "eligibilityStart", c.eligibility_end::text AS "eligibilityEnd",
  c.cost_options AS "costOptions", c.required_document_types AS "requiredDocumentTypes", c.target_publics AS "targetPublics",
  c.allowed_operation_types AS "allowedOperationTypes", c.participants_expected AS "participantsExpected",
  c.funder_type AS "funderType", c.drafts_before_opening AS "draftsBeforeOpening", c.evaluation_grid AS "evaluationGrid",
  c.status, c.published_version AS "publishedVersion", c.published_at AS "publishedAt", c.version,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

interface CallListRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  envelopeCents: string;
  maxRateBp: number;
  opensAt: Date;
  closesAt: Date;
  publishedVersion: number | null;
  version: number;
  sortKey: string;
}

const pageSize = (raw: unknown): number => (raw === undefined ? 20 : Number(raw));

/** GET /api/v1/calls?status=open: open by the server clock, soonest deadline first, keyset on (closes_at, id). */
app.get('/calls', async (req) => {
  const limit = pageSize((req.query as { limit?: string }).limit);
  const now = new Date();
  const { rows } = await pool.query<CallListRow>(
    `SELECT ${CALL_SELECT}, to_char(c.closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"
         FROM call c
        WHERE c.status = 'PUBLISHED' AND c.opens_at <= $2::timestamptz AND c.closes_at > $2::timestamptz
        ORDER BY c.closes_at ASC, c.id ASC
        LIMIT $1`,
    [limit + 1, now],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const t = now.getTime();
  const phase = (c: CallListRow): string | null =>
    c.status === 'DRAFT' ? null : c.status === 'ARCHIVED' ? 'CLOSED' : t < c.opensAt.getTime() ? 'UPCOMING' : t < c.closesAt.getTime() ? 'OPEN' : 'CLOSED';
  return {
    items: items.map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      status: c.status,
      phase: phase(c),
      envelopeCents: Number(c.envelopeCents),
      maxRateBp: c.maxRateBp,
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      publishedVersion: c.publishedVersion,
      version: c.version,
    })),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor(['open', last.sortKey, last.id]) : null,
  };
});

/** ApplicationQueriesRepository's SUMMARY_COLUMNS, copied. */
const SUMMARY_COLUMNS = `a.id, a.number, a.status, a.title, a.call_id AS "callId", c.reference AS "callReference", c.title AS "callTitle",
  a.organisation_id AS "organisationId", o.legal_name AS "organisationName", a.eu_requested_cents AS "euRequestedCents",
  a.submitted_at AS "submittedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

interface SummaryRow {
  id: string;
  status: ApplicationStatus;
  euRequestedCents: string | null;
  cursorAt: string;
}

/** GET /api/v1/applications?mine: the dossiers of the caller's organisations, newest first, keyset on (created_at, id). */
app.get('/applications', async (req, reply) => {
  const s = await sessionOf(req.headers.authorization);
  if (!s) return reply.status(401).send({ status: 401, code: 'UNAUTHENTICATED' });
  const limit = pageSize((req.query as { limit?: string }).limit);
  const { rows } = await pool.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM application a JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
        WHERE a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = $1) ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
    [s.userId, limit + 1],
  );
  const parsed = rows.map((r) => ({ ...r, euRequestedCents: r.euRequestedCents === null ? null : Number(r.euRequestedCents) }));
  const page = parsed.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorAt: _c, ...r }) => ({ ...r, statusLabel: APPLICATION_STATUS_LABELS[r.status] })),
    nextCursor: parsed.length > limit && last ? encodeTimeIdCursor(last.cursorAt, last.id) : null,
  };
});

/** GET /api/v1/calls/:id/applications: session, instruction staff role, the call, then the page (400/404 answered bare). */
app.get('/instruction/:callId', async (req, reply) => {
  const s = await sessionOf(req.headers.authorization);
  if (!s) return reply.status(401).send({ status: 401, code: 'UNAUTHENTICATED' });
  if (!s.roles.some((r) => INSTRUCTION_STAFF.includes(r as Role))) return reply.status(403).send({ status: 403, code: 'FORBIDDEN' });
  let q;
  try {
    q = parseListQuery(req.query as Record<string, unknown>);
  } catch {
    return reply.status(400).send({ status: 400, code: 'VALIDATION_FAILED' });
  }
  const { callId } = req.params as { callId: string };
  const call = await pool.query(`SELECT id, reference, title FROM call WHERE id = $1 AND status <> 'DRAFT'`, [callId]);
  if (!call.rows[0]) return reply.status(404).send({ status: 404, code: 'NOT_FOUND' });
  const { sql, params } = instructionListSql(callId, q);
  const { rows } = await pool.query<InstructionListRow>(sql, params);
  return toInstructionListPage(rows, q);
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
