import { at, first, last, only, present, take } from './collections';

describe('checked collection access', () => {
  it('returns what exists', () => {
    expect(first([1, 2], 'the counter')).toBe(1);
    expect(at(['a', 'b'], 1)).toBe('b');
    expect(last(['a', 'b'], 'step')).toBe('b');
    expect(only([{ id: 1 }])).toEqual({ id: 1 });
    expect(present(0, 'a count')).toBe(0);
    expect(take([1, 2, 3], 2)).toEqual([1, 2]);
  });

  it('fails naming what was expected instead of handing on undefined', () => {
    expect(() => first([], 'the outbox query')).toThrow('Expected a row for the outbox query, found none');
    expect(() => at([1], 3, 'criterion')).toThrow('Expected criterion at position 3 of 1');
    expect(() => only([1, 2], 'audit row')).toThrow('Expected exactly one audit row, got 2');
    expect(() => present(null, 'the ETag')).toThrow('Expected the ETag, got null');
    expect(() => take([1], 2, 'member')).toThrow('Expected at least 2 member(s), got 1');
  });
});
