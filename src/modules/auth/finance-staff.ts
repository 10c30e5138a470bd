import type { Role } from './roles';

/** Who verifies expenditure and prepares payments (docs/domain/payments.md); evaluators and applicants never do. */
export const FINANCE_STAFF: readonly Role[] = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'];
