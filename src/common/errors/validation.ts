import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors';
import { HttpProblemException } from './http-problem.exception';

export { flattenValidationErrors };

export function validationExceptionFactory(errors: ValidationError[]): HttpProblemException {
  const list = flattenValidationErrors(errors);
  return new HttpProblemException('VALIDATION_FAILED', `${list.length} champ(s) invalide(s).`, { errors: list });
}
