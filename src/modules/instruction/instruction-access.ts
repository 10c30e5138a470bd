import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { INSTRUCTION_STAFF } from '../auth/roles';

export { INSTRUCTION_STAFF };

export const isInstructionStaff = (user: Pick<AuthUser, 'roles'>): boolean => user.roles.some((r) => INSTRUCTION_STAFF.includes(r));

export const dossierNotFound = (): DomainError => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
export const callNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas.");
