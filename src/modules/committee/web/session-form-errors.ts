/** A dossier's form on the session page (a recusal or a decision) and what was typed in it, to show again when refused. */
export interface ItemForm {
  kind: 'deport' | 'decision';
  applicationId: string;
  typed: Record<string, string>;
}

const DEPORT_IDS: Readonly<Record<string, string>> = { userId: 'deport-membre', reason: 'deport-motif' };
const DECISION_IDS: Readonly<Record<string, string>> = {
  outcome: 'decision-choix',
  euCents: 'decision-montant',
  conditions: 'decision-conditions',
  reasonCode: 'decision-motif-code',
  reason: 'decision-motif',
  requests: 'decision-demandes',
};

/**
 * A service error path → the id of the field in the dossier's form of committee/session.njk (`decision-motif-<id>`);
 * an error on no field of the form points at the form itself.
 */
export function itemFieldId(form: ItemForm, path: string): string {
  const ids = form.kind === 'deport' ? DEPORT_IDS : DECISION_IDS;
  const prefix = ids[path];
  return prefix ? `${prefix}-${form.applicationId}` : `form-${form.kind}-${form.applicationId}`;
}

const SESSION_FIELDS = new Set(['title', 'scheduledAt', 'location', 'quorum', 'members']);

/** A path of the new-session form's errors → its field id (committee/new-session.njk); members[i].… → the members fieldset. */
export function sessionFormFieldId(path: string): string | null {
  const root = /^[a-zA-Z]+/.exec(path)?.[0] ?? '';
  return SESSION_FIELDS.has(root) ? root : path ? 'form-seance' : null;
}
