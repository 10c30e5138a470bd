import type { AuthContext } from '../../auth/auth-context';
import { HTML, layoutContext } from '../../web/page-kit';

export { HTML };

/** What layout.njk reads: the user, the CSRF token and the navigation. */
export function pageContext(auth: AuthContext): Record<string, unknown> {
  return {
    ...layoutContext(auth),
    nav: [
      { href: '/accueil', label: 'Accueil' },
      { href: '/dossiers', label: 'Mes dossiers', current: true },
    ],
  };
}
