import { DomainError } from '../../../common/errors/domain-error';
import { checkAmendment, type AmendmentContext } from './amendment';

const ctx: AmendmentContext = {
  startDate: '2026-09-01',
  currentEndDate: '2028-02-29',
  maxDurationMonths: 36,
  eligibilityEnd: '2029-12-31',
  programmedEuCents: 10_640_000,
  rateBp: 9500,
  call: { allowedOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }], minEuCents: 0, maxEuCents: null },
  indicatorCodes: ['EECO02'],
};
const plan = (eu: number, self: number) => ({
  costOption: 'INDIRECT_15_STAFF' as const,
  flatRateBp: 1500,
  stateAid: false,
  lines: [
    { category: 'STAFF' as const, label: 'Équipe', amountCents: 8_000_000 },
    { category: 'PARTICIPANTS' as const, label: 'Allocations des participants', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'ESF_PLUS' as const, funderName: null, amountCents: eu },
    { type: 'SELF' as const, funderName: null, amountCents: self },
  ],
});
const codes = (f: () => unknown): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    return (e as DomainError).details.errors!.map((x) => x.code);
  }
};

describe('checkAmendment', () => {
  it('accepts an extension within the call maximum and a plan at or below the programmed EU amount', () => {
    expect(
      codes(() => checkAmendment({ newEndDate: '2029-08-31', plan: plan(10_000_000, 1_200_000), targets: null, reason: 'Retard de recrutement' }, ctx)),
    ).toEqual([]);
  });
  it('refuses an extension beyond the maximum duration, an EU amount above the programmed one, a bad target breakdown', () => {
    expect(
      codes(() =>
        checkAmendment(
          { newEndDate: '2029-09-01', plan: plan(10_700_000, 500_000), targets: [{ code: 'EECO01', total: 10, women: 3, men: 3, nonBinary: 0 }], reason: 'x' },
          { ...ctx, programmedEuCents: 10_640_000 },
        ),
      ),
    ).toEqual(['DURATION_TOO_LONG', 'ESF_EXCEEDS_RATE', 'EU_ABOVE_PROGRAMMED', 'SEX_BREAKDOWN_MISMATCH']);
  });
  it('refuses an empty request', () => {
    expect(codes(() => checkAmendment({ newEndDate: null, plan: null, targets: null, reason: '' }, ctx))).toEqual(['REQUIRED', 'EMPTY_AMENDMENT']);
  });
});
