import type { FieldError } from '../../../common/errors/domain-error';

export interface ScopeInput {
  from?: unknown;
  to?: unknown;
  callId?: unknown;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (v: unknown): string | null => {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
};

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [, year = NaN, month = NaN, day = NaN] = m.map(Number);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The dashboard's filters: a period (inclusive Paris calendar dates) and a call; every problem reported at once. */
export function parseScope(input: ScopeInput): { scope: { from: string | null; to: string | null; callId: string | null }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const from = text(input.from);
  const to = text(input.to);
  const callId = text(input.callId);
  if (from !== null && !isCalendarDate(from)) errors.push({ path: 'from', code: 'INVALID', message: 'Date de début invalide (format attendu : AAAA-MM-JJ).' });
  if (to !== null && !isCalendarDate(to)) errors.push({ path: 'to', code: 'INVALID', message: 'Date de fin invalide (format attendu : AAAA-MM-JJ).' });
  if (from !== null && to !== null && isCalendarDate(from) && isCalendarDate(to) && from > to)
    errors.push({ path: 'to', code: 'INVALID', message: 'La date de fin doit suivre la date de début.' });
  if (callId !== null && !UUID.test(callId)) errors.push({ path: 'callId', code: 'INVALID', message: 'Appel inconnu.' });
  return {
    scope: {
      from: from !== null && isCalendarDate(from) ? from : null,
      to: to !== null && isCalendarDate(to) ? to : null,
      callId: callId !== null && UUID.test(callId) ? callId.toLowerCase() : null,
    },
    errors,
  };
}
