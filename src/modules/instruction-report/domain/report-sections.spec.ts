import fc from 'fast-check';
import { normaliseSections, opinionAllowed, REPORT_SECTIONS, reportGaps, SECTION_MIN_LENGTH } from './report-sections';

const FULL = Object.fromEntries(REPORT_SECTIONS.map((k) => [k, `Rubrique ${k} rédigée.`]));

describe('instruction report sections (docs/domain/instruction-report.md)', () => {
  it('keeps trimmed, non-empty sections only, and ignores unknown keys', () => {
    expect(normaliseSections({ publicTargeted: '  Jeunes NEET  ', capacity: '   ', other: 'x' })).toEqual({ publicTargeted: 'Jeunes NEET' });
    expect(normaliseSections(undefined)).toEqual({});
  });

  it('lists every missing or too short section, then the motivation, each under its own path', () => {
    const gaps = reportGaps({ sections: { publicTargeted: 'Jeunes NEET du quartier.', capacity: 'court' }, motivation: '' });
    expect(gaps.map((g) => [g.path, g.code])).toEqual([
      ['sections.capacity', 'TOO_SHORT'],
      ['sections.horizontalPrinciples', 'REQUIRED'],
      ['sections.stateAid', 'REQUIRED'],
      ['sections.doubleFunding', 'REQUIRED'],
      ['motivation', 'REQUIRED'],
    ]);
    expect(gaps[1]?.message).toContain('Principes horizontaux');
    expect(reportGaps({ sections: FULL, motivation: 'Avis motivé par écrit.' })).toEqual([]);
  });

  it('an old report without sections cannot be validated as it is', () => {
    expect(reportGaps({ sections: {}, motivation: 'Projet solide et bien construit.' })).toHaveLength(REPORT_SECTIONS.length);
  });

  it('an ineligible dossier only takes an unfavourable opinion; réservé is otherwise allowed', () => {
    expect(opinionAllowed('RESERVED', 'INELIGIBLE')).toBe(false);
    expect(opinionAllowed('FAVORABLE', 'INELIGIBLE')).toBe(false);
    expect(opinionAllowed('DEFAVORABLE', 'INELIGIBLE')).toBe(true);
    expect(opinionAllowed('RESERVED', 'ELIGIBLE')).toBe(true);
  });

  it('property: a report validates iff every section and the motivation reach the minimum length once trimmed', () => {
    const text = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(fc.tuple(text, text, text, text, text), text, (parts, motivation) => {
        const sections = Object.fromEntries(REPORT_SECTIONS.map((k, i) => [k, parts[i]]));
        const ok = parts.every((p) => p.trim().length >= SECTION_MIN_LENGTH) && motivation.trim().length >= SECTION_MIN_LENGTH;
        expect(reportGaps({ sections, motivation }).length === 0).toBe(ok);
      }),
    );
  });
});
