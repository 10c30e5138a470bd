import fc from 'fast-check';
import { decodeTimeIdCursor, encodeTimeIdCursor } from './time-id-cursor';

describe('time-id cursor', () => {
  it('round-trips microsecond instants and refuses anything else with a 400', () => {
    expect(decodeTimeIdCursor(encodeTimeIdCursor('2026-12-05T20:00:00.123456Z', '00000000-0000-4000-8000-000000000001'))).toEqual({
      at: '2026-12-05T20:00:00.123456Z',
      id: '00000000-0000-4000-8000-000000000001',
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        try {
          decodeTimeIdCursor(junk);
        } catch (e) {
          expect((e as { code: string }).code).toBe('VALIDATION_FAILED');
        }
      }),
    );
  });
});
