import type { DataSource } from 'typeorm';
import { createUser } from '../support/factories/user.factory';
import { startTestProvider, type TestProvider } from '../support/proconnect-provider';
import { createTestApp, ownerDataSource, type TestApp } from '../support/test-app';
import { first, group, header } from '../support/checked';

const PUBLIC_URL = 'http://127.0.0.1:3998';
const CLIENT = {
  clientId: 'essaim-test',
  clientSecret: 'secret-du-client-de-test-0123456789',
  redirectUri: `${PUBLIC_URL}/connexion/proconnect/retour`,
  postLogoutUri: `${PUBLIC_URL}/connexion`,
};

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))
    ?.split(';')[0];

/** Follows the provider's redirects as a browser would (its own cookies kept) until it sends the browser back to Essaim. */
async function throughProvider(start: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 10; i++) {
    if (url.startsWith(PUBLIC_URL)) return url.slice(PUBLIC_URL.length);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const pair = first(c.split(';'), 'cookie pair');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

/** ProConnect for staff (docs/security.md), against a real OpenID provider (oidc-provider) started by the test. */
describe('ProConnect login for staff (e2e)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let owner: DataSource;

  beforeAll(async () => {
    provider = await startTestProvider(CLIENT);
    t = await createTestApp({
      env: { PUBLIC_URL, PROCONNECT_ISSUER: provider.issuer, PROCONNECT_CLIENT_ID: CLIENT.clientId, PROCONNECT_CLIENT_SECRET: CLIENT.clientSecret },
    });
    owner = await ownerDataSource();
  });
  afterAll(async () => {
    await t?.close();
    await owner?.destroy();
    await provider?.stop();
  });

  async function proconnectLogin(account: { sub: string; email: string }, suite = '/compte') {
    await provider.nextAccount(account);
    const start = await t
      .http()
      .get(`/connexion/proconnect?suite=${encodeURIComponent(suite)}`)
      .expect(303);
    const authorize = new URL(header(start, 'Location'));
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const callback = await throughProvider(header(start, 'Location'));
    expect(callback).toMatch(/^\/connexion\/proconnect\/retour\?code=/);
    return { callback, cookie: cookieValue(start, 'essaim_proconnect')! };
  }

  it('shows the ProConnect button on /connexion when configured', async () => {
    expect((await t.http().get('/connexion').expect(200)).text).toContain('id="proconnect"');
  });

  it('creates a staff session for the staff account with that e-mail, linked on first login; logout ends the provider session too', async () => {
    const agent = await createUser(owner, { roles: ['INSTRUCTOR'], email: 'agent.proconnect@travail.gouv.fr' });
    const { callback, cookie } = await proconnectLogin({ sub: 'pc-sub-agent-1', email: 'Agent.ProConnect@travail.gouv.fr' });
    const done = await t.http().get(callback).set('Cookie', cookie).expect(303);
    expect(done.headers.location).toBe('/compte');
    const session = cookieValue(done, 'essaim_session')!;
    const me = await t.http().get('/api/v1/me').set('Cookie', session).expect(200);
    expect(me.body).toMatchObject({ id: agent.id, roles: ['INSTRUCTOR'] });
    const [row] = await owner.query(
      `SELECT s.auth_method, s.id_token IS NOT NULL AS "hasIdToken", u.proconnect_sub FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.user_id = $1`,
      [agent.id],
    );
    expect(row).toEqual({ auth_method: 'PROCONNECT', hasIdToken: true, proconnect_sub: 'pc-sub-agent-1' });
    const trail = await owner.query(`SELECT action, after FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [agent.id]);
    expect(trail).toEqual([
      { action: 'auth.proconnect.linked', after: null },
      { action: 'auth.login', after: { method: 'PROCONNECT' } },
    ]);

    // The callback works once: replaying it opens nothing.
    const replay = await t.http().get(callback).set('Cookie', cookie).expect(401);
    expect(cookieValue(replay, 'essaim_session')).toBeUndefined();

    // Logging out of Essaim sends the browser to the provider's end-session endpoint with the ID token.
    const page = await t.http().get('/compte').set('Cookie', session).expect(200);
    const csrf = group(/action="\/deconnexion"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(page.text));
    const out = await t.http().post('/deconnexion').type('form').set('Cookie', session).send({ _csrf: csrf }).expect(303);
    const end = new URL(header(out, 'Location'));
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/connexion`);
    await t.http().get('/api/v1/me').set('Cookie', session).expect(401);
  });

  it('refuses an identity without a staff account, and a callback without its browser cookie', async () => {
    await createUser(owner, { roles: ['APPLICANT'], email: 'porteuse@asso.example' });
    const applicant = await proconnectLogin({ sub: 'pc-sub-applicant', email: 'porteuse@asso.example' });
    const refused = await t.http().get(applicant.callback).set('Cookie', applicant.cookie).expect(401);
    expect(refused.text).toContain('Aucun compte agent actif');
    expect(cookieValue(refused, 'essaim_session')).toBeUndefined();

    const stranger = await proconnectLogin({ sub: 'pc-sub-x', email: 'agent.proconnect@travail.gouv.fr' });
    await t.http().get(stranger.callback).expect(401); // no essaim_proconnect cookie: not this browser's login
  });

  it('has no ProConnect button nor route when it is not configured', async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.http().get('/connexion').expect(200)).text).not.toContain('ProConnect');
      await plain.http().get('/connexion/proconnect').expect(404);
    } finally {
      await plain.close();
    }
  });
});
