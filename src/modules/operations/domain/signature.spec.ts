import { DomainError } from '../../../common/errors/domain-error';
import { calendarDateFr, parisToday } from './dates';
import { assertWithinSignatureDeadline, checkSignature, checkStart, signatureDueDate } from './signature';

const codeOf = (f: () => void): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${(e.details.errors ?? []).map((x) => x.code).join(',')}` : 'other';
  }
  return undefined;
};

describe('signature', () => {
  it('is due 30 days after issue by default and refused the day after', () => {
    const due = signatureDueDate('2026-01-20', 30);
    expect(due).toBe('2026-02-19');
    expect(codeOf(() => assertWithinSignatureDeadline('2026-02-19', due))).toBeUndefined();
    expect(codeOf(() => assertWithinSignatureDeadline('2026-02-20', due))).toBe('SIGNATURE_DEADLINE_PASSED:');
  });

  it('accepts only the hash of the current version, and needs a name and a title', () => {
    const cur = { sha256: 'a'.repeat(64), version: 2 };
    expect(codeOf(() => checkSignature({ signerName: 'Léa Porteuse', signerTitle: 'Présidente', documentSha256: 'A'.repeat(64) }, cur))).toBeUndefined();
    expect(codeOf(() => checkSignature({ signerName: 'Léa', signerTitle: 'Présidente', documentSha256: 'b'.repeat(64) }, cur))).toBe(
      'CONVENTION_VERSION_MISMATCH:',
    );
    expect(codeOf(() => checkSignature({ signerName: ' ', signerTitle: '', documentSha256: 'a'.repeat(64) }, cur))).toBe('VALIDATION_FAILED:REQUIRED,REQUIRED');
  });
});

describe('start attestation', () => {
  const o = { today: '2026-10-01', startDate: '2026-09-01', endDate: '2027-08-31', eligibilityStart: '2021-01-01' };
  it('accepts a past start with its first expenses', () => {
    expect(codeOf(() => checkStart({ actualStartDate: '2026-09-15', firstExpensesDate: '2026-09-20', firstExpensesCents: 120_000 }, o))).toBeUndefined();
  });
  it('refuses a future start, expenses without a date', () => {
    expect(codeOf(() => checkStart({ actualStartDate: '2026-10-02', firstExpensesDate: null, firstExpensesCents: 5 }, o))).toBe(
      'VALIDATION_FAILED:FUTURE_DATE,REQUIRED',
    );
  });
});

describe('dates', () => {
  it('prints French dates and reads the Paris calendar', () => {
    expect(calendarDateFr('2026-03-01')).toBe('1er mars 2026');
    expect(calendarDateFr('2026-12-31')).toBe('31 décembre 2026');
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
