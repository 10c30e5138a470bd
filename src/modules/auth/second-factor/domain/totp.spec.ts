import fc from 'fast-check';
import {
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  recoveryCodeHash,
  totpCode,
  TOTP_PERIOD_SECONDS,
} from './totp';

describe('TOTP (RFC 6238)', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000;

  it('accepts the current code and one step of drift each way, not two', () => {
    const step = Math.floor(now / TOTP_PERIOD_SECONDS);
    expect(matchTotp(secret, totpCode(secret, now), null, now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30), null, now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30), null, now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 90), null, now)).toBeNull();
  });

  it('refuses a code whose step was already used (replay), and a later one passes', () => {
    const step = Math.floor(now / TOTP_PERIOD_SECONDS);
    expect(matchTotp(secret, totpCode(secret, now), step, now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 30), step, now)).toBe(step + 1);
  });

  it('refuses anything that is not six digits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^\s*\d{6}\s*$/.test(s));
        return matchTotp(secret, s, null, now) === null;
      }),
    );
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, recognised whatever the case and separators, hashed the same way', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(recoveryCodeHash(c.toUpperCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(c));
      expect(normaliseRecoveryCode(c)).toHaveLength(12);
    }
  });

  it('are told apart from a six-digit TOTP code', () => {
    expect(looksLikeRecoveryCode('123456')).toBe(false);
    expect(looksLikeRecoveryCode('abcd-efgh-jkmn')).toBe(true);
  });
});
