import type { FastifyReply } from 'fastify';
import { ERROR_CODES } from '../../common/errors/error-codes';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { statusBadgeClass } from './format';
import type { AuthContext } from '../auth/auth-context';
import { HTML, layoutContext } from './page-kit';

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
  status: number;
  errors: FieldError[];
  alert: string | null;
}

/** A refused action shown on the page rather than as problem+json; a missing dossier stays a 404. */
export function pageFailure(e: unknown): PageFailure {
  if (!(e instanceof DomainError) || e.code === 'NOT_FOUND') throw e;
  if (e.code === 'PRECONDITION_FAILED' || e.code === 'PRECONDITION_REQUIRED') {
    return {
      status: 412,
      errors: [],
      alert: 'Le dossier a été modifié entre-temps par une autre personne : la page a été rechargée, vérifiez puis recommencez.',
    };
  }
  const errors = e.details.errors ?? [];
  return { status: ERROR_CODES[e.code], errors, alert: errors.length ? null : e.message };
}

export function sendHtml(reply: FastifyReply, status: number, html: string): void {
  void reply.status(status).type(HTML).send(html);
}
