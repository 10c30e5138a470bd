/**
 * What a person may choose not to receive by mail (docs/domain/notifications.md). Whatever the choice, the message is
 * kept and shown in the in-app inbox. Account mails (confirmation, password reset, invitations) are always sent and
 * never listed in the inbox: they carry single-use links meant for the mailbox only.
 */
export type NotificationCategory = 'DOSSIER' | 'REMINDER';

export const NOTIFICATION_CATEGORIES: readonly { category: NotificationCategory; label: string; hint: string }[] = [
  {
    category: 'DOSSIER',
    label: 'Suivi de mes dossiers',
    hint: 'Accusé de dépôt, demande de compléments, messages du service instructeur, décisions, convention à signer, corrections proposées, paiements, reversements',
  },
  {
    category: 'REMINDER',
    label: 'Rappels d’échéance',
    hint: 'Compléments à fournir, rapport d’exécution à remettre, réponse à une proposition de montant réduit, convention à signer, observations sur les corrections',
  },
];

const CATEGORY_OF_TEMPLATE: Readonly<Record<string, NotificationCategory>> = {
  'application-submitted': 'DOSSIER',
  'complements-requested': 'DOSSIER',
  decision: 'DOSSIER',
  'convention-ready': 'DOSSIER',
  'verification-corrections': 'DOSSIER',
  'payment-made': 'DOSSIER',
  'recovery-order': 'DOSSIER',
  'dossier-message': 'DOSSIER',
  'complements-reminder': 'REMINDER',
  'report-reminder': 'REMINDER',
  'signature-reminder': 'REMINDER',
  'award-answer-reminder': 'REMINDER',
  'contradictory-reminder': 'REMINDER',
  'payment-clock-reminder': 'REMINDER',
};

/** The category of a mail template, or null for an account mail (always sent, never in the inbox). */
export function categoryOf(template: string): NotificationCategory | null {
  return CATEGORY_OF_TEMPLATE[template] ?? null;
}

/** The templates the inbox lists. */
export const INBOX_TEMPLATES: readonly string[] = Object.keys(CATEGORY_OF_TEMPLATE);
