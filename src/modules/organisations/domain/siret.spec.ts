import { isValidSiret, normalizeSiret, siretProblem } from './siret';

describe('isValidSiret', () => {
  it.each(['73282932000074', '44306184100047', '78467169500087'])('accepts the Luhn-valid SIRET %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
    expect(siretProblem(siret)).toBeNull();
  });

  it.each([
    ['73282932000075', 'last digit changed'],
    ['73282932000047', 'two digits swapped'],
    ['44306184100048', 'last digit changed'],
  ])('refuses %s (%s) on the SIRET key', (siret) => {
    expect(isValidSiret(siret)).toBe(false);
    expect(siretProblem(siret)).toBe('La clé de contrôle du SIRET est invalide.');
  });

  it('refuses a SIRET whose SIREN fails Luhn, even when the 14 digits pass it', () => {
    expect(siretProblem('73282932100007')).toBe('La clé de contrôle du SIREN (9 premiers chiffres) est invalide.');
    expect(siretProblem('12345678901234')).toBe('La clé de contrôle du SIREN (9 premiers chiffres) est invalide.');
  });

  it('refuses the all-zero placeholder although it passes Luhn', () => {
    expect(siretProblem('00000000000000')).toBe("Le SIREN 000 000 000 n'existe pas.");
  });

  it.each([
    ['7328293200007', 'Le SIRET doit comporter 14 chiffres (13 saisis).'],
    ['732829320000740', 'Le SIRET doit comporter 14 chiffres (15 saisis).'],
    ['', 'Le SIRET doit comporter 14 chiffres (0 saisi).'],
    ['7328293200007A', 'Le SIRET ne doit contenir que des chiffres.'],
    ['732 829 320 00074', 'Le SIRET ne doit contenir que des chiffres.'],
    ['７３２８２９３２０００７４', 'Le SIRET ne doit contenir que des chiffres.'],
  ])('refuses the malformed %p', (input, reason) => {
    expect(isValidSiret(input)).toBe(false);
    expect(siretProblem(input)).toBe(reason);
  });
});

describe('isValidSiret — La Poste (SIREN 356000000)', () => {
  it.each(['35600000000001', '35600000000010', '35600000049837'])('accepts %s: digit sum multiple of 5, Luhn invalid', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it('refuses 35600000000014: Luhn-valid, but its digit sum (19) is not a multiple of 5', () => {
    expect(siretProblem('35600000000014')).toBe(
      'Pour un établissement de La Poste (SIREN 356 000 000), la somme des 14 chiffres du SIRET doit être un multiple de 5.',
    );
  });

  it('refuses 35600000000019 and 35600000012345 (digit sums 24 and 29)', () => {
    expect(isValidSiret('35600000000019')).toBe(false);
    expect(isValidSiret('35600000012345')).toBe(false);
  });

  it('accepts the head office 35600000000048: Luhn-valid, digit sum 26', () => {
    expect(isValidSiret('35600000000048')).toBe(true);
  });
});

describe('normalizeSiret', () => {
  it('strips the separators people type', () => {
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
    expect(normalizeSiret('732.829.320-00074')).toBe('73282932000074');
    expect(normalizeSiret('732\u00a0829\u202f320 00074')).toBe('73282932000074');
    expect(isValidSiret(normalizeSiret(' 356 000 000 00048 '))).toBe(true);
  });
});
