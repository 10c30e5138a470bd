import type { Role } from '../auth/roles';

/** One entry of the header menu; `also` lists the other path prefixes that belong to the same section. */
export interface MenuEntry {
  href: string;
  label: string;
  also?: readonly string[];
}

export interface MenuItem {
  href: string;
  label: string;
  current: boolean;
  /** Unread messages of the section (the dossier threads), shown as a badge. */
  unread?: number;
}

const HOME: MenuEntry = { href: '/accueil', label: 'Accueil' };
const COMMITTEES: MenuEntry = { href: '/comite', label: 'Comités' };
const INSTRUCTION: MenuEntry = { href: '/instruction', label: 'Instruction', also: ['/operations', '/avenants', '/bilans'] };
const VERIFICATIONS: MenuEntry = { href: '/verifications', label: 'Vérifications' };
const PAYMENTS: MenuEntry = { href: '/paiements', label: 'Paiements' };
const DASHBOARD: MenuEntry = { href: '/tableau-de-bord', label: 'Tableau de bord' };
const REPORTS: MenuEntry = { href: '/autorite-de-gestion/rapports', label: 'Rapports' };

/**
 * Every section a role works in, in the order of its job (issue 14, point 8): the menu stays the same on every page,
 * whatever the page; a person with several roles sees the union, each section once.
 */
export const ROLE_MENUS: Record<Role, readonly MenuEntry[]> = {
  APPLICANT: [
    { href: '/dossiers', label: 'Mes dossiers', also: ['/operations', '/bilans', '/avenants'] },
    { href: '/appels', label: 'Appels' },
    { href: '/structures', label: 'Structures', also: ['/invitations'] },
  ],
  INSTRUCTOR: [INSTRUCTION, VERIFICATIONS, PAYMENTS, COMMITTEES],
  EVALUATOR: [{ href: '/evaluation', label: 'Évaluation' }, COMMITTEES],
  PROGRAMME_MANAGER: [{ href: '/gestion/appels', label: 'Gestion des appels', also: ['/gestion/evaluation'] }, COMMITTEES, INSTRUCTION, PAYMENTS, DASHBOARD],
  MANAGING_AUTHORITY: [DASHBOARD, REPORTS, PAYMENTS, { href: '/projets', label: 'Projets financés' }],
  ADMINISTRATOR: [
    { href: '/administration/comptes', label: 'Comptes' },
    { href: '/administration/etat-du-service', label: 'État du service' },
    { href: '/administration/taches', label: 'Tâches en échec' },
  ],
};

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

/** The entries of the roles' menus, each once, Accueil first. */
export function menuEntries(roles: readonly Role[]): MenuEntry[] {
  const seen = new Set<string>();
  return [HOME, ...roles.flatMap((r) => ROLE_MENUS[r] ?? [])].filter((e) => !seen.has(e.href) && seen.add(e.href));
}

/** Where the unread messages of dossier threads show: the applicant's dossiers, or the instructor's workspace. */
const THREAD_SECTIONS = ['/dossiers', '/instruction'];

/** The menu of the signed-in person, the section of `path` marked current (longest matching prefix). */
export function roleMenu(roles: readonly Role[], path: string, threadUnread = 0): MenuItem[] {
  const entries = menuEntries(roles);
  const bare = path.split(/[?#]/)[0] ?? path;
  let best: { href: string; length: number } | null = null;
  for (const e of entries) {
    for (const prefix of [e.href, ...(e.also ?? [])]) {
      if (within(bare, prefix) && (!best || prefix.length > best.length)) best = { href: e.href, length: prefix.length };
    }
  }
  const badge = threadUnread > 0 ? entries.find((e) => THREAD_SECTIONS.includes(e.href))?.href : undefined;
  return entries.map((e) => ({ href: e.href, label: e.label, current: e.href === best?.href, ...(e.href === badge ? { unread: threadUnread } : {}) }));
}
