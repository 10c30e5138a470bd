import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/**
 * TOTP as RFC 6238 defines it with the defaults every authenticator app knows: SHA-1, 6 digits, 30-second steps.
 * One step of clock drift is tolerated each way (ASVS 2.8.1 asks for a short lifetime; 90 s in all). A code is
 * accepted once: the step it matched must come after the last one used (ASVS 2.8.4).
 */
export const TOTP_PERIOD_SECONDS = 30;
const DRIFT_SECONDS = TOTP_PERIOD_SECONDS;

export function newTotpSecret(): string {
  // 20 bytes = 160 bits, the HMAC-SHA-1 key size RFC 4226 recommends.
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(issuer: string, accountName: string, secret: string): string {
  return generateURI({ issuer, label: accountName, secret });
}

/** The code of the current step (tests and the enrolment help only; the server never needs it otherwise). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds });
}

/** The time step the code matched, or null; a step not after `lastUsedStep` is refused (replay). */
export function matchTotp(secret: string, code: string, lastUsedStep: number | null, epochSeconds = Math.floor(Date.now() / 1000)): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({
    secret,
    token,
    epoch: epochSeconds,
    epochTolerance: DRIFT_SECONDS,
    ...(lastUsedStep !== null ? { afterTimeStep: lastUsedStep } : {}),
  });
  // The TOTP strategy's result carries the matched step (the union type also covers HOTP, which has none).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Recovery codes: 10 of them, 12 characters from a 32-letter alphabet without look-alikes (60 bits each). */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** What is compared: lower case, no spaces or dashes, so « ABCD EFGH JKMN » matches « abcd-efgh-jkmn ». */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

/** Stored form: the SHA-256 of the normalised code (60 random bits: a slow hash adds nothing a search could not pay). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{12}$/.test(normaliseRecoveryCode(code)) && !/^\d+$/.test(normaliseRecoveryCode(code));
}
