import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createDataSource } from '../database/data-source';

/**
 * Creates (or re-passwords) the runtime login named in DATABASE_RUNTIME_URL, as the owner of DATABASE_URL: LOGIN,
 * member of DATABASE_APP_ROLE, nothing else — no superuser, no ownership, so `RESET ROLE` brings back no more rights.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.runtimeUrl || !config.database.appRole) throw new Error('set DATABASE_RUNTIME_URL and DATABASE_APP_ROLE');
  const url = new URL(config.database.runtimeUrl);
  const user = decodeURIComponent(url.username);
  if (!/^[a-z_][a-z0-9_]*$/.test(user)) throw new Error('the runtime user name must match ^[a-z_][a-z0-9_]*$');
  const password = decodeURIComponent(url.password);
  const owner = createDataSource(config, { as: 'owner' });
  await owner.initialize();
  try {
    const exists = (await owner.query<unknown[]>(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [user])).length > 0;
    const [{ q: literal }] = await owner.query<[{ q: string }]>(`SELECT quote_literal($1) AS q`, [password]);
    const pw = password ? `PASSWORD ${literal}` : '';
    await owner.query(
      exists ? `ALTER ROLE "${user}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ${pw}` : `CREATE ROLE "${user}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ${pw}`,
    );
    await owner.query(`GRANT "${config.database.appRole}" TO "${user}"`);
    console.log(`runtime role ${user} ready (member of ${config.database.appRole})`);
  } finally {
    await owner.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
