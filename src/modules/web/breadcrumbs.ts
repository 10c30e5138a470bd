import nunjucks from 'nunjucks';

/** Where layout.njk lets the default breadcrumb go (replaced by it, or by nothing). */
export const BREADCRUMB_SLOT = '<!--essaim:fil-ariane-->';

export interface Crumb {
  href?: string;
  /** Already HTML-escaped when it comes from the page's own <title>. */
  label: string | nunjucks.runtime.SafeString;
}

interface Section {
  href: string;
  label: string;
  current?: boolean;
}

/**
 * The default breadcrumb of a page that draws none (issue 14, point 8): Accueil › the current section of the menu ›
 * the page's own title. None on the home page, none on pages outside any menu (sign-in), none when the page has one.
 */
export function autoBreadcrumb(html: string, url: string, sections: readonly Section[] | undefined, signedIn: boolean): Crumb[] | null {
  if (html.includes('class="fr-breadcrumb"')) return null;
  const path = url.split(/[?#]/)[0];
  if (!sections?.length || path === '/' || path === '/accueil') return null;
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
  const label = title.replace(/ — Essaim$/, '').replace(/^Erreur : /, '');
  if (!label) return null;
  const section = sections.find((s) => s.current && s.href !== path && s.href !== '/accueil');
  return [
    { href: signedIn ? '/accueil' : '/', label: 'Accueil' },
    ...(section ? [{ href: section.href, label: section.label }] : []),
    { label: new nunjucks.runtime.SafeString(label) },
  ];
}
