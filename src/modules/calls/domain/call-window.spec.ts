import { codeLabel } from './call-labels';
import { callPhase, type CallRulesInput, daysLeft, isOpenForSubmission, validateCallForPublication, validateCallRules } from './call-window';

const at = (iso: string) => new Date(iso);

/** A valid Priority 6 call: opens 1 March 2026 09:00, closes 31 March 2026 12:00 (Paris, UTC+1 then UTC+2). */
const valid = (overrides: Partial<CallRulesInput> = {}): CallRulesInput => ({
  priority: 6,
  maxRateBp: 9500,
  envelopeCents: 500_000_000,
  opensAt: at('2026-03-01T08:00:00Z'),
  closesAt: at('2026-03-31T10:00:00Z'),
  minEuCents: 5_000_000,
  maxEuCents: 40_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 36,
  eligibilityStart: '2026-01-01',
  eligibilityEnd: '2028-12-31',
  costOptions: [
    { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
    { option: 'REAL_COSTS', rateBp: 0 },
  ],
  ...overrides,
});

const codes = (input: CallRulesInput) => validateCallRules(input).map((e) => `${e.path}:${e.code}`);

describe('callPhase: open when opensAt ≤ now < closesAt', () => {
  const call = { opensAt: at('2026-03-01T08:00:00Z'), closesAt: at('2026-03-31T10:00:00Z') };

  it('is UPCOMING up to the millisecond before opening', () => {
    expect(callPhase(call, at('2026-03-01T07:59:59.999Z'))).toBe('UPCOMING');
  });

  it('is OPEN from the opening instant itself to the millisecond before closing', () => {
    expect(callPhase(call, at('2026-03-01T08:00:00Z'))).toBe('OPEN');
    expect(callPhase(call, at('2026-03-31T09:59:59.999Z'))).toBe('OPEN');
  });

  it('is CLOSED at the closing instant and after', () => {
    expect(callPhase(call, at('2026-03-31T10:00:00Z'))).toBe('CLOSED');
    expect(callPhase(call, at('2027-01-01T00:00:00Z'))).toBe('CLOSED');
  });

  it('accepts submissions only for a published call in its window', () => {
    const now = at('2026-03-15T12:00:00Z');
    expect(isOpenForSubmission({ ...call, status: 'PUBLISHED' }, now)).toBe(true);
    expect(isOpenForSubmission({ ...call, status: 'DRAFT' }, now)).toBe(false);
    expect(isOpenForSubmission({ ...call, status: 'PUBLISHED' }, at('2026-03-31T10:00:00Z'))).toBe(false);
  });
});

describe('daysLeft in Europe/Paris calendar days', () => {
  const closes = at('2026-03-31T10:00:00Z'); // 31 mars 2026 à 12h00

  it('counts J-12 twelve Paris days before the last day, whatever the hour', () => {
    expect(daysLeft(closes, at('2026-03-19T00:30:00Z'))).toBe(12);
    expect(daysLeft(closes, at('2026-03-19T22:59:00Z'))).toBe(12); // 23:59 in Paris, still the 19th
  });

  it('uses the Paris date, not the UTC one, around midnight', () => {
    // 23:30 UTC on 18 March is 00:30 on 19 March in Paris.
    expect(daysLeft(closes, at('2026-03-18T23:30:00Z'))).toBe(12);
  });

  it('counts across the change to summer time (29 March) as whole days', () => {
    expect(daysLeft(closes, at('2026-03-28T12:00:00Z'))).toBe(3);
  });

  it('is 0 on the last day and negative afterwards', () => {
    expect(daysLeft(closes, at('2026-03-31T06:00:00Z'))).toBe(0);
    expect(daysLeft(closes, at('2026-04-02T06:00:00Z'))).toBe(-2);
  });

  it('treats a closing at midnight as the end of the previous day', () => {
    const midnight = at('2026-03-31T22:00:00Z'); // 1er avril 2026 à 00h00
    expect(daysLeft(midnight, at('2026-03-31T08:00:00Z'))).toBe(0);
  });
});

describe('validateCallRules', () => {
  it('accepts a valid Priority 6 call', () => {
    expect(validateCallRules(valid())).toEqual([]);
  });

  it('caps the rate at 95 % for Priority 6 (ESF+ art. 14(4)), 90 % for Priority 5, by region category for the others', () => {
    expect(codes(valid({ maxRateBp: 9501 }))).toEqual(['maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM']);
    expect(validateCallRules(valid({ maxRateBp: 9600 }))[0]?.message).toContain('95\u202f%');
    expect(codes(valid({ priority: 5, maxRateBp: 9000 }))).toEqual([]);
    expect(codes(valid({ priority: 5, maxRateBp: 9001 }))).toEqual(['maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM']);
    // The case: a Priority 1 call at 95 % is refused whatever the region.
    expect(codes(valid({ priority: 1, maxRateBp: 9500 }))).toEqual(['regionCategory:REGION_CATEGORY_REQUIRED']);
    expect(codes(valid({ priority: 1, maxRateBp: 9500, regionCategory: 'LESS_DEVELOPED' }))).toEqual(['maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM']);
    expect(codes(valid({ priority: 1, maxRateBp: 8500, regionCategory: 'LESS_DEVELOPED' }))).toEqual([]);
    expect(codes(valid({ priority: 4, maxRateBp: 6000, regionCategory: 'TRANSITION' }))).toEqual([]);
    expect(codes(valid({ priority: 4, maxRateBp: 6001, regionCategory: 'TRANSITION' }))).toEqual(['maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM']);
    expect(codes(valid({ priority: 2, maxRateBp: 4001, regionCategory: 'MORE_DEVELOPED' }))).toEqual(['maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM']);
    expect(validateCallRules(valid({ priority: 2, maxRateBp: 4001, regionCategory: 'MORE_DEVELOPED' }))[0]?.message).toContain(
      'en région plus développée (article 112, paragraphe 3',
    );
    expect(codes(valid({ priority: 9 }))).toEqual(['priority:UNKNOWN_PRIORITY']);
  });

  it('bounds the maximum duration by the report schedule the convention prints (48 months)', () => {
    expect(codes(valid({ maxDurationMonths: 48 }))).toEqual([]);
    expect(codes(valid({ maxDurationMonths: 60 }))).toEqual(['maxDurationMonths:DURATION_BEYOND_REPORT_SCHEDULE']);
  });

  it('requires the justified calculation of an art. 54(c) rate, and restricts its base to direct costs', () => {
    expect(codes(valid({ costOptions: [{ option: 'INDIRECT_25_CALCULATED', rateBp: 2000 }] }))).toEqual([
      'costOptions[0].justification:FLAT_RATE_JUSTIFICATION_REQUIRED',
    ]);
    expect(
      codes(
        valid({
          costOptions: [
            {
              option: 'INDIRECT_25_CALCULATED',
              rateBp: 2000,
              justification: 'Taux 2014-2020 (arrêté du 1er avril 2016)',
              baseCategories: ['STAFF', 'OTHER_DIRECT'],
            },
          ],
        }),
      ),
    ).toEqual([]);
    expect(codes(valid({ costOptions: [{ option: 'INDIRECT_25_CALCULATED', rateBp: 2501, justification: 'x' }] }))).toEqual([
      'costOptions[0].rateBp:FLAT_RATE_ABOVE_REGULATION',
    ]);
    expect(codes(valid({ costOptions: [{ option: 'INDIRECT_25_CALCULATED', rateBp: 2000, justification: 'x', baseCategories: ['IN_KIND'] }] }))).toEqual([
      'costOptions[0].baseCategories:FLAT_RATE_BASE_NOT_ALLOWED',
    ]);
    expect(codes(valid({ costOptions: [{ option: 'STAFF_20_OTHER_DIRECT', rateBp: 2001 }] }))).toEqual(['costOptions[0].rateBp:FLAT_RATE_ABOVE_REGULATION']);
    expect(codes(valid({ costOptions: [{ option: 'DRAFT_BUDGET', rateBp: 0 }] }))).toEqual([]);
  });

  it('checks the unit costs and lump sums the call defines', () => {
    const def = { code: 'HEURE', kind: 'UNIT_COST' as const, label: 'Heure', category: 'STAFF' as const, amountCents: 4500, method: 'Art. 53(3)(a)' };
    expect(codes(valid({ simplifiedCosts: [def] }))).toEqual([]);
    expect(codes(valid({ simplifiedCosts: [def, { ...def, amountCents: 0, method: ' ' }] }))).toEqual([
      'simplifiedCosts[1].code:DUPLICATE_SIMPLIFIED_COST',
      'simplifiedCosts[1].amountCents:AMOUNT_REQUIRED',
      'simplifiedCosts[1].method:METHOD_REQUIRED',
    ]);
  });

  it('requires opening strictly before closing', () => {
    expect(codes(valid({ closesAt: at('2026-03-01T08:00:00Z') }))).toEqual(['closesAt:WINDOW_INVERTED']);
    expect(codes(valid({ closesAt: at('2026-02-01T08:00:00Z') }))).toEqual(['closesAt:WINDOW_INVERTED']);
  });

  it('requires min ≤ max EU amount, both within the envelope, and a non-empty envelope', () => {
    expect(codes(valid({ minEuCents: 50_000_000, maxEuCents: 40_000_000 }))).toEqual(['maxEuCents:EU_BOUNDS_INVERTED']);
    expect(codes(valid({ minEuCents: 40_000_000, maxEuCents: 40_000_000 }))).toEqual([]);
    expect(codes(valid({ maxEuCents: null }))).toEqual([]);
    expect(codes(valid({ maxEuCents: 600_000_000 }))).toEqual(['maxEuCents:EU_MAXIMUM_ABOVE_ENVELOPE']);
    expect(codes(valid({ maxEuCents: null, minEuCents: 600_000_000 }))).toEqual(['minEuCents:EU_MINIMUM_ABOVE_ENVELOPE']);
    expect(codes(valid({ envelopeCents: 0, minEuCents: 0, maxEuCents: null }))).toEqual(['envelopeCents:ENVELOPE_EMPTY']);
  });

  it('requires duration bounds of at least one month, min ≤ max', () => {
    expect(codes(valid({ minDurationMonths: 0 }))).toEqual(['minDurationMonths:DURATION_TOO_SHORT']);
    expect(codes(valid({ minDurationMonths: 37 }))).toEqual(['maxDurationMonths:DURATION_BOUNDS_INVERTED']);
    expect(codes(valid({ minDurationMonths: 36 }))).toEqual([]);
  });

  it('keeps the eligibility window inside 2021-01-01 .. 2029-12-31 (CPR art. 63(2))', () => {
    expect(codes(valid({ eligibilityStart: '2021-01-01', eligibilityEnd: '2029-12-31' }))).toEqual([]);
    expect(codes(valid({ eligibilityStart: '2020-12-31' }))).toEqual(['eligibilityStart:ELIGIBILITY_BEFORE_PROGRAMME']);
    expect(codes(valid({ eligibilityEnd: '2030-01-01' }))).toEqual(['eligibilityEnd:ELIGIBILITY_AFTER_PROGRAMME']);
    expect(codes(valid({ eligibilityStart: '2027-01-01', eligibilityEnd: '2026-12-31' }))).toEqual(['eligibilityEnd:ELIGIBILITY_INVERTED']);
    expect(codes(valid({ eligibilityStart: '2026-02-30' }))).toEqual(['eligibilityStart:INVALID_DATE']);
  });

  it('requires at least one cost option, each once', () => {
    expect(codes(valid({ costOptions: [] }))).toEqual(['costOptions:NO_COST_OPTION']);
    expect(
      codes(
        valid({
          costOptions: [
            { option: 'INDIRECT_7_DIRECT', rateBp: 700 },
            { option: 'INDIRECT_7_DIRECT', rateBp: 500 },
          ],
        }),
      ),
    ).toEqual(['costOptions[1].option:DUPLICATE_COST_OPTION']);
  });

  it('holds each flat rate to the regulation maximum (0, 15 %, 7 %, 40 %), lower rates allowed', () => {
    const options = (rates: [number, number, number, number]) =>
      valid({
        costOptions: [
          { option: 'REAL_COSTS', rateBp: rates[0] },
          { option: 'INDIRECT_15_STAFF', rateBp: rates[1] },
          { option: 'INDIRECT_7_DIRECT', rateBp: rates[2] },
          { option: 'OTHER_COSTS_40_STAFF', rateBp: rates[3] },
        ],
      });
    expect(codes(options([0, 1500, 700, 4000]))).toEqual([]);
    expect(codes(options([0, 1000, 500, 2000]))).toEqual([]);
    expect(codes(options([1, 1501, 701, 4001]))).toEqual([
      'costOptions[0].rateBp:FLAT_RATE_ABOVE_REGULATION',
      'costOptions[1].rateBp:FLAT_RATE_ABOVE_REGULATION',
      'costOptions[2].rateBp:FLAT_RATE_ABOVE_REGULATION',
      'costOptions[3].rateBp:FLAT_RATE_ABOVE_REGULATION',
    ]);
  });

  it('lists every violation at once, each with its path and a French message', () => {
    const errors = validateCallRules(
      valid({
        maxRateBp: 9900,
        closesAt: at('2026-02-01T00:00:00Z'),
        minEuCents: 10,
        maxEuCents: 5,
        minDurationMonths: 40,
        eligibilityEnd: '2031-06-30',
        costOptions: [],
      }),
    );
    expect(errors.map((e) => e.code)).toEqual([
      'RATE_ABOVE_PRIORITY_MAXIMUM',
      'WINDOW_INVERTED',
      'EU_BOUNDS_INVERTED',
      'DURATION_BOUNDS_INVERTED',
      'ELIGIBILITY_AFTER_PROGRAMME',
      'NO_COST_OPTION',
    ]);
    for (const e of errors) expect(e.message).toMatch(/^[A-ZÀ-Ü]/);
  });
});

describe('validateCallForPublication', () => {
  it('adds that a call closing in the past cannot be published', () => {
    expect(validateCallForPublication(valid(), at('2026-03-15T00:00:00Z'))).toEqual([]);
    expect(validateCallForPublication(valid(), at('2026-03-31T10:00:00Z')).map((e) => e.code)).toEqual(['CLOSING_IN_THE_PAST']);
  });
});

describe('codeLabel', () => {
  it('labels known codes in French and leaves others as typed', () => {
    expect(codeLabel('JEUNES_NEET')).toContain('NEET');
    expect(codeLabel('CODE_MAISON')).toBe('CODE_MAISON');
    expect(codeLabel('constructor')).toBe('constructor');
  });
});
