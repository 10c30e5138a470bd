import { DomainError } from '../../../common/errors/domain-error';

/**
 * Selection starts once the call has closed (docs/domain/committee.md): ranking, the committee agenda and decisions
 * compare dossiers that must all be in, so before the closing date they answer 409 `CALL_NOT_CLOSED`.
 * A call is closed when archived, or published with its closing instant passed (server clock).
 */
export function isCallClosed(call: { status: string; closesAt: Date }, now: Date): boolean {
  return call.status === 'ARCHIVED' || (call.status === 'PUBLISHED' && call.closesAt.getTime() <= now.getTime());
}

export function assertCallClosed(call: { status: string; closesAt: Date }, now: Date): void {
  if (isCallClosed(call, now)) return;
  throw new DomainError(
    'CALL_NOT_CLOSED',
    "L'appel à projets n'est pas encore clos : le classement, l'ordre du jour et les décisions attendent sa date de clôture.",
    {
      closesAt: call.closesAt.toISOString(),
    },
  );
}
