import { assertCallClosed, isCallClosed } from './call-closure';

describe('call closure', () => {
  const now = new Date('2026-12-05T20:00:00Z');
  it('is closed once archived or past its closing instant, never as a draft', () => {
    expect(isCallClosed({ status: 'PUBLISHED', closesAt: new Date('2026-12-05T20:00:00Z') }, now)).toBe(true);
    expect(isCallClosed({ status: 'PUBLISHED', closesAt: new Date('2026-12-05T20:00:01Z') }, now)).toBe(false);
    expect(isCallClosed({ status: 'ARCHIVED', closesAt: new Date('2027-01-01T00:00:00Z') }, now)).toBe(true);
    expect(isCallClosed({ status: 'DRAFT', closesAt: new Date('2020-01-01T00:00:00Z') }, now)).toBe(false);
    expect(() => assertCallClosed({ status: 'PUBLISHED', closesAt: new Date('2027-01-01T00:00:00Z') }, now)).toThrow(
      expect.objectContaining({ code: 'CALL_NOT_CLOSED' }),
    );
  });
});
