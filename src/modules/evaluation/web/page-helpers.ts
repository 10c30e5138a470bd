import type { FastifyReply } from 'fastify';
import type { FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import type { AuthContext } from '../../auth/auth-context';
import { pageLayout } from '../../web/page-layout';
import { HTML } from '../../web/page-kit';
import { FORM_REFUSED, isFormRefusal } from '../../web/form';

export { HTML };
export type FormBody = Record<string, string | string[] | undefined>;

/** The common layout, with the evaluator's entry in the navigation. */
export function evaluationLayout(auth: AuthContext, current: string): Record<string, unknown> {
  const base = pageLayout(auth, current);
  const nav = [...((base.nav as { href: string; label: string; current: boolean }[]) ?? [])];
  if (auth.user.roles.includes('EVALUATOR')) nav.push({ href: '/evaluation', label: 'Évaluation', current: current === '/evaluation' });
  return { ...base, nav };
}

export function field(body: FormBody, name: string): string {
  const v = body[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

/** An integer typed in a form, or NaN so that validation names the field. */
export function intField(body: FormBody, name: string): number | undefined {
  const raw = field(body, name);
  if (raw === '') return undefined;
  return /^-?\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

export function formVersion(body: FormBody): number {
  const raw = field(body, 'version');
  return /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}

/**
 * Field errors and the page status for the DomainErrors a form may meet: the form is shown again with 422 whatever the
 * cause (docs/ui.md, « Errors »), the alert marked `refused` so that it takes the focus; anything else is rethrown.
 */
export function formFailure(e: unknown): { status: number; errors: FieldError[]; alert: { title: string; text: string; refused: true } | null } {
  if (!isFormRefusal(e)) throw e;
  if (e.code === 'VALIDATION_FAILED') return { status: FORM_REFUSED, errors: e.details.errors ?? [], alert: null };
  if (e.code === 'PRECONDITION_FAILED')
    return { status: FORM_REFUSED, errors: [], alert: { title: 'Modification concurrente', text: e.message, refused: true } };
  return { status: FORM_REFUSED, errors: [], alert: { title: 'Action impossible', text: e.message, refused: true } };
}

export function send(reply: FastifyReply, status: number, html: string): void {
  void reply.status(status).type(HTML).send(html);
}

export const euros = (cents: number | null): string => (cents === null ? '—' : formatEuros(cents));
