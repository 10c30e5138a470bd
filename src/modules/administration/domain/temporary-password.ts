import { randomInt } from 'node:crypto';

// No look-alike characters (0/O, 1/l/I), so that an administrator can read it out over the phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A temporary password for a staff account created or reset by an administrator: 4 groups of 4 characters from a
 * 56-letter alphabet (about 93 bits), above the 12-character minimum of the password policy.
 */
export function temporaryPassword(pick: (max: number) => number = randomInt): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[pick(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
