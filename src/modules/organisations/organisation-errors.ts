import { QueryFailedError } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** The one answer for an organisation the caller may not see, or that does not exist (docs/api.md). */
export function organisationNotFound(): DomainError {
  return new DomainError('NOT_FOUND', "Cette structure n'existe pas ou ne vous est pas accessible.");
}

/** True when `e` is a unique violation of the named index or constraint. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driver = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === '23505' && driver.constraint === constraint;
}

/** Rows of an UPDATE … RETURNING: TypeORM's postgres driver answers `[rows, rowCount]` for UPDATE and DELETE. */
export function updatedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
