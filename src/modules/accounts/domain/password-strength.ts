import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

/** zxcvbn's scale: 3 = "safely unguessable" (about 10^8 guesses and more), the floor OWASP ASVS V6.2.4 points to. */
export const MIN_PASSWORD_SCORE = 3;

let engine: ZxcvbnFactory | undefined;

/** Built once: the French and common dictionaries (passwords, first names, Wikipedia words) and AZERTY/QWERTY graphs. */
function zxcvbn(): ZxcvbnFactory {
  engine ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
    useLevenshteinDistance: false,
  });
  return engine;
}

export interface StrengthVerdict {
  readonly score: 0 | 1 | 2 | 3 | 4;
  /** zxcvbn's French advice, when it has some. */
  readonly advice: string | null;
}

/** Estimates how guessable a password is, given what an attacker knows of the person (e-mail, name). */
export function passwordStrength(password: string, userInputs: readonly string[]): StrengthVerdict {
  const result = zxcvbn().check(password, [...userInputs]);
  const advice = result.feedback.warning || result.feedback.suggestions[0] || null;
  return { score: result.score, advice };
}
