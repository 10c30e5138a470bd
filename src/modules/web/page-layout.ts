import type { AuthContext } from '../auth/auth-context';
import { layoutContext } from './page-kit';

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

/** What layout.njk reads: the signed-in user, the CSRF token for forms, and the menu. */
export function pageLayout(auth: AuthContext | undefined, current: string): Record<string, unknown> {
  if (!auth) return {};
  const nav: NavItem[] = [
    { href: '/accueil', label: 'Accueil' },
    { href: '/appels', label: 'Appels ouverts' },
  ];
  if (auth.user.roles.includes('PROGRAMME_MANAGER')) nav.push({ href: '/gestion/appels', label: 'Gestion des appels' });
  return {
    ...layoutContext(auth),
    nav: nav.map((n) => ({ ...n, current: n.href === current })),
  };
}
