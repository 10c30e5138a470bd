import 'reflect-metadata';
import { verifyAuditChain } from '../common/audit/verify-audit-chain';
import { loadConfig } from '../config/config';
import { createDataSource } from '../database/data-source';

async function main(): Promise<number> {
  const ds = createDataSource(loadConfig());
  await ds.initialize();
  try {
    const { rows, breaks } = await verifyAuditChain(ds);
    if (breaks.length === 0) {
      console.log(`audit chain intact: ${rows} row(s) verified`);
      return 0;
    }
    console.error(`audit chain BROKEN: ${breaks.length} problem(s) in ${rows} row(s)`);
    for (const b of breaks.slice(0, 50)) console.error(`  seq ${b.seq}: ${b.reason}`);
    return 2;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
