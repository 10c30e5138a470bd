import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';
import type { ApplicantTodo } from '../../applications/applicant-home.reader';
import type { CallToPrepare } from '../../calls/calls-home.reader';
import type { SessionToPrepare } from '../../committee/committee-home.reader';
import type { InstructorLoad } from '../../instruction/instruction-home.reader';
import type { UnreadRow } from '../../messages/dossier-messages.service';
import type { ServiceStatus } from '../../administration/service-status.service';

/** The link to the item when the list holds exactly one, else to the list. */
function linkTo<T>(items: readonly T[], itemHref: (item: T) => string, listHref: string): string {
  const [item] = items;
  return item !== undefined && items.length === 1 ? itemHref(item) : listHref;
}

/** One thing to do on a home page: how many, what it is, where to do it (issue 14, point 9). */
export interface HomeTask {
  count: number;
  label: string;
  href: string;
  /** A line under the count: the nearest due date, the dossiers concerned. */
  detail?: string;
  /** Shown as a warning (something is wrong or overdue). */
  alert?: boolean;
}

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
const dossierName = (d: { number: string | null; title: string | null }) => d.number ?? d.title ?? 'Dossier sans titre';

export function applicantTasks(todo: { drafts: ApplicantTodo[]; complements: ApplicantTodo[]; submitted: number }, unread: UnreadRow[]): HomeTask[] {
  const complementDue = todo.complements
    .map((c) => c.due)
    .filter((d): d is string => typeof d === 'string')
    .sort()[0];
  const nextClose = todo.drafts
    .map((d) => (d.due ? new Date(d.due) : null))
    .filter((d): d is Date => !!d)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const unreadCount = unread.reduce((n, r) => n + r.unread, 0);
  return [
    {
      count: todo.complements.length,
      label: plural(todo.complements.length, 'dossier à compléter (demande de compléments)', 'dossiers à compléter (demandes de compléments)'),
      href: linkTo(todo.complements, (item) => `/dossiers/${item.id}`, '/dossiers'),
      detail: complementDue ? `Avant le ${frenchCalendarDate(complementDue)}` : undefined,
      alert: todo.complements.length > 0,
    },
    {
      count: unreadCount,
      label: plural(unreadCount, 'message non lu du service instructeur', 'messages non lus du service instructeur'),
      href: unread[0] ? `/dossiers/${unread[0].applicationId}/messages` : '/dossiers',
      detail: unread.length ? unread.map(dossierName).join(', ') : undefined,
    },
    {
      count: todo.drafts.length,
      label: plural(todo.drafts.length, 'brouillon à terminer et déposer', 'brouillons à terminer et déposer'),
      href: linkTo(todo.drafts, (item) => `/dossiers/${item.id}`, '/dossiers'),
      detail: nextClose ? `Clôture de l’appel le plus proche : ${frenchDateTime(nextClose)}` : undefined,
    },
    { count: todo.submitted, label: plural(todo.submitted, 'dossier déposé en cours de suivi', 'dossiers déposés en cours de suivi'), href: '/dossiers' },
  ];
}

const STEP_LABELS = {
  SUBMITTED: 'recevabilité à vérifier',
  ADMISSIBLE: 'éligibilité à vérifier',
  UNDER_INSTRUCTION: 'rapport d’instruction à rédiger',
} as const;

export function instructorTasks(loads: InstructorLoad[], me: string, unread: UnreadRow[]) {
  const mine = loads.find((l) => l.instructorId === me);
  const unassigned = loads.find((l) => l.instructorId === null);
  const total = (l: InstructorLoad | undefined) => (l ? l.counts.SUBMITTED + l.counts.ADMISSIBLE + l.counts.UNDER_INSTRUCTION : 0);
  const unreadCount = unread.reduce((n, r) => n + r.unread, 0);
  const tasks: HomeTask[] = [
    ...(Object.keys(STEP_LABELS) as (keyof typeof STEP_LABELS)[]).map((step) => ({
      count: mine?.counts[step] ?? 0,
      label: `${plural(mine?.counts[step] ?? 0, 'dossier affecté', 'dossiers affectés')} : ${STEP_LABELS[step]}`,
      href: '/instruction',
    })),
    {
      count: total(unassigned),
      label: plural(total(unassigned), 'dossier sans instructeur', 'dossiers sans instructeur'),
      href: '/instruction',
      alert: total(unassigned) > 0,
    },
    {
      count: unreadCount,
      label: plural(unreadCount, 'réponse non lue d’un porteur de projet', 'réponses non lues de porteurs de projet'),
      href: unread[0] ? `/instruction/dossiers/${unread[0].applicationId}/messages` : '/instruction',
      detail: unread.length ? unread.map(dossierName).join(', ') : undefined,
    },
  ];
  return {
    tasks,
    workload: {
      headers: ['Instructeur', 'Recevabilité', 'Éligibilité', 'Rapport', 'Total'],
      rows: loads.map((l) => [
        l.displayName ?? 'Non affectés',
        String(l.counts.SUBMITTED),
        String(l.counts.ADMISSIBLE),
        String(l.counts.UNDER_INSTRUCTION),
        String(total(l)),
      ]),
    },
  };
}

