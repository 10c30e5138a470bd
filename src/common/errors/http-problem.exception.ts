import { HttpException } from '@nestjs/common';
import { ERROR_CODES, ErrorCode } from './error-codes';
import type { FieldError } from './domain-error';

/** For guards and controllers: an HTTP-level failure with a stable code (services throw DomainError). */
export class HttpProblemException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail, ERROR_CODES[code]);
  }
}
