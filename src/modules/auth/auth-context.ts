import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { HttpProblemException } from '../../common/errors/http-problem.exception';
import type { Role } from './roles';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export interface AuthContext {
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
  via: 'bearer' | 'cookie';
  /** Unread messages of the in-app inbox (docs/domain/notifications.md). */
  unread?: number;
  /** Unread messages in the threads of the person's dossiers (docs/domain/messages.md), shown in the menu. */
  threadUnread?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  return { kind: req.auth ? 'USER' : 'SYSTEM', userId: req.auth?.user.id ?? null, correlationId: String(req.id) };
}

/** The signed-in user's context; only on routes declared @Authenticated or @Roles. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (!req.auth) throw new HttpProblemException('UNAUTHENTICATED', 'Authentification requise.');
  return req.auth;
});

/** The actor to record in the audit trail for this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => actorOf(ctx.switchToHttp().getRequest<FastifyRequest>()));
