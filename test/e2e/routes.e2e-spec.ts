import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule } from '../../src/modules/auth/access.decorator';
import { createTestApp, TestApp } from '../support/test-app';
import { take } from '../support/checked';

interface RouteInfo {
  route: string;
  access: AccessRule | undefined;
}

/** Every route Nest serves, with the access rule it declares (method, then controller). */
function listRoutes(t: TestApp): RouteInfo[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const reflector = t.app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = reflector.get<string>(PATH_METADATA, wrapper.metatype) ?? '';
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...args: unknown[]) => unknown;
      const path = reflector.get<string | undefined>(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)];
      routes.push({
        route: `${method} /${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
        access: reflector.getAllAndOverride<AccessRule>(ACCESS_METADATA, [handler, wrapper.metatype]),
      });
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

// Routes anyone may call. Adding one here is a security decision: review it.
const PUBLIC_ROUTES = [
  'GET /',
  // The API reference page: the same OpenAPI document that /api/docs-json serves publicly.
  'GET /api/docs',
  'GET /:page(accessibilite|mentions-legales|donnees-personnelles)',
  // Calls: published calls and their rules are public information; drafts are filtered out in CallsService.
  'GET /api/v1/calls',
  'GET /api/v1/calls/:id',
  'GET /api/v1/calls/:id/versions/:version',
  'GET /appels',
  'GET /appels/:id',
  // Simulation stores nothing and reads only published rules; arrays and body size are bounded.
  'POST /api/v1/cofinancing/simulate',
  // Catalogue of programmed operations (CPR art. 49(3)): published fields only, never a refused or withdrawn dossier.
  'GET /api/v1/public/operations',
  'GET /api/v1/public/operations/:code',
  'GET /projets',
  'GET /projets/:code',
  // Open data (art. 49(3)) and the calendar of calls (art. 49(2)): the same published fields, the Table Schema, dated releases.
  'GET /calendrier',
  'GET /donnees',
  'GET /donnees/calendrier-des-appels.json',
  'GET /donnees/operations.csv',
  'GET /donnees/operations.json',
  'GET /donnees/publications/:id/operations.csv',
  'GET /donnees/publications/:id/operations.json',
  'GET /donnees/schema.json',
  // The development mailbox answers 404 in production (DevMailsController).
  'GET /dev/mails',
  'GET /dev/mails/:id',
  // Account recovery: answers never depend on whether an address has an account; throttled per IP; tokens single-use.
  'POST /api/v1/accounts/verification',
  'POST /api/v1/accounts/password-reset',
  'POST /api/v1/accounts/password-reset/confirm',
  'GET /inscription/envoyee',
  'GET /compte/confirmer/:token',
  'GET /mot-de-passe-oublie',
  'POST /mot-de-passe-oublie',
  'GET /mot-de-passe/nouveau/:token',
  'POST /mot-de-passe/nouveau/:token',
  // The login's second step: only with the step cookie a correct password set (SameSite=Strict, /connexion), 5 codes at most.
  'GET /connexion/code',
  'POST /connexion/code',
  'GET /connexion/activation',
  'POST /connexion/activation',
  // ProConnect (404 unless configured): the callback needs the browser's pending-login cookie, state, nonce and PKCE.
  'GET /connexion/proconnect',
  'GET /connexion/proconnect/retour',
  'GET /connexion',
  'GET /inscription',
  'GET /invitations/:token',
  'POST /api/v1/accounts',
  'POST /inscription',
  'GET /health/live',
  'GET /health/ready',
  'POST /api/v1/auth/login',
  'POST /connexion',
];

describe('route inventory (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ extra: [DiscoveryModule] })));
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(listRoutes(t).length).toBeGreaterThanOrEqual(10);
  });

  it('every route declares who may call it', () => {
    const undeclared = listRoutes(t)
      .filter((r) => !r.access)
      .map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('public routes are exactly the reviewed allowlist', () => {
    const publicRoutes = listRoutes(t)
      .filter((r) => r.access?.kind === 'public')
      .map((r) => r.route);
    expect(publicRoutes).toEqual([...PUBLIC_ROUTES].sort((a, b) => a.localeCompare(b)));
  });

  it('serves the message thread API of a dossier to signed-in callers only (docs/domain/messages.md)', () => {
    const routes = new Map(listRoutes(t).map((r) => [r.route, r.access?.kind]));
    for (const route of [
      'GET /api/v1/applications/:id/messages',
      'POST /api/v1/applications/:id/messages',
      'POST /api/v1/applications/:id/messages/read',
      'GET /api/v1/applications/:id/messages/files/:fileId/content',
    ])
      expect({ route, access: routes.get(route) }).toEqual({ route, access: 'authenticated' });
  });

  it('every non-public route refuses an anonymous caller', async () => {
    for (const { route, access } of listRoutes(t)) {
      if (access?.kind === 'public') continue;
      const [method, path] = take(route.split(' '), 2, 'route part');
      const url = path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('Accept', 'application/json');
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('the queue dashboard, a Fastify plugin outside this inventory, refuses anonymous callers too', async () => {
    for (const path of ['/administration/files-d-attente', '/administration/files-d-attente/api/queues', '/administration/files-d-attente/static/css/x.css']) {
      expect({ path, status: (await t.http().get(path)).status }).toEqual({ path, status: 401 });
    }
  });
});
