import { csvText, xlsxValue } from './table-columns';

describe('csvText', () => {
  it('writes euros from cents with a decimal comma and no thousands separator', () => {
    expect(csvText('euros', 10_640_000)).toBe('106400,00');
    expect(csvText('euros', 5)).toBe('0,05');
    expect(csvText('euros', -12_345)).toBe('-123,45');
    expect(csvText('euros', 900_719_925_474_099)).toBe('9007199254740,99');
  });

  it('writes rates as percentages and leaves other values as they are', () => {
    expect(csvText('rate', 9500)).toBe('95,00');
    expect(csvText('rate', 8035)).toBe('80,35');
    expect(csvText('date', '2026-03-01')).toBe('2026-03-01');
    expect(csvText('integer', 12)).toBe('12');
    expect(csvText('text', null)).toBe('');
  });
});

describe('xlsxValue', () => {
  it('turns cents into euros, basis points into fractions, dates into dates', () => {
    expect(xlsxValue('euros', 10_640_000)).toBe(106_400);
    expect(xlsxValue('euros', 12_345)).toBe(123.45);
    expect(xlsxValue('rate', 9500)).toBe(0.95);
    expect(xlsxValue('date', '2026-03-01')).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(xlsxValue('text', null)).toBeNull();
    expect(xlsxValue('text', 'x')).toBe('x');
  });
});
