import Fastify from 'fastify';
import { Pool } from 'pg';
import { cataloguePageSql } from '../src/modules/catalogue/catalogue.sql';
import { parseCatalogueQuery, type RawCatalogueQuery } from '../src/modules/catalogue/domain/catalogue-query';
import { toOperationPage } from '../src/modules/catalogue/domain/operation-page';
import type { OperationRow } from '../src/modules/catalogue/domain/published-operation';

/**
 * The raw baseline of bench/catalogue.ts (docs/quality.md L1): bare Fastify + pg running the SQL of
 * GET /api/v1/public/operations — the same statement built by the same pure function (catalogue.sql.ts), the rows
 * mapped by the same pure function — with Essaim's default pool size and connection options.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
  options: '-c statement_timeout=5000 -c TimeZone=UTC -c role=essaim_app',
  connectionTimeoutMillis: 5000,
  idleTimeoutMillis: 30_000,
  application_name: 'essaim-bench-bare-catalogue',
});
pool.on('error', () => undefined);

const app = Fastify({ logger: false });

app.get('/live', async () => ({ status: 'ok' }));

app.get('/catalogue', async (req, reply) => {
  const { query, errors } = parseCatalogueQuery(req.query as RawCatalogueQuery);
  if (errors.length) return reply.status(400).send({ status: 400, code: 'VALIDATION_FAILED', errors });
  const { sql, params } = cataloguePageSql(query);
  const { rows } = await pool.query<OperationRow>(sql, params);
  return toOperationPage(rows, query);
});

app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' }).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
