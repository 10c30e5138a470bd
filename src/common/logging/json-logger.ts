import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import { logContext } from './request-context';

/** Nest's levels onto pino's (Nest's `log` is pino's `info`, `verbose` is `trace`). */
const PINO_LEVEL: Record<LogLevel, pino.Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Nest's LoggerService on pino: one JSON object per line on stdout, with the time, level, process role (`api` or
 * `worker`), the Nest context (class name) and the correlation id of the request or job being served. Code keeps
 * using Nest's `Logger`; only the output changes. Messages carry ids, never personal data (docs/security.md).
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(level: LogLevel, role: 'api' | 'worker', destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level: PINO_LEVEL[level],
        base: { role, pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const ctx = logContext.getStore();
          return ctx ? { correlationId: ctx.correlationId } : {};
        },
      },
      destination ?? pino.destination(1),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  flush(): void {
    this.pino.flush();
  }

  /** Nest passes the context (class name) last, and for errors a stack before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const args = [...rest];
    const context = typeof args.at(-1) === 'string' ? (args.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? args.find((a): a is string => typeof a === 'string' && a.includes('\n    at ')) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      fields.err = { type: message.name, message: message.message, stack: message.stack };
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
