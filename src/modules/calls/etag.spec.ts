import { DomainError } from '../../common/errors/domain-error';
import { etagOf, versionFromIfMatch } from './etag';

const codeOf = (header: string | undefined): string => {
  try {
    versionFromIfMatch(header);
    return 'none';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('ETag / If-Match', () => {
  it('round-trips a version through the strong tag', () => {
    expect(etagOf(7)).toBe('"7"');
    expect(versionFromIfMatch(etagOf(7))).toBe(7);
    expect(versionFromIfMatch(' "12" ')).toBe(12);
  });

  it('requires the header (428), and refuses the wildcard that would skip the check', () => {
    expect(codeOf(undefined)).toBe('PRECONDITION_REQUIRED');
    expect(codeOf('')).toBe('PRECONDITION_REQUIRED');
    expect(codeOf('*')).toBe('PRECONDITION_REQUIRED');
  });

  it('answers 412 to weak, unquoted, listed or foreign tags', () => {
    for (const h of ['W/"3"', '3', '"3", "4"', '"abc"', '"99999999999"']) expect(codeOf(h)).toBe('PRECONDITION_FAILED');
  });
});
