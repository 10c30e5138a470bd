import { AsyncLocalStorage } from 'node:async_hooks';

/** The part of an HTTP request that server-rendered pages read (the path for the menu, the signed-in roles). */
export interface RequestInfo {
  readonly url: string;
  readonly auth?: { user: { roles: readonly string[] }; threadUnread?: number };
}

/** What every log line of a request or a job carries: its correlation id (X-Correlation-Id, or `job:<id>`). */
export interface LogContext {
  correlationId: string;
  /** The HTTP request being served (absent in jobs); `auth` is filled in by the access guard later on. */
  request?: RequestInfo;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `correlationId` attached to every log line written inside it, however deep. */
export function withCorrelationId<T>(correlationId: string, fn: () => T, request?: RequestInfo): T {
  return logContext.run({ correlationId, request }, fn);
}

/** The HTTP request being served, if any: pages mark the current menu entry from its path. */
export function currentRequest(): RequestInfo | undefined {
  return logContext.getStore()?.request;
}
