/**
 * The beneficiary's legal identity: what the convention and the managing authority's reports name (CPR art. 69 and
 * Annex XIII, docs/security.md). Once an organisation has a submitted dossier these fields change only through a
 * request approved by instruction staff; the other profile fields stay editable by the owner.
 */
export const LEGAL_IDENTITY_FIELDS = ['siret', 'legalName', 'legalForm'] as const;
export type LegalIdentityField = (typeof LEGAL_IDENTITY_FIELDS)[number];

export function isLegalIdentityField(field: string): field is LegalIdentityField {
  return (LEGAL_IDENTITY_FIELDS as readonly string[]).includes(field);
}

/** The identity fields among `changed` that a frozen organisation may not change directly. */
export function frozenFieldsTouched(changed: readonly string[], frozen: boolean): LegalIdentityField[] {
  return frozen ? changed.filter(isLegalIdentityField) : [];
}

export type IdentityChangeStatus = 'PENDING' | 'APPROVED' | 'REFUSED';
