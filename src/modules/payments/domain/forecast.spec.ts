import fc from 'fast-check';
import { forecastByQuarter, quarterOf } from './forecast';

describe('payment forecast by quarter', () => {
  it('expects each pending report to be paid 80 days after its due date', () => {
    expect(quarterOf('2027-03-31')).toBe('2027-T1');
    expect(quarterOf('2027-04-01')).toBe('2027-T2');
    const out = forecastByQuarter([
      {
        applicationId: 'a',
        euCeilingCents: 10_000_000,
        interimCapBp: 8_000,
        paidCents: 3_000_000,
        pending: [
          { applicationId: 'a', kind: 'INTERMEDIATE', dueDate: '2027-01-31' },
          { applicationId: 'a', kind: 'INTERMEDIATE', dueDate: '2027-07-31' },
          { applicationId: 'a', kind: 'FINAL', dueDate: '2028-01-31' },
        ],
      },
    ]);
    expect(out).toEqual([
      { quarter: '2027-T2', operations: 1, amountCents: 2_500_000 },
      { quarter: '2027-T4', operations: 1, amountCents: 2_500_000 },
      { quarter: '2028-T2', operations: 1, amountCents: 2_000_000 },
    ]);
  });

  it('never forecasts more than the ceiling less what was paid (property)', () => {
    const op = fc.record({
      euCeilingCents: fc.integer({ min: 0, max: 10 ** 9 }),
      interimCapBp: fc.integer({ min: 0, max: 10_000 }),
      paid: fc.integer({ min: 0, max: 10_000 }),
      interim: fc.integer({ min: 0, max: 4 }),
      final: fc.boolean(),
    });
    fc.assert(
      fc.property(op, (o) => {
        const paidCents = Math.floor((o.euCeilingCents * o.paid) / 10_000);
        const pending = [
          ...Array.from({ length: o.interim }, (_, i) => ({ applicationId: 'x', kind: 'INTERMEDIATE' as const, dueDate: `2027-0${i + 1}-15` })),
          ...(o.final ? [{ applicationId: 'x', kind: 'FINAL' as const, dueDate: '2027-12-15' }] : []),
        ];
        const total = forecastByQuarter([{ applicationId: 'x', euCeilingCents: o.euCeilingCents, interimCapBp: o.interimCapBp, paidCents, pending }]).reduce(
          (s, q) => s + q.amountCents,
          0,
        );
        expect(total).toBeLessThanOrEqual(o.euCeilingCents - paidCents);
        if (o.final) expect(total).toBe(o.euCeilingCents - paidCents);
      }),
    );
  });
});
