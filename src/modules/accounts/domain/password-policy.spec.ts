import * as auth from '../../auth/password';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy';

const who = { email: 'lea.porteuse@ruches.example', displayName: 'Léa Porteuse' };
const codes = (password: string, context: { email: string; displayName?: string } = who): string[] => passwordProblems(password, context).map((p) => p.code);

describe('passwordProblems', () => {
  it.each(['deux abeilles butinent au petit jour', 'Tilleul-Brique-Orage-7', 'xK#9vL!2qP@4', '日本語のパスワードです長い'])('accepts %p without composition rules', (pw) => {
    expect(passwordProblems(pw, who)).toEqual([]);
  });

  it('requires 12 characters, counted as code points, and says how many were typed', () => {
    expect(passwordProblems('onze-chars!', who)).toEqual([
      { code: 'TOO_SHORT', message: 'Le mot de passe doit comporter au moins 12 caractères (11 saisis).' },
    ]);
    expect(codes('😀😀😀😀😀😀')).toEqual(['TOO_SHORT']); // 12 UTF-16 units but 6 characters
    expect(codes('ruche & miel')).toEqual([]);
  });

  it('allows 256 UTF-16 units (what verifyPassword accepts) and refuses more', () => {
    expect(codes('x'.repeat(200) + 'y'.repeat(56))).toEqual([]);
    expect(codes('x'.repeat(200) + 'y'.repeat(57))).toEqual(['TOO_LONG']);
    // 129 emoji are 258 UTF-16 units: verifyPassword would refuse them forever, so creation must too.
    expect(codes('🐝'.repeat(129))).toEqual(['TOO_LONG']);
  });

  it('refuses the e-mail address, its local part and the display name, whatever the case', () => {
    expect(codes('lea.porteuse@ruches.example')).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('LEA.PORTEUSE@RUCHES.EXAMPLE')).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('lea.porteuse', { email: 'lea.porteuse@ruches.example' })).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('Léa Porteuse', { email: 'x@y.example', displayName: 'Léa Porteuse du Rhône' })).toEqual([]);
    expect(codes('Léa Porteuse du Rhône', { email: 'x@y.example', displayName: 'Léa Porteuse du Rhône' })).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('LéaPorteuseduRhône', { email: 'x@y.example', displayName: 'léaporteusedurhône' })).toEqual(['PASSWORD_IS_IDENTITY']);
  });

  it.each(['123456789012', 'Azertyuiop123', 'PASSWORD1234', 'correct horse battery staple', 'aaaaaaaaaaaa', '############'])(
    'refuses the very common %p',
    (pw) => {
      expect(codes(pw)).toEqual(['PASSWORD_TOO_COMMON']);
    },
  );

  it.each(['Motdepasse2026!', '2026motdepasse', 'soleilsoleil12', 'Bonjour!!!!!!', 'ESSAIM-2026-!!'])('refuses the common word %p padded with digits', (pw) => {
    expect(codes(pw)).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('keeps words that only contain a common one', () => {
    expect(codes('soleil de minuit sur la baie')).toEqual([]);
    expect(codes('motdepassefort-pour-lea')).toEqual([]);
  });

  it('uses the same bounds as the login (auth/password.ts)', () => {
    expect([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]).toEqual([auth.PASSWORD_MIN_LENGTH, auth.PASSWORD_MAX_LENGTH]);
  });

  it('never trims what was typed: spaces around a valid password still count', () => {
    expect(codes('  abc def g  ')).toEqual([]);
  });
});
