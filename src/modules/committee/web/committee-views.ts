import { formatEuros, formatRate } from '../../../common/money/cents';
import { APPLICATION_STATUS_LABELS, isApplicationStatus } from '../../applications/domain/application-status';
import type { AuthContext } from '../../auth/auth-context';
import type { SessionDetail } from '../committee-view.service';
import { OUTCOME_LABELS, REASON_LABELS, type DecisionOutcome, type RefusalReason } from '../domain/decision';
import { MEMBER_ROLE_LABELS, SESSION_STATUS_LABELS, type MemberRole, type SessionStatus } from '../domain/session';
import { frenchDateTime } from '../../../common/fr';
import { layoutContext } from '../../web/page-kit';
import type { GeneratedDocumentItem } from '../../documents/generated-documents.view';

const RANKING_LABELS: Record<string, string> = { FUNDED: 'Financé', RESERVE: 'Réserve', BELOW_THRESHOLD: 'Sous le seuil', INELIGIBLE: 'Inéligible' };
const RANKING_BADGES: Record<string, string> = {
  FUNDED: 'fr-badge--success',
  RESERVE: 'fr-badge--info',
  BELOW_THRESHOLD: 'fr-badge--warning',
  INELIGIBLE: 'fr-badge--error',
};
const OUTCOME_BADGES: Record<string, string> = { FAVORABLE: 'fr-badge--success', DEFAVORABLE: 'fr-badge--error', POSTPONED: 'fr-badge--warning' };

/** Layout context of the committee pages (nav, user, CSRF token). */
export function committeeLayout(auth: AuthContext, current: string): Record<string, unknown> {
  const nav = [
    { href: '/accueil', label: 'Accueil' },
    { href: '/comite', label: 'Comités de programmation' },
  ];
  if (auth.user.roles.includes('PROGRAMME_MANAGER')) nav.push({ href: '/gestion/appels', label: 'Gestion des appels' });
  return {
    ...layoutContext(auth),
    nav: nav.map((n) => ({ ...n, current: n.href === current })),
  };
}

export function sessionStatusLabel(status: string): string {
  return SESSION_STATUS_LABELS[status as SessionStatus] ?? status;
}

/** Everything the session page shows, as display strings. */
export function sessionPageModel(d: SessionDetail, viewerId: string) {
  const names = new Map(d.members.map((m) => [m.userId, m.displayName]));
  const items = d.items.map((i) => ({
    ...i,
    statusLabel: isApplicationStatus(i.applicationStatus) ? APPLICATION_STATUS_LABELS[i.applicationStatus] : i.applicationStatus,
    rankingLabel: i.rankingStatus ? (RANKING_LABELS[i.rankingStatus] ?? i.rankingStatus) : '—',
    rankingBadge: i.rankingStatus ? (RANKING_BADGES[i.rankingStatus] ?? '') : '',
    amount: formatEuros(i.euCents),
    ineligible: i.rankingStatus === 'INELIGIBLE',
    fundingLineBelow: d.fundingLineAfterPosition !== null && i.position === d.fundingLineAfterPosition,
    recusalNames: i.recusals.map((r) => `${names.get(r.userId) ?? r.userId} (${r.kind === 'AUTOMATIC' ? 'automatique' : 'déclaré'})`),
    quorumLabel: `${i.quorum.voting} délibérant(s) sur ${i.quorum.required} requis`,
    decisionView: i.decision
      ? {
          label: OUTCOME_LABELS[i.decision.outcome as DecisionOutcome] ?? i.decision.outcome,
          badge: OUTCOME_BADGES[i.decision.outcome] ?? '',
          amount: i.decision.euCents !== null ? formatEuros(i.decision.euCents) : null,
          reduced: i.decision.euCents !== null && i.decision.euCents < i.euCents,
          reasonLabel: i.decision.reasonCode ? (REASON_LABELS[i.decision.reasonCode as RefusalReason] ?? i.decision.reasonCode) : null,
          text: i.decision.conditions ?? i.decision.reason ?? i.decision.requests,
        }
      : null,
    // Members declare their own conflicts; managers may record anyone's.
    voterOptions: d.members
      .filter((m) => !i.recusals.some((r) => r.userId === m.userId) && (d.can.manage || m.userId === viewerId))
      .map((m) => ({ value: m.userId, text: m.displayName })),
  }));
  const byId = new Map(items.map((i) => [i.applicationId, i]));
  return {
    s: {
      ...d,
      statusLabel: sessionStatusLabel(d.status),
      scheduled: frenchDateTime(new Date(d.scheduledAt)),
      members: d.members.map((m) => ({ ...m, roleLabel: MEMBER_ROLE_LABELS[m.role as MemberRole] ?? m.role })),
    },
    items,
    pending: items.filter((i) => !i.decision),
    envelope: {
      ...d.envelope,
      total: formatEuros(d.envelope.envelopeCents),
      consumed: formatEuros(d.envelope.consumedCents),
      remaining: formatEuros(d.envelope.remainingCents),
      rate: formatRate(d.envelope.consumedBp),
    },
    offer: {
      available: formatEuros(d.reserveOffer.availableCents),
      items: d.reserveOffer.offers.map((o) => ({
        ...o,
        amount: formatEuros(o.euCents),
        number: byId.get(o.applicationId)?.number,
        title: byId.get(o.applicationId)?.title,
      })),
    },
    // The decision form's branches (docs/domain/committee.md): each radio names the panels it shows (aria-controls).
    outcomes: [
      { value: 'FAVORABLE', label: 'Avis favorable au montant retenu', panels: ['conditions'] },
      { value: 'FAVORABLE_REDUCED', label: 'Avis favorable avec un montant FSE+ réduit', panels: ['montant', 'conditions'] },
      { value: 'DEFAVORABLE', label: OUTCOME_LABELS.DEFAVORABLE, panels: ['refus'] },
      { value: 'POSTPONED', label: OUTCOME_LABELS.POSTPONED, panels: ['ajournement'] },
    ],
    reasons: Object.entries(REASON_LABELS).map(([value, label]) => ({ value, label })),
  };
}

/** The minutes of a session as its page shows them: the latest version, and the last ready one while a new one is produced. */
export interface MinutesView {
  latest: GeneratedDocumentItem;
  /** While the latest is pending or failed: the previous version that can be downloaded, if any. */
  previousReady: GeneratedDocumentItem | null;
}

/**
 * The « Procès-verbal » block (issue 14, point 12): pending only while the latest minutes are produced, then the
 * download link, or the failure with its reason. Null when the session has no minutes this person may read.
 */
export function minutesView(documents: readonly GeneratedDocumentItem[]): MinutesView | null {
  const byVersion = [...documents].sort((a, b) => b.version - a.version);
  const [latest, ...older] = byVersion;
  if (!latest) return null;
  return { latest, previousReady: latest.status === 'READY' ? null : (older.find((d) => d.status === 'READY') ?? null) };
}
