import { cents } from '../../../common/money/cents';
import fc from 'fast-check';
import { addMonths, advanceCents, executionReportSchedule, publicitySupport, rateBp, retentionEnd } from './convention-terms';

const kinds = (start: string, end: string): string[] => executionReportSchedule(start, end).map((r) => r.kind);

describe('execution report schedule', () => {
  it('10 months: one final report, due 6 months after the end', () => {
    expect(executionReportSchedule('2026-09-01', '2027-06-30')).toEqual([
      { kind: 'FINAL', periodStart: '2026-09-01', periodEnd: '2027-06-30', dueDate: '2027-12-30' },
    ]);
  });

  it('exactly 12 months: still a single final report', () => {
    expect(kinds('2026-01-01', '2026-12-31')).toEqual(['FINAL']);
  });

  it('18 months: one intermediate report at the end of the first year, then the final', () => {
    expect(executionReportSchedule('2026-09-01', '2028-02-29')).toEqual([
      { kind: 'INTERMEDIATE', periodStart: '2026-09-01', periodEnd: '2027-08-31', dueDate: '2027-10-31' },
      { kind: 'FINAL', periodStart: '2026-09-01', periodEnd: '2028-02-29', dueDate: '2028-08-29' },
    ]);
  });

  it('30 months: two intermediate reports (at least one) and the final', () => {
    const r = executionReportSchedule('2026-01-01', '2028-06-30');
    expect(r.map((x) => [x.kind, x.periodEnd])).toEqual([
      ['INTERMEDIATE', '2026-12-31'],
      ['INTERMEDIATE', '2027-12-31'],
      ['FINAL', '2028-06-30'],
    ]);
    expect(r[1]?.periodStart).toBe('2027-01-01');
    expect(r[2]?.dueDate).toBe('2028-12-30');
  });

  it('42 months: three intermediate reports (at least two) and the final', () => {
    expect(kinds('2026-01-01', '2029-06-30')).toEqual(['INTERMEDIATE', 'INTERMEDIATE', 'INTERMEDIATE', 'FINAL']);
  });

  it('meets the bounds of docs/domain/documents.md for every duration up to 48 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 48 }), (offset, months) => {
        const start = new Date(Date.UTC(2021, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = new Date(Date.parse(`${addMonths(start, months)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const intermediate = kinds(start, end).filter((k) => k === 'INTERMEDIATE').length;
        if (months <= 12) expect(intermediate).toBe(0);
        else if (months <= 24) expect(intermediate).toBeLessThanOrEqual(1);
        else if (months <= 36) expect(intermediate).toBeGreaterThanOrEqual(1);
        else expect(intermediate).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('advance', () => {
  it('is 30 % of the EU amount, floored to the cent', () => {
    expect(advanceCents(cents(10_640_000), 'OTHER')).toBe(3_192_000);
    expect(advanceCents(cents(10_640_001), 'OTHER')).toBe(3_192_000);
    expect(advanceCents(cents(10_640_004), 'OTHER')).toBe(3_192_001);
  });

  it('is nil for collectivités, OPCO and State operators', () => {
    for (const c of ['COLLECTIVITE', 'OPCO', 'STATE_OPERATOR']) expect(advanceCents(cents(10_640_000), c)).toBe(0);
  });

  it('never exceeds 30 % and is within a cent of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (eu) => {
        const a = advanceCents(cents(eu), 'OTHER');
        expect(Number.isInteger(a)).toBe(true);
        expect(BigInt(a) * 10_000n).toBeLessThanOrEqual(BigInt(eu) * 3000n);
        expect(BigInt(a + 1) * 10_000n).toBeGreaterThan(BigInt(eu) * 3000n);
      }),
    );
  });
});

describe('publicity, retention, rate', () => {
  it('a plaque only with physical investment and a total cost above 100 000 €', () => {
    expect(publicitySupport(cents(10_000_001), true)).toBe('PLAQUE');
    expect(publicitySupport(cents(10_000_000), true)).toBe('POSTER');
    expect(publicitySupport(cents(50_000_000), false)).toBe('POSTER');
  });

  it('keeps documents until 31 December of the fifth year after the last payment', () => {
    expect(retentionEnd('2029-03-10')).toBe('2034-12-31');
  });

  it('floors the rate to the basis point', () => {
    expect(rateBp(cents(10_640_000), cents(11_200_000))).toBe(9500);
    expect(rateBp(cents(200), cents(300))).toBe(6666);
    expect(rateBp(cents(1), cents(0))).toBe(0);
  });
});
