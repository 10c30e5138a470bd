import { isLastAttempt } from './attempts';

describe('isLastAttempt', () => {
  it('is true only on the final try of the configured attempts', () => {
    expect(isLastAttempt(0, 5)).toBe(false);
    expect(isLastAttempt(3, 5)).toBe(false);
    expect(isLastAttempt(4, 5)).toBe(true);
    expect(isLastAttempt(0, undefined)).toBe(true);
  });
});
