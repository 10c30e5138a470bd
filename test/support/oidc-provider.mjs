// An OpenID provider configured like ProConnect (authorization code + PKCE S256, client_secret_post, RP-initiated
// logout), run by the e2e tests in a child process (oidc-provider is ESM-only). The interaction signs in, without a
// form, the account the test chose last through POST /test/next-account. Prints "ready <port>" once listening.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_POST_LOGOUT_URI } = process.env;
const accounts = new Map(); // sub -> { email, given_name, usual_name }
let next = null;

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [OIDC_REDIRECT_URI],
        post_logout_redirect_uris: [OIDC_POST_LOGOUT_URI],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'] },
    // ProConnect answers the e-mail from userinfo; here the ID token carries it too (either is read).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource: async (ctx, form) => { ctx.body = `<html><body>${form}<script>document.forms[0].submit()</script></body></html>`; } } },
    findAccount: async (_ctx, sub) => (accounts.has(sub) ? { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) } : undefined),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-only-cookie-key'] },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/test/next-account') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const account = JSON.parse(body);
        accounts.set(account.sub, { email: account.email, given_name: account.given_name ?? 'Agent', usual_name: account.usual_name ?? 'Test' });
        next = account.sub;
        res.writeHead(204).end();
        return;
      }
      if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        let result;
        if (details.prompt.name === 'login') {
          result = { login: { accountId: next } };
        } else {
          const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
          if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
          if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
          result = { consent: { grantId: await grant.save() } };
        }
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
        return;
      }
      callback(req, res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  process.stdout.write(`ready ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
