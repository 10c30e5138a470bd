import { ChildProcess, spawn } from 'node:child_process';
import { loadConfig } from '../../src/config/config';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/test-app';

/** The built worker (`npm run build` first), started while PostgreSQL does not answer: it waits, then starts. */
describe('a worker started while PostgreSQL is down (e2e)', () => {
  let proxy: TcpProxy;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    proxy = await new TcpProxy(Number(new URL(loadConfig().database.url).port || 5432)).start();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
    }
    await proxy.close();
  });

  it('waits and retries instead of exiting, then starts once PostgreSQL is back', async () => {
    await proxy.cut();
    let out = '';
    child = spawn(process.execPath, ['dist/src/worker.js'], {
      env: { ...process.env, DATABASE_URL: proxy.url(loadConfig().database.url), LOG_LEVEL: 'log' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(async () => out.includes('waiting for PostgreSQL'), 15_000);
    await new Promise((r) => setTimeout(r, 5000)); // formerly it exited after 2.5 s
    expect(child.exitCode).toBeNull();
    expect(out).not.toContain('worker started');

    await proxy.restore();
    await waitFor(async () => out.includes('worker started'), 30_000, 200);
    expect(out).toContain('PostgreSQL answers after');
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
  });
});
