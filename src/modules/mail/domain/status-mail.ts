/** The mail an applicant's organisation receives when its dossier reaches a status (docs/domain/notifications.md). */
export interface StatusMail {
  readonly template: 'application-submitted' | 'complements-requested' | 'decision' | 'convention-ready';
  readonly decisionLabel?: string;
  readonly decisionText?: string;
}

const DECISIONS: Readonly<Record<string, StatusMail>> = {
  INADMISSIBLE: {
    template: 'decision',
    decisionLabel: 'dossier irrecevable',
    decisionText: "Le dossier ne remplit pas les conditions de recevabilité de l'appel à projets.",
  },
  PROGRAMMED: {
    template: 'decision',
    decisionLabel: 'avis favorable du comité de programmation',
    decisionText:
      "Le comité de programmation a donné un avis favorable. La convention attributive vous sera proposée à la signature ; aucune dépense engagée avant la date de début d'éligibilité n'est garantie.",
  },
  AWARD_PROPOSED: {
    template: 'decision',
    decisionLabel: 'avis favorable avec un montant FSE+ réduit, à accepter',
    decisionText:
      "Le comité de programmation a donné un avis favorable avec un montant FSE+ inférieur à celui demandé. C'est une proposition : acceptez-la avec un plan de financement révisé, ou refusez-la (ce qui vaut renonciation), depuis la page du dossier, dans les 30 jours. La convention attributive ne sera établie qu'après votre acceptation.",
  },
  REFUSED: {
    template: 'decision',
    decisionLabel: 'avis défavorable du comité de programmation',
    decisionText: "Le comité de programmation n'a pas retenu le dossier.",
  },
  POSTPONED: {
    template: 'decision',
    decisionLabel: 'dossier ajourné',
    decisionText: 'Le comité de programmation a ajourné le dossier : le service instructeur vous indiquera ce qui est attendu avant un prochain comité.',
  },
};

/**
 * Which transitions concern the applicant by mail. A resubmission after complements is a deposit too. Statuses only
 * internal to instruction (ADMISSIBLE, UNDER_INSTRUCTION, INSTRUCTED, …) send nothing: the applicant is told of
 * decisions, not of the service's working steps.
 */
export function statusMail(to: string): StatusMail | undefined {
  if (to === 'SUBMITTED') return { template: 'application-submitted' };
  if (to === 'INCOMPLETE') return { template: 'complements-requested' };
  if (to === 'CONVENTION_ISSUED') return { template: 'convention-ready' };
  return DECISIONS[to];
}
