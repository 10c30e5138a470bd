import { escapeFormula } from './formula-escape';

describe('escapeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","clic")', '\'=HYPERLINK("http://x","clic")'],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j with an apostrophe', (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
  });

  it.each(['Association Les Ateliers', '', ' =1+1', 'A=B', "'déjà échappé", '12,50'])('leaves %j as it is', (input) => {
    expect(escapeFormula(input)).toBe(input);
  });
});
