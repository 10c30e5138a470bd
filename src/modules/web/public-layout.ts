import type { AuthContext } from '../auth/auth-context';
import { layoutContext } from './page-kit';

/** Menu of the public pages (catalogue, calendar, open data), shown signed in or not; staff also reach the dashboard. */
export function publicLayout(auth: AuthContext | undefined, current: string): Record<string, unknown> {
  const nav = [
    ...(auth ? [{ href: '/accueil', label: 'Accueil' }] : []),
    { href: '/projets', label: 'Projets financés' },
    { href: '/calendrier', label: 'Calendrier des appels' },
    { href: '/donnees', label: 'Données ouvertes' },
    ...(auth?.user.roles.some((r) => ['MANAGING_AUTHORITY', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'].includes(r))
      ? [{ href: '/tableau-de-bord', label: 'Tableau de bord' }]
      : []),
  ].map((n) => ({ ...n, current: n.href === current }));
  return auth ? { ...layoutContext(auth), nav } : { nav };
}
