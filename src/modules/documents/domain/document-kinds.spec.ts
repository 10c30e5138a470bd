import { canRead, canRequest, DOCUMENT_KIND_SPECS, DOCUMENT_KINDS } from './document-kinds';

const applicant = { roles: ['APPLICANT'], member: true, subjectSubmitted: true };
const outsider = { roles: ['APPLICANT'], member: false, subjectSubmitted: true };
const staff = (role: string, subjectSubmitted = true) => ({ roles: [role], member: false, subjectSubmitted });

describe('document kinds', () => {
  it('lets members of the organisation read their receipt, convention and letters, never the minutes', () => {
    expect(canRead('RECEIPT', applicant)).toBe(true);
    expect(canRead('CONVENTION', applicant)).toBe(true);
    expect(canRead('DECISION_LETTER', applicant)).toBe(true);
    expect(canRead('COMMITTEE_MINUTES', applicant)).toBe(false);
    for (const k of DOCUMENT_KINDS) expect(canRead(k, outsider)).toBe(false);
  });

  it('lets instruction staff, programme managers and the managing authority read, not evaluators', () => {
    for (const k of DOCUMENT_KINDS) {
      for (const r of ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY']) expect(canRead(k, staff(r))).toBe(true);
      expect(canRead(k, staff('EVALUATOR'))).toBe(false);
    }
    expect(canRead('RECEIPT', staff('INSTRUCTOR', false))).toBe(false);
  });

  it('lets only staff request, the managing authority never', () => {
    expect(canRequest('CONVENTION', staff('INSTRUCTOR'))).toBe(true);
    expect(canRequest('CONVENTION', applicant)).toBe(false);
    for (const k of DOCUMENT_KINDS) expect(canRequest(k, staff('MANAGING_AUTHORITY'))).toBe(false);
    expect(canRequest('COMMITTEE_MINUTES', staff('PROGRAMME_MANAGER'))).toBe(true);
    expect(canRequest('COMMITTEE_MINUTES', staff('INSTRUCTOR'))).toBe(false);
  });

  it('regenerates every kind but the receipt as a new version', () => {
    expect(DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_SPECS[k].versionPolicy === 'SINGLE')).toEqual(['RECEIPT']);
  });
});
