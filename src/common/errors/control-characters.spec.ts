import { findControlCharacters } from './control-characters';

describe('findControlCharacters', () => {
  it('names the path of each string holding a control character', () => {
    const errors = findControlCharacters({ title: 'a\u0000b', lines: [{ label: 'ok' }, { label: 'x\u001by' }], n: 3 });
    expect(errors.map((e) => `${e.path}:${e.code}`)).toEqual(['title:CONTROL_CHARACTER', 'lines[1].label:CONTROL_CHARACTER']);
  });

  it('lets tabs, new lines, accents and emoji through', () => {
    expect(findControlCharacters({ text: 'Ligne 1\r\n\tLigne 2 — élève 🐝' })).toEqual([]);
  });

  it('prefixes the argument name and flags keys and DEL/C1 characters', () => {
    expect(findControlCharacters('a\u007f', 'q')[0]?.path).toBe('q');
    expect(findControlCharacters({ answers: { 'k\u0000': 1 } })[0]?.path).toBe('answers.k\uFFFD');
    expect(findControlCharacters({ a: '\u0085' })).toHaveLength(1);
  });
});
