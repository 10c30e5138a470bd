import fc from 'fast-check';
import { type AgendaLine, reserveOffer } from './reserve-offer';

const line = (id: string, rank: number, rankingStatus: string, euCents: number, outcome: string | null = null): AgendaLine => ({
  applicationId: id,
  rank,
  rankingStatus,
  euCents,
  outcome,
});

describe('reserve offer', () => {
  // Envelope 300 000 €: A 150 000 and B 120 000 funded, C 100 000 and D 20 000 in reserve.
  const agenda = [
    line('A', 1, 'FUNDED', 15_000_000),
    line('B', 2, 'FUNDED', 12_000_000),
    line('C', 3, 'RESERVE', 10_000_000),
    line('D', 4, 'RESERVE', 2_000_000),
  ];

  it('offers nothing while the funded items are pending', () => {
    expect(reserveOffer(agenda, 30_000_000, 0, false)).toEqual({ availableCents: 3_000_000, offers: [], remainingAfterCents: 3_000_000 });
  });

  it('offers the next reserve dossier once a funded one is refused', () => {
    const after = [line('A', 1, 'FUNDED', 15_000_000, 'FAVORABLE'), line('B', 2, 'FUNDED', 12_000_000, 'DEFAVORABLE'), ...agenda.slice(2, 4)];
    expect(reserveOffer(after, 30_000_000, 15_000_000, false)).toEqual({
      availableCents: 15_000_000,
      offers: [
        { applicationId: 'C', rank: 3, euCents: 10_000_000 },
        { applicationId: 'D', rank: 4, euCents: 2_000_000 },
      ],
      remainingAfterCents: 3_000_000,
    });
  });

  it('stops at the first reserve dossier that does not fit, unless fillRemainder skips it', () => {
    // B reduced from 120 000 to 100 000: 50 000 free, C (100 000) does not fit, D (20 000) would.
    const reduced = [line('A', 1, 'FUNDED', 15_000_000, 'FAVORABLE'), line('B', 2, 'FUNDED', 12_000_000, 'FAVORABLE'), ...agenda.slice(2, 4)];
    expect(reserveOffer(reduced, 30_000_000, 25_000_000, false).offers).toEqual([]);
    expect(reserveOffer(reduced, 30_000_000, 25_000_000, true).offers).toEqual([{ applicationId: 'D', rank: 4, euCents: 2_000_000 }]);
  });

  it('never offers more than what is available, and offers in rank order', () => {
    const arb = fc.record({
      envelope: fc.integer({ min: 0, max: 1e8 }),
      consumed: fc.integer({ min: 0, max: 1e8 }),
      fill: fc.boolean(),
      lines: fc.array(
        fc.record({
          status: fc.constantFrom('FUNDED', 'RESERVE', 'INELIGIBLE'),
          eu: fc.integer({ min: 1, max: 3e7 }),
          outcome: fc.constantFrom(null, 'FAVORABLE', 'DEFAVORABLE', 'POSTPONED'),
        }),
        { maxLength: 20 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ envelope, consumed, fill, lines }) => {
        const agendaLines = lines.map((l, i) => line(`x${i}`, i + 1, l.status, l.eu, l.outcome));
        const r = reserveOffer(agendaLines, envelope, consumed, fill);
        const offered = r.offers.reduce((s, o) => s + o.euCents, 0);
        const ranks = r.offers.map((o) => o.rank);
        return (
          offered <= r.availableCents &&
          r.remainingAfterCents === r.availableCents - offered &&
          ranks.every((x, i) => i === 0 || (ranks[i - 1] ?? Infinity) < x)
        );
      }),
    );
  });
});
