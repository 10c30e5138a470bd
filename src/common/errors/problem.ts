import { ERROR_CODES, ERROR_TITLES, ErrorCode } from './error-codes';
import type { FieldError } from './domain-error';

/** RFC 9457 problem details, as sent on the wire. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problem(code: ErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://essaim.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: ERROR_TITLES[code],
    status: ERROR_CODES[code],
    detail,
    code,
    ...extra,
  };
}
