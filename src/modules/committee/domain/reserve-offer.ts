export interface AgendaLine {
  applicationId: string;
  rank: number | null;
  rankingStatus: string | null;
  /** EU amount frozen with the agenda (the retained amount at that time). */
  euCents: number;
  /** Outcome once decided, null while pending. */
  outcome: string | null;
}

export interface ReserveOffer {
  /** What the envelope can still give once favorable decisions and the pending funded items are counted. */
  availableCents: number;
  offers: { applicationId: string; rank: number; euCents: number }[];
  remainingAfterCents: number;
}

/**
 * Reserve dossiers that now fit (docs/domain/evaluation.md, committee.md): money already granted and the amounts of FUNDED items still to be
 * decided are set aside; the pending RESERVE items are then walked in rank order with the ranking's own rule — stop at
 * the first that does not fit, or, with `fillRemainder`, skip it and keep looking.
 */
export function reserveOffer(lines: readonly AgendaLine[], envelopeCents: number, consumedCents: number, fillRemainder: boolean): ReserveOffer {
  const pendingFunded = lines.filter((l) => l.outcome === null && l.rankingStatus === 'FUNDED').reduce((s, l) => s + l.euCents, 0);
  const availableCents = Math.max(0, envelopeCents - consumedCents - pendingFunded);
  const reserve = lines
    .filter((l): l is AgendaLine & { rank: number } => l.outcome === null && l.rankingStatus === 'RESERVE' && l.rank !== null)
    .sort((a, b) => a.rank - b.rank);
  let left = availableCents;
  const offers: ReserveOffer['offers'] = [];
  for (const l of reserve) {
    if (l.euCents <= left) {
      offers.push({ applicationId: l.applicationId, rank: l.rank, euCents: l.euCents });
      left -= l.euCents;
    } else if (!fillRemainder) {
      break;
    }
  }
  return { availableCents, offers, remainingAfterCents: left };
}
