import { execFileSync } from 'node:child_process';
import globalSetup from './global-setup';

/**
 * Several e2e specs spawn the compiled worker or CLIs from dist/ (worker kills, two of everything, audit:verify).
 * Building first (incremental: seconds when nothing changed) means a spec never runs yesterday's dist/ against
 * today's source, whether it is run alone or by `npm test`.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  await globalSetup();
}
