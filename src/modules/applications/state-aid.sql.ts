import type { StateAidDeclaration } from '../cofinancing/domain/state-aid';
/**
 * The State aid declaration of a dossier ($1 = application id), for the modules that print or check it (documents,
 * instruction) without reaching into this module's repository. docs/domain/state-aid.md.
 */
export const STATE_AID_SQL = `
  SELECT regime, justification, gber_article AS "gberArticle", reference, de_minimis_received_cents::text AS "deMinimisReceivedCents"
    FROM application_state_aid WHERE application_id = $1`;

/** A row of {@link STATE_AID_SQL}: the de minimis amount as bigint text, decoded with toCents by the reader. */
export type StateAidRow = Omit<StateAidDeclaration, 'deMinimisReceivedCents'> & { deMinimisReceivedCents: string | null };
