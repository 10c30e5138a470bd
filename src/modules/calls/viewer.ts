import type { FastifyRequest } from 'fastify';
import type { Viewer } from './calls.service';

/** The caller of a public route: signed in or not (the access guard authenticates every request it can). */
export function viewerOf(req: FastifyRequest): Viewer {
  return req.auth ? { roles: req.auth.user.roles } : null;
}
