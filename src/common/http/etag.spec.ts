import { etagOf, versionFromIfMatch } from './etag';

describe('ETag and If-Match', () => {
  it('round-trips a version', () => {
    expect(versionFromIfMatch(etagOf(7))).toBe(7);
    expect(versionFromIfMatch(' "12" ')).toBe(12);
    expect(versionFromIfMatch(['"3"'])).toBe(3);
  });

  it.each([undefined, '', '  ', '*'])('requires the header (%p → 428)', (h) =>
    expect(() => versionFromIfMatch(h)).toThrow(expect.objectContaining({ code: 'PRECONDITION_REQUIRED' })),
  );

  it.each(['3', 'W/"3"', '"abc"', '"1234567890"', '"1", "2"'])('treats %p as stale (412)', (h) =>
    expect(() => versionFromIfMatch(h)).toThrow(expect.objectContaining({ code: 'PRECONDITION_FAILED' })),
  );
});
