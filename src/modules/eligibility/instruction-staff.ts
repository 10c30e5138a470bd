import type { Role } from '../auth/roles';

/** Who instructs dossiers: eligibility, CSESS scoring and the instruction report (evaluators and applicants do not). */
export const INSTRUCTION_STAFF: readonly Role[] = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'];
