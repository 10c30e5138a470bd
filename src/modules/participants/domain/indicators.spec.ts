import fc from 'fast-check';
import { computeIndicators, INDICATOR_CODES, type IndicatorParticipant } from './indicators';
import { ageOn, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, SENSITIVE_ANSWERS, SEXES } from './participant';

const base: IndicatorParticipant = {
  key: 'a',
  sex: 'F',
  birthDate: '2000-05-10',
  entryDate: '2026-03-01',
  employmentStatus: 'LONG_TERM_UNEMPLOYED',
  educationLevel: 'ISCED_0_2',
  disability: 'REFUSED',
  thirdCountryNational: null,
  foreignBackground: 'YES',
  minority: 'NO',
  homeless: null,
  rural: null,
  exitDate: '2026-09-01',
  exitJobSearch: false,
  exitEducation: false,
  exitQualification: true,
  exitEmployed: true,
};

describe('computeIndicators', () => {
  it('counts one participant in each indicator it meets, with the sex breakdown', () => {
    const v = computeIndicators([
      base,
      {
        ...base,
        key: 'b',
        sex: 'M',
        birthDate: '1960-01-01',
        employmentStatus: 'EMPLOYED',
        educationLevel: 'ISCED_5_8',
        exitDate: null,
        exitEmployed: false,
        exitQualification: false,
      },
    ]);
    expect(v.EECO01).toEqual({ total: 2, women: 1, men: 1, nonBinary: 0 });
    expect(v.EECO02).toEqual({ total: 1, women: 1, men: 0, nonBinary: 0 });
    expect(v.EECO03.total).toBe(1);
    expect(v.EECO05).toEqual({ total: 1, women: 0, men: 1, nonBinary: 0 });
    expect(v.EECO07.total).toBe(1); // 25 at entry
    expect(v.EECO08.total).toBe(1); // 66 at entry
    expect(v.EECO09.total).toBe(1);
    expect(v.EECO11.total).toBe(1);
    expect(v.EECO12.total).toBe(0); // "prefers not to say" never counts
    expect(v.EECO14.total).toBe(2);
    expect(v.EECR03.total).toBe(1);
    expect(v.EECR04.total).toBe(1);
    expect(v.EECR01.total).toBe(0);
  });

  it('counts a person entered twice once', () => {
    const v = computeIndicators([base, { ...base, entryDate: '2026-04-01' }]);
    expect(v.EECO01.total).toBe(1);
  });

  it('age band at entry: 17 the day before the 18th birthday, 18 on it', () => {
    expect(computeIndicators([{ ...base, birthDate: '2008-03-02' }]).EECO06.total).toBe(1);
    expect(computeIndicators([{ ...base, birthDate: '2008-03-01' }]).EECO07.total).toBe(1);
  });

  const date = fc.integer({ min: Date.UTC(1940, 0, 1), max: Date.UTC(2010, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
  const participant = fc.record({
    key: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'),
    sex: fc.constantFrom(...SEXES),
    birthDate: date,
    entryDate: fc.constant('2026-01-15'),
    employmentStatus: fc.constantFrom(...EMPLOYMENT_STATUSES),
    educationLevel: fc.constantFrom(...EDUCATION_LEVELS),
    disability: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    thirdCountryNational: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    foreignBackground: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    minority: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    homeless: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    rural: fc.constantFrom(null, ...SENSITIVE_ANSWERS),
    exitDate: fc.constantFrom(null, '2026-06-30'),
    exitJobSearch: fc.boolean(),
    exitEducation: fc.boolean(),
    exitQualification: fc.boolean(),
    exitEmployed: fc.boolean(),
  });

  it('property: totals by sex add up, every indicator ≤ EECO01 = distinct persons, status and age groups partition', () => {
    fc.assert(
      fc.property(fc.array(participant, { maxLength: 40 }), (ps) => {
        const v = computeIndicators(ps);
        const persons = new Set(ps.map((p) => p.key)).size;
        expect(v.EECO01.total).toBe(persons);
        for (const code of INDICATOR_CODES) {
          const x = v[code];
          expect(x.women + x.men + x.nonBinary).toBe(x.total);
          expect(x.total).toBeLessThanOrEqual(persons);
        }
        expect(v.EECO02.total + v.EECO04.total + v.EECO05.total).toBe(persons);
        expect(v.EECO09.total + v.EECO10.total + v.EECO11.total).toBe(persons);
        expect(v.EECO03.total).toBeLessThanOrEqual(v.EECO02.total);
        expect(v.EECR01.total + v.EECR04.total).toBeLessThanOrEqual(persons);
      }),
    );
  });

  it('property: duplicating records or shuffling them changes nothing', () => {
    fc.assert(
      fc.property(fc.array(participant, { maxLength: 30 }), (ps) => {
        const once = computeIndicators(ps.map((p, i) => ({ ...p, key: `${p.key}-${i}` })));
        const twice = computeIndicators([...ps, ...ps].map((p, i) => ({ ...p, key: `${p.key}-${i % ps.length}` })).reverse());
        expect(twice).toEqual(once);
      }),
    );
  });
});

describe('ageOn', () => {
  it('is the whole number of years of the calendar (checked against Date arithmetic)', () => {
    const day = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(ms - (ms % 86_400_000)));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        // Reference: the latest n such that the n-th birthday (29 February → 1 March in common years) is on or before `on`.
        let n = on.getUTCFullYear() - birth.getUTCFullYear();
        const birthday = (k: number) => {
          const y = birth.getUTCFullYear() + k;
          const d = new Date(Date.UTC(y, birth.getUTCMonth(), birth.getUTCDate()));
          return d;
        };
        while (n > 0 && birthday(n) > on) n--;
        expect(ageOn(birth.toISOString().slice(0, 10), on.toISOString().slice(0, 10))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });
});
