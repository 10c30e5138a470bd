import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/config';

export const SESSION_COOKIE = 'essaim_session';
/** Double-submit token for the login form, before any session exists. */
export const PRELOGIN_CSRF_COOKIE = 'essaim_login_csrf';

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string, expiresAt: Date): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.auth.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.auth.cookieSecure });
}

/** Marks a client that signed in: it skips the account's progressive login delay (login-throttle.service.ts). */
export const KNOWN_CLIENT_COOKIE = 'essaim_known_client';

export function setKnownClientCookie(reply: FastifyReply, config: AppConfig, known: { token: string; maxAgeSeconds: number }): void {
  void reply.setCookie(KNOWN_CLIENT_COOKIE, known.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.auth.cookieSecure,
    path: '/',
    maxAge: known.maxAgeSeconds,
  });
}

/** The login's second step (password checked, code awaited): scoped to /connexion, never sent cross-site. */
export const LOGIN_STEP_COOKIE = 'essaim_login_step';

export function setLoginStepCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  void reply.setCookie(LOGIN_STEP_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: config.auth.cookieSecure, path: '/connexion', maxAge: 600 });
}
