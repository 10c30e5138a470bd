import { autoBreadcrumb } from './breadcrumbs';
import { menuEntries, roleMenu } from './role-menu';

describe('role menu', () => {
  it('gives the union of the roles, each section once, Accueil first', () => {
    expect(menuEntries(['INSTRUCTOR', 'PROGRAMME_MANAGER']).map((e) => e.href)).toEqual([
      '/accueil',
      '/instruction',
      '/verifications',
      '/paiements',
      '/comite',
      '/gestion/appels',
      '/tableau-de-bord',
    ]);
  });

  it('marks the section of the longest matching prefix, never a mere string prefix', () => {
    const current = (roles: Parameters<typeof roleMenu>[0], path: string) =>
      roleMenu(roles, path)
        .filter((i) => i.current)
        .map((i) => i.href);
    expect(current(['APPLICANT'], '/dossiers/1/projet?x=1')).toEqual(['/dossiers']);
    expect(current(['APPLICANT'], '/operations/1')).toEqual(['/dossiers']);
    expect(current(['APPLICANT'], '/dossiersX')).toEqual([]);
    expect(current(['PROGRAMME_MANAGER'], '/gestion/evaluation/appels/1/grille')).toEqual(['/gestion/appels']);
    expect(current(['ADMINISTRATOR'], '/accueil')).toEqual(['/accueil']);
    expect(current(['ADMINISTRATOR'], '/compte')).toEqual([]);
  });
});

describe('default breadcrumb', () => {
  const menu = roleMenu(['APPLICANT'], '/dossiers/1/retirer');
  const page = (title: string) => `<html><head><title>${title} — Essaim</title></head><body></body></html>`;

  it('is Accueil › section › page title, without the error prefix', () => {
    expect(autoBreadcrumb(page('Erreur : Retirer le dossier'), '/dossiers/1/retirer', menu, true)?.map((c) => String(c.label))).toEqual([
      'Accueil',
      'Mes dossiers',
      'Retirer le dossier',
    ]);
  });

  it('skips the section when the page is the section, and is absent on the home page or when the page has its own', () => {
    expect(autoBreadcrumb(page('Mes dossiers'), '/dossiers', roleMenu(['APPLICANT'], '/dossiers'), true)?.map((c) => String(c.label))).toEqual([
      'Accueil',
      'Mes dossiers',
    ]);
    expect(autoBreadcrumb(page('Accueil'), '/accueil', menu, true)).toBeNull();
    expect(autoBreadcrumb(`${page('X')}<nav role="navigation" class="fr-breadcrumb">`, '/dossiers/1', menu, true)).toBeNull();
    expect(autoBreadcrumb(page('Connexion'), '/connexion', undefined, false)).toBeNull();
  });
});
