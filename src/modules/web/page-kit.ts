import { applyDecorators, Header } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { ROLE_LABELS } from '../auth/roles';
import { HTML } from '../../common/http/html';

export { HTML };

/** Declares a handler that returns a rendered page: `@HtmlPage()` instead of repeating the content type. */
export function HtmlPage(): MethodDecorator {
  return applyDecorators(Header('Content-Type', HTML));
}

export interface NavEntry {
  href: string;
  label: string;
  current?: boolean;
}

/** What layout.njk reads about the signed-in person: name, role labels and the CSRF token of their session. */
export interface LayoutContext {
  user: { displayName: string; roleLabels: string[]; unread: number };
  csrfToken: string;
  nav?: NavEntry[];
}

/** The layout context of a page, built in one place; modules add their navigation entries. */
export function layoutContext(auth: AuthContext, nav?: NavEntry[]): LayoutContext {
  return {
    user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
    csrfToken: auth.csrfToken,
    ...(nav ? { nav } : {}),
  };
}
