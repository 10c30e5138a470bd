import { ValidationError } from 'class-validator';
import type { FieldError } from './domain-error';
import { frenchValidationMessage } from './french-validation-messages';

const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isInt: 'NOT_AN_INTEGER',
  isString: 'NOT_A_STRING',
  isBoolean: 'NOT_A_BOOLEAN',
  isEmail: 'NOT_AN_EMAIL',
  isNotEmpty: 'REQUIRED',
  isDefined: 'REQUIRED',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  minLength: 'TOO_SHORT',
  maxLength: 'TOO_LONG',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
  isUuid: 'NOT_A_UUID',
  isArray: 'NOT_AN_ARRAY',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  nestedValidation: 'INVALID_NESTED',
};

/** Flattens class-validator's tree into `{ path, code, message }` rows, `lines[0].amountCents` style. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        path,
        code: CODE_BY_CONSTRAINT[constraint] ?? constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
        message: frenchValidationMessage(constraint, message),
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}
