import { isValidIban, maskIban, normaliseIban } from './iban';

describe('IBAN (ISO 13616)', () => {
  it.each(['FR76 3000 6000 0112 3456 7890 189', 'FR1420041010050500013M02606', 'DE89370400440532013000', 'BE68539007547034'])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each(['FR76 3000 6000 0112 3456 7890 188', 'FR763000600001123456789018', 'XX00', '', 'FR76-3000-6000-0112-3456-7890-18A'])('refuses %s', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('normalises and masks', () => {
    expect(normaliseIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(maskIban('FR7630006000011234567890189')).toBe('FR76 •••• •••• •••• •••• •••0 189');
  });
});
