import fc from 'fast-check';
import { RankingCache } from './ranking-cache';

describe('RankingCache', () => {
  it('answers only for the fingerprint the answer was stored with', () => {
    const cache = new RankingCache(2);
    cache.set('call-1', 'fp-a', '{"rows":[]}');
    expect(cache.get('call-1', 'fp-a')).toBe('{"rows":[]}');
    expect(cache.get('call-1', 'fp-b')).toBeUndefined();
    expect(cache.get('call-2', 'fp-a')).toBeUndefined();
  });

  it('drops the least recently used call beyond its capacity', () => {
    const cache = new RankingCache(2);
    cache.set('a', '1', 'A');
    cache.set('b', '1', 'B');
    expect(cache.get('a', '1')).toBe('A'); // a is now more recent than b
    cache.set('c', '1', 'C');
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBe('A');
    expect(cache.get('c', '1')).toBe('C');
  });

  it('refuses a capacity below one', () => {
    expect(() => new RankingCache(0)).toThrow();
  });

  it('behaves as a model map: never stale, never above capacity, the last write wins', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), call: fc.integer({ min: 0, max: 5 }), fp: fc.integer({ min: 0, max: 3 }), json: fc.string() }),
      fc.record({ kind: fc.constant('get' as const), call: fc.integer({ min: 0, max: 5 }), fp: fc.integer({ min: 0, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const cache = new RankingCache(capacity);
        const latest = new Map<number, { fp: number; json: string }>();
        for (const o of ops) {
          if (o.kind === 'set') {
            cache.set(String(o.call), String(o.fp), o.json);
            latest.set(o.call, { fp: o.fp, json: o.json });
          } else {
            const got = cache.get(String(o.call), String(o.fp));
            // A hit is always the last answer stored for that call, with that very fingerprint.
            if (got !== undefined) expect(latest.get(o.call)).toEqual({ fp: o.fp, json: got });
          }
          expect(cache.size).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });
});
