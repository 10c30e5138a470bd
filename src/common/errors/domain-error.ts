import type { ErrorCode } from './error-codes';

export interface FieldError {
  /** Path of the offending field, e.g. `lines[2].amountCents`. */
  path: string;
  code: string;
  message: string;
}

/** The one error type that services and pure domain code throw. No framework import on purpose. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
