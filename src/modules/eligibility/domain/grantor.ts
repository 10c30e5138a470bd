/**
 * The legal nature of the body that grants the ESF+ support (docs/domain/eligibility.md). Article 15, II of the loi
 * n° 2014-856 waives its condition only for « financements accordés par les collectivités territoriales »: the waiver
 * follows who grants the money, never a field a programme manager types on a call. A State-designated body (the
 * managing authority, or an intermediate body designated by it that is not a collectivité: association, public
 * establishment, State service) granting ESF+ money can therefore never waive II.
 */
export const GRANTOR_NATURES = ['STATE_DESIGNATED_BODY', 'COLLECTIVITE_TERRITORIALE'] as const;
export type GrantorNature = (typeof GRANTOR_NATURES)[number];

export const GRANTOR_NATURE_LABELS: Readonly<Record<GrantorNature, string>> = {
  STATE_DESIGNATED_BODY: "un organisme désigné par l'État (autorité de gestion ou organisme intermédiaire qui n'est pas une collectivité territoriale)",
  COLLECTIVITE_TERRITORIALE: 'une collectivité territoriale',
};

/** Whether article 15, II is waived for support granted by a body of this nature. */
export function art15IIWaivedFor(grantor: GrantorNature): boolean {
  return grantor === 'COLLECTIVITE_TERRITORIALE';
}
