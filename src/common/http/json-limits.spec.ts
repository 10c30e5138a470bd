import fc from 'fast-check';
import { checkJsonShape } from './json-limits';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('checkJsonShape', () => {
  it('accepts ordinary bodies', () => {
    expect(checkJsonShape(bytes('{"a":[1,{"b":"c"}],"d":null}'))).toBeNull();
  });

  it('refuses nesting deeper than the limit, arrays or objects', () => {
    expect(checkJsonShape(bytes('['.repeat(33) + ']'.repeat(33)))).toEqual({ kind: 'depth', limit: 32 });
    expect(checkJsonShape(bytes('['.repeat(32) + ']'.repeat(32)))).toBeNull();
    expect(checkJsonShape(bytes('{"a":'.repeat(40) + '1' + '}'.repeat(40)))).toEqual({ kind: 'depth', limit: 32 });
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    expect(checkJsonShape(bytes(`{"a":"${'[{:'.repeat(100)}\\"[[["}`), 4, 2)).toBeNull();
  });

  it('refuses more keys than the limit', () => {
    const body = `{${Array.from({ length: 11 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(checkJsonShape(bytes(body), 32, 10)).toEqual({ kind: 'keys', limit: 10 });
  });

  it('agrees with JSON.parse on the depth of any generated value', () => {
    const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const d = depthOf(v);
        expect(checkJsonShape(bytes(JSON.stringify(v)), d) === null).toBe(true);
        if (d > 0) expect(checkJsonShape(bytes(JSON.stringify(v)), d - 1)).toEqual({ kind: 'depth', limit: d - 1 });
      }),
    );
  });
});
