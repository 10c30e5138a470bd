import { ORGANISATION_READERS, type Role } from '../../auth/roles';
import type { MemberRole } from './organisation-profile';

export interface OrganisationRights {
  /** See the organisation and its members. */
  read: boolean;
  /** Change its details, invite and revoke invitations. */
  manage: boolean;
}

/**
 * What a user may do with one organisation (docs/api.md: authorisation on every object).
 * Members read; an OWNER who is still an applicant manages; instruction and management staff read any organisation
 * but never write; an evaluator reads only an organisation whose dossier is assigned to them (`assignedToEvaluator`).
 * A user without `read` must get a 404, as if the organisation did not exist.
 */
export function organisationRights(roles: readonly Role[], memberRole: MemberRole | null, assignedToEvaluator = false): OrganisationRights {
  const staff = roles.some((r) => ORGANISATION_READERS.includes(r));
  const evaluator = roles.includes('EVALUATOR') && assignedToEvaluator;
  return {
    read: memberRole !== null || staff || evaluator,
    manage: memberRole === 'OWNER' && roles.includes('APPLICANT'),
  };
}
