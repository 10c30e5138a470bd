import type { AuthContext } from '../../auth/auth-context';
import { HTML, layoutContext } from '../../web/page-kit';

export { HTML };

/** What layout.njk reads, with « Instruction » as the current section. */
export function instructionPageContext(auth: AuthContext): Record<string, unknown> {
  return {
    ...layoutContext(auth),
    nav: [
      { href: '/accueil', label: 'Accueil' },
      { href: '/instruction', label: 'Instruction', current: true },
    ],
  };
}
