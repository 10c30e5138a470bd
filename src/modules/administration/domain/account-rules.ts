import type { FieldError } from '../../../common/errors/domain-error';
import { ROLES, type Role } from '../../auth/roles';

/** Roles an administrator may grant. Applicants create their own account (self-service sign-up). */
export const STAFF_GRANTABLE: readonly Role[] = ['INSTRUCTOR', 'EVALUATOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'];

/** The roles posted by the form, known and staff-only; at least one. */
export function checkStaffRoles(posted: readonly string[]): { roles: Role[]; errors: FieldError[] } {
  const roles = ROLES.filter((r) => posted.includes(r) && STAFF_GRANTABLE.includes(r));
  const unknown = posted.filter((r) => !STAFF_GRANTABLE.includes(r as Role));
  const errors: FieldError[] = [];
  if (unknown.length) errors.push({ path: 'roles', code: 'UNKNOWN_ROLE', message: 'Choisissez les rôles dans la liste proposée.' });
  else if (roles.length === 0) errors.push({ path: 'roles', code: 'REQUIRED', message: 'Cochez au moins un rôle.' });
  return { roles, errors };
}

/**
 * An administrator cannot lock themselves out: neither deactivate their own account nor drop their own
 * administrator role (another administrator must do it, so that one always remains).
 */
export function selfLockoutError(actorId: string, targetId: string, change: { deactivate?: boolean; roles?: readonly Role[] }): string | null {
  if (actorId !== targetId) return null;
  if (change.deactivate) return 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.';
  if (change.roles && !change.roles.includes('ADMINISTRATOR'))
    return 'Vous ne pouvez pas retirer votre propre rôle d’administrateur : demandez-le à un autre administrateur.';
  return null;
}
