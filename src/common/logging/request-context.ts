import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request or a job carries: its correlation id (X-Correlation-Id, or `job:<id>`). */
export interface LogContext {
  correlationId: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `correlationId` attached to every log line written inside it, however deep. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return logContext.run({ correlationId }, fn);
}
