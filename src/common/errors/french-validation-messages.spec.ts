import { IsEmail, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateNested, validateSync } from 'class-validator';
import { frenchValidationMessage } from './french-validation-messages';
import { flattenValidationErrors } from './flatten-validation-errors';

class Line {
  @IsInt() @Min(0) @Max(100_000_000_000) amountCents!: unknown;
}

class Sample {
  @IsString() @MinLength(3) @MaxLength(200) title!: unknown;
  @IsEmail() email!: unknown;
  @IsIn(['FAVORABLE', 'DEFAVORABLE']) outcome!: unknown;
  @MinLength(10, { message: 'Le motif écrit est obligatoire (10 caractères au moins).' }) reason!: unknown;
  @ValidateNested() line!: Line;
}

function messagesOf(input: Record<string, unknown>): Record<string, string[]> {
  const target = Object.assign(new Sample(), input);
  const out: Record<string, string[]> = {};
  for (const e of flattenValidationErrors(validateSync(target))) (out[e.path] ??= []).push(e.message);
  return out;
}

describe('French validation messages', () => {
  it('rewrites class-validator defaults in French with their figures, and keeps the messages a DTO wrote', () => {
    const line = Object.assign(new Line(), { amountCents: -5 });
    const m = messagesOf({ title: 'ab', email: 'nope', outcome: 'MAYBE', reason: 'court', line });
    expect(m.title).toEqual(['Au moins 3 caractère(s) sont attendus.']);
    expect(m.email).toEqual(['Une adresse électronique valide est attendue (nom@domaine.fr).']);
    expect(m.outcome).toEqual(['Valeur non autorisée. Valeurs possibles : FAVORABLE, DEFAVORABLE.']);
    expect(m.reason).toEqual(['Le motif écrit est obligatoire (10 caractères au moins).']);
    expect(m['line.amountCents']).toEqual(['La valeur doit être supérieure ou égale à 0.']);
  });

  it('prints large limits with French digit grouping and types in words', () => {
    const line = Object.assign(new Line(), { amountCents: 10 ** 15 });
    const m = messagesOf({ title: 'x'.repeat(201), email: 'a@b.fr', outcome: 'FAVORABLE', reason: 'assez long motif', line });
    expect(m['line.amountCents']).toEqual([`La valeur doit être inférieure ou égale à ${new Intl.NumberFormat('fr-FR').format(100_000_000_000)}.`]);
    expect(m.title).toEqual(['Au plus 200 caractère(s) sont autorisés.']);
    expect(messagesOf({ title: 12, email: 'a@b.fr', outcome: 'FAVORABLE', reason: 'assez long motif', line: new Line() }).title).toContain(
      'Une chaîne de caractères est attendue.',
    );
  });

  it('never returns English for an unknown constraint', () => {
    expect(frenchValidationMessage('isFoo', 'name must be a foo')).toBe('La valeur de ce champ n’est pas valide.');
    expect(frenchValidationMessage('whitelistValidation', 'property hacker should not exist')).toBe('Ce champ n’est pas attendu.');
  });
});
