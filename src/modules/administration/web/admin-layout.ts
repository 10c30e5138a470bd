import type { AuthContext } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import { HTML } from '../../../common/http/html';

export { HTML };

/** What layout.njk reads on the administration pages, `current` marking the section in the menu. */
export function adminLayout(auth: AuthContext, current: '/administration/comptes' | '/administration/etat-du-service'): Record<string, unknown> {
  return {
    user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), roles: auth.user.roles, unread: auth.unread ?? 0 },
    csrfToken: auth.csrfToken,
    nav: [
      { href: '/accueil', label: 'Accueil' },
      { href: '/administration/comptes', label: 'Comptes', current: current === '/administration/comptes' },
      { href: '/administration/etat-du-service', label: 'État du service', current: current === '/administration/etat-du-service' },
    ],
  };
}
