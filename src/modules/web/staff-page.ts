import type { FastifyReply } from 'fastify';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { statusBadgeClass } from './format';
import type { AuthContext } from '../auth/auth-context';
import { HTML, layoutContext } from './page-kit';
import { FORM_REFUSED } from './form';

export { HTML };

/** What layout.njk reads on an instruction page, and the dossier and tab the shared header partial shows. */
export function staffPageContext(
  auth: AuthContext,
  dossier: { id: string; status: ApplicationStatus },
  activeTab: 'eligibilite' | 'rapport',
): Record<string, unknown> {
  return {
    ...layoutContext(auth),
    nav: [{ href: '/accueil', label: 'Accueil' }],
    activeTab,
    dossier: {
      ...dossier,
      statusLabel: APPLICATION_STATUS_LABELS[dossier.status],
      statusBadge: statusBadgeClass(dossier.status),
      base: `/instruction/dossiers/${dossier.id}`,
    },
  };
}

export interface PageFailure {
  /** Always FORM_REFUSED (422): the form is shown again, in the page, with the person's input (docs/ui.md, « Errors »). */
  status: number;
  errors: FieldError[];
  alert: string | null;
  /** The version the form was drawn at is no longer the stored one (someone else saved in between). */
  stale: boolean;
}

export const STALE_ALERT =
  "Le dossier a été modifié entre-temps par une autre personne : rien n'a été enregistré. Vérifiez son état actuel ci-dessous (votre saisie est conservée), puis enregistrez à nouveau.";

/**
 * A refused action shown on the page, in its form, rather than as problem+json; a missing or forbidden object stays a
 * full-page navigation error (404, 403) and anything that is not a DomainError propagates.
 */
export function pageFailure(e: unknown): PageFailure {
  if (!(e instanceof DomainError) || e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN') throw e;
  if (e.code === 'PRECONDITION_FAILED' || e.code === 'PRECONDITION_REQUIRED') {
    return { status: FORM_REFUSED, errors: [], alert: STALE_ALERT, stale: true };
  }
  const errors = e.details.errors ?? [];
  return { status: FORM_REFUSED, errors, alert: errors.length ? null : e.message, stale: false };
}

export function sendHtml(reply: FastifyReply, status: number, html: string): void {
  void reply.status(status).type(HTML).send(html);
}
