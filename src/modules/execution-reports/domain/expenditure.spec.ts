import fc from 'fast-check';
import { checkExpenditure, eligibleCents, type ExpenditureInput, statement } from './expenditure';

const line: ExpenditureInput = {
  category: 'OTHER_DIRECT',
  label: 'Location de salle',
  supplier: 'Maison des associations',
  documentRef: 'F-2026-014',
  documentDate: '2026-10-02',
  incurredOn: '2026-10-02',
  paidOn: '2026-10-20',
  amountHtCents: 100_000,
  amountTtcCents: 120_000,
  shareBp: 5_000,
  hoursCenti: null,
  hourlyCostCents: null,
};

describe('eligibleCents', () => {
  it('HT when VAT is recovered, TTC otherwise, times the share floored', () => {
    expect(eligibleCents(line, true)).toBe(50_000);
    expect(eligibleCents(line, false)).toBe(60_000);
    expect(eligibleCents({ ...line, amountTtcCents: 120_001 }, false)).toBe(60_000);
  });
  it('staff lines are hours × hourly cost', () => {
    expect(eligibleCents({ ...line, category: 'STAFF', hoursCenti: 15_050, hourlyCostCents: 3_333, shareBp: 10_000 }, false)).toBe(501_616);
  });
  it('property: never above the base times the share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 1, max: 10_000 }), (amount, share) => {
        const v = eligibleCents({ ...line, amountHtCents: amount, amountTtcCents: amount, shareBp: share }, false);
        expect(v * 10_000).toBeLessThanOrEqual(amount * share);
        expect((v + 1) * 10_000).toBeGreaterThan(amount * share);
      }),
    );
  });
});

describe('checkExpenditure', () => {
  it('refuses a line outside the period, TTC below HT, and staff hours on another category', () => {
    const errors = checkExpenditure(
      { ...line, incurredOn: '2025-01-01', paidOn: '2025-02-01', amountTtcCents: 1, hoursCenti: 100, hourlyCostCents: 2_000 },
      { start: '2026-09-01', end: '2027-08-31', today: '2026-11-01' },
    );
    expect(errors.map((e) => e.code)).toEqual(['OUTSIDE_PERIOD', 'TTC_BELOW_HT', 'STAFF_ONLY']);
  });
});

describe('statement', () => {
  it('computes the flat rate on declared staff and flags variances beyond the tolerance', () => {
    const s = statement(
      [
        { category: 'STAFF', eligibleCents: 3_000_000 },
        { category: 'OTHER_DIRECT', eligibleCents: 1_100_000 },
      ],
      {
        costOption: 'INDIRECT_15_STAFF',
        flatRateBp: 1500,
        rateBp: 9500,
        lines: [
          { category: 'STAFF', amountCents: 8_000_000 },
          { category: 'OTHER_DIRECT', amountCents: 1_000_000 },
        ],
      },
      1_000,
    );
    expect(s.flatRateCents).toBe(450_000);
    expect(s.totalCents).toBe(4_550_000);
    expect(s.plannedTotalCents).toBe(10_200_000);
    expect(s.categories).toEqual([
      { category: 'STAFF', plannedCents: 8_000_000, declaredCents: 3_000_000, varianceBp: -6250, flagged: true },
      { category: 'OTHER_DIRECT', plannedCents: 1_000_000, declaredCents: 1_100_000, varianceBp: 1000, flagged: false },
      { category: 'FLAT_RATE', plannedCents: 1_200_000, declaredCents: 450_000, varianceBp: -6250, flagged: true },
    ]);
  });
});
