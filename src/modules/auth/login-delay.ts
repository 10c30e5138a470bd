/**
 * Progressive delay instead of a lockout (ASVS 6.3.1, ANSSI PG-078): the first `freeFailures` failures of an account
 * cost nothing; each later one makes the account wait 1 s, 2 s, 4 s … up to `maxDelaySeconds` before the next try.
 * An attacker gets a handful of guesses per minute; the owner, at worst, waits `maxDelaySeconds` — and not at all
 * from a client that already signed in to this account (the known-client cookie).
 */
export function accountDelaySeconds(failures: number, freeFailures: number, maxDelaySeconds: number): number {
  if (failures < freeFailures) return 0;
  const exponent = Math.min(failures - freeFailures, 30);
  return Math.min(2 ** exponent, maxDelaySeconds);
}
