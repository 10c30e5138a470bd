import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { drawKey, sampleSize, selectSample, type SampleLine } from './sampling';

const params = { seed: 'graine-2026', exhaustiveThresholdCents: 500_000, sampleRateBp: 1_000, minSampleSize: 2 };

describe('sampleSize', () => {
  it.each([
    [0, 1_000, 30, 0],
    [10, 1_000, 30, 10],
    [100, 1_000, 30, 30],
    [301, 1_000, 30, 31],
    [1_000, 1_000, 30, 100],
    [7, 2_500, 1, 2],
  ])('N=%i rate=%i min=%i gives %i', (n, rate, min, expected) => {
    expect(sampleSize(n, rate, min)).toBe(expected);
  });
});

describe('selectSample', () => {
  it('checks every line at or above the threshold and draws the smallest SHA-256 keys among the others', () => {
    const lines: SampleLine[] = [
      { id: 'l01', category: 'STAFF', amountCents: 500_000 },
      { id: 'l02', category: 'STAFF', amountCents: 499_999 },
      { id: 'l03', category: 'STAFF', amountCents: 10_000 },
      { id: 'l04', category: 'STAFF', amountCents: 20_000 },
      { id: 'l05', category: 'OTHER_DIRECT', amountCents: 900_000 },
      { id: 'l06', category: 'OTHER_DIRECT', amountCents: 100 },
    ];
    const result = selectSample(lines, params);
    expect(result.exhaustive).toEqual(['l01', 'l05']);
    const staffOthers = ['l02', 'l03', 'l04'].sort((a, b) =>
      createHash('sha256')
        .update(`graine-2026:${a}`)
        .digest('hex')
        .localeCompare(createHash('sha256').update(`graine-2026:${b}`).digest('hex')),
    );
    expect(result.sampled).toEqual([...staffOthers.slice(0, 2), 'l06'].sort());
  });

  it('uses the lowercase hex digest of "<seed>:<lineId>"', () => {
    expect(drawKey('s', 'x')).toBe(createHash('sha256').update('s:x').digest('hex'));
    expect(drawKey('s', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  const lineArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      category: fc.constantFrom('STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES'),
      amountCents: fc.integer({ min: 0, max: 2_000_000 }),
    }),
    { selector: (l) => l.id, maxLength: 120 },
  );
  const paramArb = fc.record({
    seed: fc.string({ maxLength: 16 }),
    exhaustiveThresholdCents: fc.integer({ min: 0, max: 2_000_000 }),
    sampleRateBp: fc.integer({ min: 0, max: 10_000 }),
    minSampleSize: fc.integer({ min: 0, max: 40 }),
  });

  it('is deterministic for a seed, whatever the order of the lines', () => {
    fc.assert(
      fc.property(lineArb, paramArb, (lines, p) => {
        const a = selectSample(lines, p);
        const b = selectSample([...lines].reverse(), p);
        expect(b).toEqual(a);
      }),
    );
  });

  it('draws exactly n lines per category, disjoint from the exhaustive ones, in ascending id order', () => {
    fc.assert(
      fc.property(lineArb, paramArb, (lines, p) => {
        const { exhaustive, sampled } = selectSample(lines, p);
        const set = new Set(exhaustive);
        expect(sampled.some((id) => set.has(id))).toBe(false);
        expect([...exhaustive].sort()).toEqual(exhaustive);
        for (const category of ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES']) {
          const others = lines.filter((l) => l.category === category && l.amountCents < p.exhaustiveThresholdCents);
          const drawn = sampled.filter((id) => others.some((l) => l.id === id));
          expect(drawn).toHaveLength(sampleSize(others.length, p.sampleRateBp, p.minSampleSize));
        }
        expect(exhaustive).toHaveLength(lines.filter((l) => l.amountCents >= p.exhaustiveThresholdCents).length);
      }),
    );
  });
});
