import { DomainError } from '../../../common/errors/domain-error';
import { assertCanClose, assertCanOpen, assertSessionAllows } from './session';

const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('committee session steps', () => {
  it('decides only while open and freezes the agenda only while planned', () => {
    expect(codeOf(() => assertSessionAllows('OPEN', 'DECIDE'))).toBeNull();
    expect(codeOf(() => assertSessionAllows('PLANNED', 'DECIDE'))).toBe('COMMITTEE_SESSION_STATE');
    expect(codeOf(() => assertSessionAllows('CLOSED', 'DECIDE'))).toBe('COMMITTEE_SESSION_STATE');
    expect(codeOf(() => assertSessionAllows('OPEN', 'FREEZE_AGENDA'))).toBe('COMMITTEE_SESSION_STATE');
    expect(codeOf(() => assertSessionAllows('CLOSED', 'SET_PRESENCE'))).toBe('COMMITTEE_SESSION_STATE');
  });

  it('opens with an agenda and closes with every item decided', () => {
    expect(codeOf(() => assertCanOpen('PLANNED', { itemCount: 0 }))).toBe('COMMITTEE_SESSION_STATE');
    expect(codeOf(() => assertCanOpen('PLANNED', { itemCount: 2 }))).toBeNull();
    expect(codeOf(() => assertCanClose('OPEN', ['AAP-2026-000001']))).toBe('COMMITTEE_SESSION_STATE');
    expect(codeOf(() => assertCanClose('OPEN', []))).toBeNull();
    expect(codeOf(() => assertCanClose('PLANNED', []))).toBe('COMMITTEE_SESSION_STATE');
  });
});
