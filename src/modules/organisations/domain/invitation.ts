/** An invitation is valid for 7 days from its creation. */
export const INVITATION_TTL_DAYS = 7;

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  PENDING: 'En attente',
  ACCEPTED: 'Acceptée',
  REVOKED: 'Révoquée',
  EXPIRED: 'Expirée',
};

export interface InvitationDates {
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** When an invitation created at `createdAt` stops being usable. */
export function invitationExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITATION_TTL_DAYS * 86_400_000);
}

/** Status at `now`: a closed invitation keeps its outcome; an open one expires at `expiresAt` (excluded). */
export function invitationStatus(inv: InvitationDates, now: Date): InvitationStatus {
  if (inv.acceptedAt) return 'ACCEPTED';
  if (inv.revokedAt) return 'REVOKED';
  return now.getTime() < inv.expiresAt.getTime() ? 'PENDING' : 'EXPIRED';
}

/** Invitation tokens are 32 random bytes in base64url (43 characters); anything else is not worth a lookup. */
export function looksLikeInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
