import fc from 'fast-check';
import { accountDelaySeconds } from './login-delay';

describe('accountDelaySeconds', () => {
  it('is free for the first failures, then doubles up to the ceiling', () => {
    expect([0, 4, 5, 6, 7, 8, 12, 1000].map((f) => accountDelaySeconds(f, 5, 60))).toEqual([0, 0, 1, 2, 4, 8, 60, 60]);
  });

  it('never decreases with more failures and never exceeds the ceiling', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 3600 }), (f, free, max) => {
        const d = accountDelaySeconds(f, free, max);
        expect(d).toBeLessThanOrEqual(max);
        expect(accountDelaySeconds(f + 1, free, max)).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});
