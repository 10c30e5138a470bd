/**
 * class-validator writes its default messages in English ("title must be longer than or equal to 3 characters"). Every
 * message a user reads is French (docs/api.md, "Errors"), so a default message is rewritten here from its constraint
 * and the figure it carries; a message a DTO wrote itself (already French) is kept as it is.
 */
const ENGLISH_DEFAULT = /^(?:each value in |property |nested property |an instance of )?\S+ (?:must|should|has failed)\b/;

const nf = new Intl.NumberFormat('fr-FR');

/** The first number of the English message (the constraint's limit), printed the French way. */
function figure(english: string): string {
  const m = /(-?\d+(?:\.\d+)?)/.exec(english.replace(/^\S+/, ''));
  return m?.[1] !== undefined ? nf.format(Number(m[1])) : '';
}

function allowedValues(english: string): string {
  const m = /following values: (.*)$/.exec(english);
  return m?.[1] ? ` : ${m[1].split(/,\s*/).join(', ')}` : '';
}

const TEMPLATES: Record<string, (english: string) => string> = {
  whitelistValidation: () => 'Ce champ n’est pas attendu.',
  isDefined: () => 'Ce champ est obligatoire.',
  isNotEmpty: () => 'Ce champ est obligatoire.',
  arrayNotEmpty: () => 'Au moins un élément est attendu.',
  isString: () => 'Une chaîne de caractères est attendue.',
  isInt: () => 'Un nombre entier est attendu.',
  isNumber: () => 'Un nombre est attendu.',
  isBoolean: () => 'Vrai ou faux est attendu.',
  isEmail: () => 'Une adresse électronique valide est attendue (nom@domaine.fr).',
  isUuid: () => 'Un identifiant valide (UUID) est attendu.',
  isArray: () => 'Une liste est attendue.',
  isObject: () => 'Un objet est attendu.',
  isIso8601: () => 'Une date au format AAAA-MM-JJ est attendue.',
  isDateString: () => 'Une date au format AAAA-MM-JJ est attendue.',
  isIn: (e) => `Valeur non autorisée. Valeurs possibles${allowedValues(e)}.`,
  isEnum: (e) => `Valeur non autorisée. Valeurs possibles${allowedValues(e)}.`,
  min: (e) => `La valeur doit être supérieure ou égale à ${figure(e)}.`,
  max: (e) => `La valeur doit être inférieure ou égale à ${figure(e)}.`,
  minLength: (e) => `Au moins ${figure(e)} caractère(s) sont attendus.`,
  maxLength: (e) => `Au plus ${figure(e)} caractère(s) sont autorisés.`,
  isLength: (e) => (/shorter/.test(e) ? `Au plus ${figure(e)} caractère(s) sont autorisés.` : `Au moins ${figure(e)} caractère(s) sont attendus.`),
  arrayMinSize: (e) => `Au moins ${figure(e)} élément(s) sont attendus.`,
  arrayMaxSize: (e) => `Au plus ${figure(e)} élément(s) sont autorisés.`,
  matches: () => 'Le format de la valeur n’est pas valide.',
  equals: () => 'Cette valeur n’est pas celle attendue.',
  nestedValidation: () => 'Un objet ou une liste est attendu.',
};

/** The French message for one failed constraint: the DTO's own message, or the French form of the English default. */
export function frenchValidationMessage(constraint: string, message: string): string {
  if (!ENGLISH_DEFAULT.test(message)) return message;
  return TEMPLATES[constraint]?.(message) ?? 'La valeur de ce champ n’est pas valide.';
}
