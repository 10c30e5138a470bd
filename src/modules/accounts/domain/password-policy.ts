import { MIN_PASSWORD_SCORE, passwordStrength } from './password-strength';

/** Same bounds as `auth/password.ts` (kept here so that domain/ does not load argon2; a spec checks they agree). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordProblem {
  code: 'TOO_SHORT' | 'TOO_LONG' | 'PASSWORD_IS_IDENTITY' | 'PASSWORD_TOO_COMMON';
  message: string;
}

export interface PasswordContext {
  email: string;
  displayName?: string;
}

/**
 * Why a new password is refused, in French; an empty list when it is acceptable (ASVS 5.0 V6.2).
 *
 * Length only, no composition rules (6.2.5): at least 12 characters, counted as Unicode code points; at most 256
 * UTF-16 units, the limit `verifyPassword` applies, so that any accepted password can be verified later (6.2.9).
 * Refused: the e-mail address, its local part or the display name (6.2.11), and any password zxcvbn estimates below
 * score 3, "safely unguessable" for an online attack (6.2.4): its French and common dictionaries (leaked passwords,
 * first names, words), keyboard walks on AZERTY and QWERTY, repetitions, dates, l33t, with the person's e-mail and
 * name as extra words. The password is checked as typed: never trimmed nor normalised.
 */
export function passwordProblems(password: string, context: PasswordContext): PasswordProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      { code: 'TOO_SHORT', message: `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères (${length} saisi${length > 1 ? 's' : ''}).` },
    ];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [{ code: 'TOO_LONG', message: `Le mot de passe doit comporter au plus ${PASSWORD_MAX_LENGTH} caractères.` }];
  }
  const email = fold(context.email);
  const identity = [email, email.split('@')[0] ?? email, context.displayName ?? ''].map(squash).filter((w) => w.length > 0);
  if (identity.includes(squash(password))) {
    return [{ code: 'PASSWORD_IS_IDENTITY', message: 'Le mot de passe ne doit pas être votre adresse électronique ni votre nom.' }];
  }
  const { score, advice } = passwordStrength(password, identityWords(context));
  if (score < MIN_PASSWORD_SCORE) {
    const hint = advice ? ` ${advice.replace(/\.?$/, '.')}` : '';
    return [
      {
        code: 'PASSWORD_TOO_COMMON',
        message: `Ce mot de passe est trop facile à deviner.${hint} Choisissez une phrase de passe de plusieurs mots, par exemple.`,
      },
    ];
  }
  return [];
}

function fold(s: string): string {
  return s.trim().toLowerCase();
}

/** Case, spaces and the usual separators ignored: "Léa Porteuse", "léa.porteuse" and "LÉA_PORTEUSE" compare equal. */
function squash(s: string): string {
  return fold(s).replace(/[\s._-]+/g, '');
}

/** What an attacker knows of the person: the address, its parts and the name's words. */
function identityWords(context: PasswordContext): string[] {
  const email = fold(context.email);
  const words = [email, ...email.split(/[@.+_-]/), ...(context.displayName ?? '').split(/\s+/)];
  return words.map((w) => w.trim()).filter((w) => w.length > 1);
}
