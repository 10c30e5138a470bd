import type { AuthContext } from '../auth/auth-context';
import { normalizeSiret } from './domain/siret';
import { ADVANCE_CATEGORIES, ADVANCE_CATEGORY_LABELS, LEGAL_FORM_LABELS, LEGAL_FORMS, MEMBER_ROLE_LABELS } from './domain/organisation-profile';
import { INVITATION_STATUS_LABELS } from './domain/invitation';
import { layoutContext } from '../web/page-kit';

/** What layout.njk reads for a signed-in user (as `WebController.layout`), with the applicant's navigation. */
export function pageLayout(auth: AuthContext, current?: '/accueil' | '/structures'): Record<string, unknown> {
  const nav = [{ href: '/accueil', label: 'Accueil', current: current === '/accueil' }];
  if (auth.user.roles.includes('APPLICANT')) nav.push({ href: '/structures', label: 'Mes structures', current: current === '/structures' });
  return {
    ...layoutContext(auth),
    nav,
  };
}

/** Labels and select options shared by the organisation pages. */
export const ORGANISATION_LABELS = {
  legalForms: LEGAL_FORM_LABELS,
  advanceCategories: ADVANCE_CATEGORY_LABELS,
  memberRoles: MEMBER_ROLE_LABELS,
  invitationStatuses: INVITATION_STATUS_LABELS,
  legalFormItems: LEGAL_FORMS.map((value) => ({ value, text: LEGAL_FORM_LABELS[value] })),
  advanceCategoryItems: ADVANCE_CATEGORIES.map((value) => ({ value, text: ADVANCE_CATEGORY_LABELS[value] })),
};

/**
 * Form strings → the DTO's types: SIRET typed with spaces ("782 134 563 00017"), département in lower case ("2a"),
 * and the Oui/Non radios ("true"/"false"; nothing chosen stays undefined so that the DTO says it is required).
 */
export function coerceOrganisationForm(raw: Record<string, string | string[]>): Record<string, unknown> {
  const { version: _version, ...out } = raw as Record<string, unknown>;
  if (typeof raw.siret === 'string') out.siret = normalizeSiret(raw.siret);
  if (typeof raw.departement === 'string') out.departement = raw.departement.trim().toUpperCase();
  if (typeof raw.postalCode === 'string') out.postalCode = raw.postalCode.replace(/\s/g, '');
  for (const key of ['essStatus', 'vatRecovery']) out[key] = raw[key] === 'true' ? true : raw[key] === 'false' ? false : undefined;
  return out;
}

/** Values to show back in the form: what was typed, or the organisation's current data. */
export function organisationFormValues(source: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [
    'siret',
    'legalName',
    'legalForm',
    'essStatus',
    'vatRecovery',
    'advanceCategory',
    'addressLine',
    'postalCode',
    'city',
    'departement',
    'version',
  ]) {
    const v = source[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v).slice(0, 300);
  }
  return out;
}
