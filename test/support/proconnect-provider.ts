import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestProvider {
  issuer: string;
  /** The account the next interaction signs in. */
  nextAccount(account: { sub: string; email: string }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the in-process OpenID provider (test/support/oidc-provider.mjs) in a child process; stop() ends it. */
export async function startTestProvider(client: { clientId: string; clientSecret: string; redirectUri: string; postLogoutUri: string }): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_REDIRECT_URI: client.redirectUri,
      OIDC_POST_LOGOUT_URI: client.postLogoutUri,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`test provider exited (${code}): ${err}`)));
    setTimeout(() => reject(new Error(`test provider did not start: ${err}`)), 15_000);
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    async nextAccount(account) {
      const res = await fetch(`${issuer}/test/next-account`, { method: 'POST', body: JSON.stringify(account) });
      if (res.status !== 204) throw new Error(`next-account: ${res.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
