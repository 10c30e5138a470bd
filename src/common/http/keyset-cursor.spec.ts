import fc from 'fast-check';
import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from './keyset-cursor';

describe('keyset cursor codec', () => {
  it('gives back exactly the values it encoded', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }), (values) => {
        expect(decodeKeysetCursor(encodeKeysetCursor(values))).toEqual(values);
      }),
    );
  });

  it('returns null for what is not one of its cursors', () => {
    expect(decodeKeysetCursor('not base64!')).toBeNull();
    expect(decodeKeysetCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
    expect(decodeKeysetCursor(Buffer.from('[1,').toString('base64url'))).toBeNull();
    expect(decodeKeysetCursor(encodeKeysetCursor(['x'.repeat(2000)]))).toBeNull();
  });

  it('refuses with a 400 naming the cursor field', () => {
    expect(invalidCursor().details.errors).toEqual([
      { path: 'cursor', code: 'INVALID_CURSOR', message: 'Curseur de pagination invalide : repartez de la première page.' },
    ]);
  });
});
