import { registerDecorator, ValidationOptions } from 'class-validator';
import { departementProblem } from '../domain/organisation-profile';
import { siretProblem } from '../domain/siret';

/** Applies a domain check `(value) => problem | null`; the error code is the constraint name in UPPER_SNAKE case. */
function fromDomainCheck(name: string, check: (value: string) => string | null, options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && check(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? check(args.value) : null) ?? 'Valeur requise.',
      },
    });
}

/** A valid SIRET, as given (no spaces): code `INVALID_SIRET`, message from `siretProblem`. */
export const IsSiret = (options?: ValidationOptions): PropertyDecorator => fromDomainCheck('invalidSiret', siretProblem, options);

/** A département code (01..95 except 20, 2A, 2B, 971..976): code `INVALID_DEPARTEMENT`. */
export const IsDepartement = (options?: ValidationOptions): PropertyDecorator => fromDomainCheck('invalidDepartement', departementProblem, options);
