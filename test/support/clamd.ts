import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClamdClient } from '../../src/modules/files/antivirus/clamd-client';

/** The EICAR test string: every antivirus reports it, and it is harmless. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface TestClamd {
  socket: string;
  close(): Promise<void>;
}

/**
 * The clamd the tests use: CI's (.ci/run starts one and exports CLAMD_SOCKET), else one started here with the test
 * signature database (.ci/clamd-test.sh; needs the `clamav-daemon` package).
 */
export async function useClamd(): Promise<TestClamd> {
  if (process.env.CLAMD_SOCKET) {
    await waitForPong(process.env.CLAMD_SOCKET, 60_000);
    return { socket: process.env.CLAMD_SOCKET, close: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'essaim-clamd-'));
  const child: ChildProcess = spawn('bash', [resolve(__dirname, '../../.ci/clamd-test.sh'), dir], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const socket = join(dir, 'clamd.sock');
  try {
    await waitForPong(socket, 60_000, () => child.exitCode !== null);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`clamd did not start (install the clamav-daemon package, or set CLAMD_SOCKET): ${(e as Error).message}`);
  }
  return {
    socket,
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(socket: string, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const client = new ClamdClient({ socket }, 2000);
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await client.ping().catch(() => false)) return;
    if (gaveUp()) throw new Error('clamd exited');
    if (Date.now() > until) throw new Error(`no PONG on ${socket} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
