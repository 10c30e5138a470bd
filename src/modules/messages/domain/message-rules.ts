/**
 * Two-way messages on a dossier (docs/domain/messages.md): who may read and write a thread, and what a message is.
 * Pure rules; the service gives them the facts.
 */
export type MessageSide = 'STAFF' | 'APPLICANT';

export const SUBJECT_MAX = 200;
/** The form is multipart (one attachment): its text fields are bounded by the multipart field limit (4 KiB). */
export const BODY_MAX = 2000;

export interface ThreadViewer {
  roles: readonly string[];
  userId: string;
  /** Member of the organisation that carries the dossier. */
  member: boolean;
}

export interface ThreadAccess {
  side: MessageSide;
  /** May write on the thread (then `cannotWrite` says whether now). */
  writer: boolean;
}

/**
 * How a person reaches the thread, or null (then the dossier is « not found » to them). The members of the dossier's
 * organisation read and answer. On the intermediate body's side, everyone who instructs reads the thread (as the
 * instruction page already shows the dossier's messages), but only the instructor the dossier is assigned to, and
 * the programme managers and administrators who supervise instruction, write. Evaluators and the managing authority
 * have no access to the exchanges.
 */
export function threadAccess(viewer: ThreadViewer, dossier: { instructorId: string | null }): ThreadAccess | null {
  if (viewer.member && viewer.roles.includes('APPLICANT')) return { side: 'APPLICANT', writer: true };
  if (viewer.roles.includes('PROGRAMME_MANAGER') || viewer.roles.includes('ADMINISTRATOR')) return { side: 'STAFF', writer: true };
  if (viewer.roles.includes('INSTRUCTOR')) return { side: 'STAFF', writer: dossier.instructorId === viewer.userId };
  return null;
}

/** Why this person cannot write now, in French, or null. The applicant answers; the intermediate body opens. */
export function cannotWrite(access: ThreadAccess, facts: { submitted: boolean; staffHasWritten: boolean }): string | null {
  if (!facts.submitted) return 'Les messages s’échangent une fois le dossier déposé.';
  if (!access.writer)
    return 'Seul l’instructeur affecté au dossier, un gestionnaire ou un administrateur écrit au porteur de projet : affectez-vous le dossier pour lui écrire.';
  if (access.side === 'APPLICANT' && !facts.staffHasWritten) return 'Vous pourrez répondre ici dès que le service instructeur vous aura écrit.';
  return null;
}

export interface MessageInput {
  subject: string;
  body: string;
}

export interface MessageProblem {
  path: 'subject' | 'body';
  code: 'REQUIRED' | 'TOO_LONG';
  message: string;
}

/** What is wrong with a message; staff give a subject, an applicant's answer takes the subject of the thread. */
export function messageProblems(side: MessageSide, m: MessageInput): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const subject = m.subject.trim();
  const body = m.body.trim();
  if (side === 'STAFF' && !subject) problems.push({ path: 'subject', code: 'REQUIRED', message: 'Saisissez l’objet du message.' });
  if ([...subject].length > SUBJECT_MAX) problems.push({ path: 'subject', code: 'TOO_LONG', message: `L’objet compte au plus ${SUBJECT_MAX} caractères.` });
  if (!body) problems.push({ path: 'body', code: 'REQUIRED', message: 'Saisissez le texte du message.' });
  if ([...body].length > BODY_MAX)
    problems.push({ path: 'body', code: 'TOO_LONG', message: `Le message compte au plus ${BODY_MAX} caractères (${[...body].length} saisis).` });
  return problems;
}

/** The subject of an applicant's answer: that of the latest message from the intermediate body. */
export function replySubject(lastStaffSubject: string | undefined): string {
  const base = (lastStaffSubject ?? 'Votre dossier').replace(/^(Réponse : )+/, '');
  return `Réponse : ${base}`.slice(0, SUBJECT_MAX);
}