export function evaluatorTasks(todo: { declarations: number; sheets: number; consensus: number }): HomeTask[] {
  return [
    {
      count: todo.declarations,
      label: plural(todo.declarations, 'déclaration d’intérêts à faire', 'déclarations d’intérêts à faire'),
      href: '/evaluation',
      alert: todo.declarations > 0,
    },
    {
      count: todo.sheets,
      label: plural(todo.sheets, 'grille de notation à remplir et soumettre', 'grilles de notation à remplir et soumettre'),
      href: '/evaluation',
    },
    {
      count: todo.consensus,
      label: plural(todo.consensus, 'consensus à établir comme rapporteur', 'consensus à établir comme rapporteur'),
      href: '/evaluation',
    },
  ];
}

export function managerTasks(calls: { drafts: CallToPrepare[]; published: CallToPrepare[] }, sessions: SessionToPrepare[]): HomeTask[] {
  const planned = sessions.filter((s) => s.status === 'PLANNED');
  const open = sessions.filter((s) => s.status === 'OPEN');
  const pending = open.reduce((n, s) => n + s.pending, 0);
  return [
    {
      count: calls.drafts.length,
      label: plural(calls.drafts.length, 'appel en préparation (brouillon)', 'appels en préparation (brouillons)'),
      href: '/gestion/appels',
      detail: calls.drafts.map((c) => c.reference).join(', ') || undefined,
    },
    {
      count: calls.published.length,
      label: plural(calls.published.length, 'appel publié : comité d’évaluation et classement', 'appels publiés : comités d’évaluation et classements'),
      href: '/gestion/appels',
      detail: calls.published.map((c) => c.reference).join(', ') || undefined,
    },
    {
      count: planned.length,
      label: plural(planned.length, 'séance de comité à préparer', 'séances de comité à préparer'),
      href: linkTo(planned, (item) => `/comite/seances/${item.id}`, '/comite'),
      detail: planned[0] ? `Prochaine : ${planned[0].title}, ${frenchDateTime(new Date(planned[0].scheduledAt))}` : undefined,
    },
    {
      count: pending,
      label: plural(pending, 'décision à prendre en séance ouverte', 'décisions à prendre en séances ouvertes'),
      href: linkTo(open, (item) => `/comite/seances/${item.id}`, '/comite'),
    },
  ];
}

export function administratorTasks(
  accounts: { activeStaff: number; inactive: number; neverSignedIn: number },
  status: ServiceStatus,
  failing: number,
): { tasks: HomeTask[]; health: { label: string; ok: boolean; text: string }[] } {
  return {
    tasks: [
      { count: accounts.activeStaff, label: plural(accounts.activeStaff, 'compte agent actif', 'comptes agents actifs'), href: '/administration/comptes' },
      {
        count: accounts.neverSignedIn,
        label: plural(accounts.neverSignedIn, 'agent jamais connecté', 'agents jamais connectés'),
        href: '/administration/comptes',
      },
      { count: accounts.inactive, label: plural(accounts.inactive, 'compte désactivé', 'comptes désactivés'), href: '/administration/comptes' },
      { count: failing, label: plural(failing, 'tâche en échec', 'tâches en échec'), href: '/administration/taches', alert: failing > 0 },
    ],
    health: [
      { label: 'Base de données', ok: status.database.status === 'up', text: status.database.status === 'up' ? 'Disponible' : 'Indisponible' },
      { label: 'Redis', ok: status.redis.status === 'up', text: status.redis.status === 'up' ? 'Disponible' : 'Indisponible' },
      {
        label: 'Boîte d’envoi',
        ok: !!status.outbox && status.outbox.lagSeconds < 300,
        text: status.outbox ? `${status.outbox.pending} en attente, retard ${status.outbox.lagSeconds} s` : 'Inconnue',
      },
    ],
  };
}
