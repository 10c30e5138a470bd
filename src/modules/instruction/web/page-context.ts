import type { AuthContext } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';

export const HTML = 'text/html; charset=utf-8';

/** What layout.njk reads, with « Instruction » as the current section. */
export function instructionPageContext(auth: AuthContext): Record<string, unknown> {
  return {
    user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]) },
    csrfToken: auth.csrfToken,
    nav: [
      { href: '/accueil', label: 'Accueil' },
      { href: '/instruction', label: 'Instruction', current: true },
    ],
  };
}
