import { type Role, STAFF_ROLES } from '../../auth/roles';
import type { MemberRole } from './organisation-profile';

export interface OrganisationRights {
  /** See the organisation and its members. */
  read: boolean;
  /** Change its details, invite and revoke invitations. */
  manage: boolean;
}

/**
 * What a user may do with one organisation (docs/api.md: authorisation on every object).
 * Members read; an OWNER who is still an applicant manages; staff read any organisation but never write.
 * A user without `read` must get a 404, as if the organisation did not exist.
 */
export function organisationRights(roles: readonly Role[], memberRole: MemberRole | null): OrganisationRights {
  const staff = roles.some((r) => STAFF_ROLES.includes(r));
  return {
    read: memberRole !== null || staff,
    manage: memberRole === 'OWNER' && roles.includes('APPLICANT'),
  };
}
