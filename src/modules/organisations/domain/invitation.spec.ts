import { invitationExpiry, invitationStatus, looksLikeInvitationToken } from './invitation';

const created = new Date('2026-03-25T10:00:00Z');
const expiresAt = invitationExpiry(created);

describe('invitationExpiry', () => {
  it('is 7 days after creation', () => {
    expect(expiresAt.toISOString()).toBe('2026-04-01T10:00:00.000Z');
  });
});

describe('invitationStatus', () => {
  const open = { expiresAt, acceptedAt: null, revokedAt: null };

  it('is pending until the expiry instant, expired from it', () => {
    expect(invitationStatus(open, new Date('2026-04-01T09:59:59.999Z'))).toBe('PENDING');
    expect(invitationStatus(open, expiresAt)).toBe('EXPIRED');
  });

  it('keeps the outcome of a closed invitation after its expiry', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(invitationStatus({ ...open, acceptedAt: created }, later)).toBe('ACCEPTED');
    expect(invitationStatus({ ...open, revokedAt: created }, later)).toBe('REVOKED');
  });
});

describe('looksLikeInvitationToken', () => {
  it('accepts 43 base64url characters only', () => {
    expect(looksLikeInvitationToken('a'.repeat(43))).toBe(true);
    expect(looksLikeInvitationToken('Ab0_-'.repeat(8) + 'xyz')).toBe(true);
    expect(looksLikeInvitationToken('a'.repeat(42))).toBe(false);
    expect(looksLikeInvitationToken('a'.repeat(42) + '/')).toBe(false);
    expect(looksLikeInvitationToken('00000000-0000-4000-8000-000000000000')).toBe(false);
  });
});
