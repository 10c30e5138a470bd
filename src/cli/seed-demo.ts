import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createDataSource } from '../database/data-source';
import { migrate } from '../database/migrate';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/demo-data';
import { seedDemo } from '../modules/demo/demo-seeder';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config);
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    const { seeded } = await seedDemo(ds, config);
    console.log(seeded ? 'demo data inserted' : 'the database already has users: nothing inserted');
    if (seeded) for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(32)} ${DEMO_PASSWORD}  (${u.roles.join(', ')})`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
