import * as auth from '../../auth/password';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy';

const who = { email: 'lea.porteuse@ruches.example', displayName: 'Léa Porteuse' };
const codes = (password: string, context: { email: string; displayName?: string } = who): string[] => passwordProblems(password, context).map((p) => p.code);

describe('passwordProblems', () => {
  it.each(['deux abeilles butinent au petit jour', 'Tilleul-Brique-Orage-7', 'xK#9vL!2qP@4', '日本語のパスワードです長い'])(
    'accepts %p without composition rules',
    (pw) => {
      expect(passwordProblems(pw, who)).toEqual([]);
    },
  );

  it('requires 12 characters, counted as code points, and says how many were typed', () => {
    expect(passwordProblems('onze-chars!', who)).toEqual([
      { code: 'TOO_SHORT', message: 'Le mot de passe doit comporter au moins 12 caractères (11 saisis).' },
    ]);
    expect(codes('😀😀😀😀😀😀')).toEqual(['TOO_SHORT']); // 12 UTF-16 units but 6 characters
    expect(codes('ruche & miel')).toEqual([]);
  });

  it('allows 256 UTF-16 units (what verifyPassword accepts) and refuses more', () => {
    const long = 'Tilleul-Brique-Orage-7 '.repeat(12).slice(0, 256);
    expect(codes(long)).toEqual([]);
    expect(codes(long + 'x')).toEqual(['TOO_LONG']);
    // 129 emoji are 258 UTF-16 units: verifyPassword would refuse them forever, so creation must too.
    expect(codes('🐝'.repeat(129))).toEqual(['TOO_LONG']);
  });

  it('refuses the e-mail address, its local part and the display name, whatever the case', () => {
    expect(codes('lea.porteuse@ruches.example')).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('LEA.PORTEUSE@RUCHES.EXAMPLE')).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('lea.porteuse', { email: 'lea.porteuse@ruches.example' })).toEqual(['PASSWORD_IS_IDENTITY']);
    // Not the whole name, but made of its words: easily guessed by whoever knows the person.
    expect(codes('Léa Porteuse', { email: 'x@y.example', displayName: 'Léa Porteuse du Rhône' })).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('Léa Porteuse du Rhône', { email: 'x@y.example', displayName: 'Léa Porteuse du Rhône' })).toEqual(['PASSWORD_IS_IDENTITY']);
    expect(codes('LéaPorteuseduRhône', { email: 'x@y.example', displayName: 'léaporteusedurhône' })).toEqual(['PASSWORD_IS_IDENTITY']);
  });

  it.each(['123456789012', 'PASSWORD1234', 'aaaaaaaaaaaa', '############', 'azertyuiopqsdf', 'soleilsoleil12', 'qwertyuiop123', '1234567890azerty'])(
    'refuses the easily guessed %p (zxcvbn score under 3)',
    (pw) => {
      expect(codes(pw)).toEqual(['PASSWORD_TOO_COMMON']);
    },
  );

  it('counts what an attacker knows of the person: the parts of the e-mail and the name', () => {
    expect(codes('porteuseruches')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('porteuseruches', { email: 'x@y.example' })).toEqual([]);
  });

  it('explains the refusal in French', () => {
    const [problem] = passwordProblems('azertyuiopqsdf', who);
    expect(problem?.message).toMatch(/^Ce mot de passe est trop facile à deviner\. .*clavier/);
  });

  it('keeps long passphrases that contain common words', () => {
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
