import { DomainError } from '../../common/errors/domain-error';
import { etag, versionFromIfMatch } from './if-match';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
};

describe('If-Match', () => {
  it('reads the version of a strong or weak ETag', () => {
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch('W/"12"')).toBe(12);
    expect(versionFromIfMatch(etag(7))).toBe(7);
  });

  it('answers 428 when the header is missing or a wildcard, 412 when it cannot match', () => {
    expect(code(() => versionFromIfMatch(undefined))).toBe('PRECONDITION_REQUIRED');
    expect(code(() => versionFromIfMatch('*'))).toBe('PRECONDITION_REQUIRED');
    expect(code(() => versionFromIfMatch('3'))).toBe('PRECONDITION_FAILED');
    expect(code(() => versionFromIfMatch('"3", "4"'))).toBe('PRECONDITION_FAILED');
  });
});
