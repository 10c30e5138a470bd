import { formatEuros } from '../../../common/money/cents';
import { frenchCalendarDate } from '../../../common/fr/format';
import { deMinimisCeiling, retentionFor, STATE_AID_REGIME_LABELS, type StateAidDeclaration } from '../../cofinancing/domain/state-aid';

export interface StateAidView {
  declared: boolean;
  regimeLabel: string;
  /** Label/value pairs, in French, of the facts the regime needs. */
  facts: { label: string; value: string }[];
  /** De minimis: the ceiling check with the EU amount; null for other regimes. */
  ceiling: { text: string; exceeded: boolean } | null;
  retention: { basis: string; endText: string };
}

/**
 * The declaration in words for the applicant, the instructor and the convention (docs/domain/state-aid.md): the
 * regime with its legal basis and reference, the de minimis ceiling with the EU amount, the retention end.
 */
export function stateAidView(d: StateAidDeclaration | null, euCents: number, retention: { grantDate: string | null; cpr82End: string | null }): StateAidView {
  if (!d) {
    return {
      declared: false,
      regimeLabel: 'Non déclaré',
      facts: [],
      ceiling: null,
      retention: { basis: "à déterminer selon le régime d'aide d'État déclaré", endText: 'à déterminer' },
    };
  }
  const facts: { label: string; value: string }[] = [];
  if (d.regime === 'NONE') facts.push({ label: "Pourquoi le soutien n'est pas une aide d'État", value: d.justification ?? '' });
  if (d.regime === 'GBER') facts.push({ label: 'Article du règlement (UE) n° 651/2014', value: `article ${d.gberArticle}` });
  if (d.reference) facts.push({ label: d.regime === 'SIEG_DECISION' ? 'Acte de mandatement' : 'Référence du régime', value: d.reference });
  if (d.deMinimisReceivedCents !== null)
    facts.push({ label: 'Aides de minimis reçues sur les trois dernières années', value: formatEuros(d.deMinimisReceivedCents) });
  const c = deMinimisCeiling(d.regime, d.deMinimisReceivedCents, euCents);
  const ceiling = c.applies
    ? {
        exceeded: c.exceeded,
        text: `${formatEuros(c.totalCents)} avec le FSE+ (${formatEuros(euCents)}), pour un plafond de ${formatEuros(c.ceilingCents)} sur trois ans${c.exceeded ? ' : plafond dépassé' : ''}`,
      }
    : null;
  const r = retentionFor(d.regime, retention.grantDate, retention.cpr82End);
  const endText = r.endDate
    ? `jusqu'au ${frenchCalendarDate(r.endDate)}`
    : d.regime === 'NONE' || d.regime === 'SIEG_DECISION'
      ? 'fixée au dernier paiement'
      : "fixée à l'octroi de l'aide (signature de la convention)";
  return { declared: true, regimeLabel: STATE_AID_REGIME_LABELS[d.regime], facts, ceiling, retention: { basis: r.basis, endText } };
}

/** What the convention prints about State aid (docs/domain/state-aid.md); read by the documents module. */
export interface ConventionStateAid {
  /** `NONE` | `DE_MINIMIS` | `GBER` | `SIEG_DECISION` | `SIEG_DE_MINIMIS`, or null when nothing was declared. */
  regime: StateAidDeclaration['regime'] | null;
  /** The regime in French with its legal basis. */
  regimeLabel: string;
  gberArticle: string | null;
  reference: string | null;
  deMinimisReceivedCents: number | null;
  /** The retention rule in words, and its end date (`YYYY-MM-DD`, null until the grant or last payment is known). */
  retentionBasis: string;
  retentionEndDate: string | null;
  /** One French paragraph ready to print in the convention's State aid clause. */
  clause: string;
}

export function conventionStateAid(
  d: StateAidDeclaration | null,
  euCents: number,
  retention: { grantDate: string | null; cpr82End: string | null },
): ConventionStateAid {
  if (!d) {
    return {
      regime: null,
      regimeLabel: 'Non déclaré',
      gberArticle: null,
      reference: null,
      deMinimisReceivedCents: null,
      retentionBasis: retentionFor('NONE', null, retention.cpr82End).basis,
      retentionEndDate: retention.cpr82End,
      clause: "Aucun régime d'aide d'État n'a été déclaré pour l'opération.",
    };
  }
  const r = retentionFor(d.regime, retention.grantDate, retention.cpr82End);
  const keep = `Le bénéficiaire conserve les pièces justificatives pendant ${r.basis}${r.endDate ? `, soit jusqu'au ${frenchCalendarDate(r.endDate)}` : ''}.`;
  let clause: string;
  switch (d.regime) {
    case 'NONE':
      clause = `La subvention ne constitue pas une aide d'État au sens de l'article 107, paragraphe 1, du traité sur le fonctionnement de l'Union européenne : ${d.justification}`;
      break;
    case 'GBER':
      clause = `La subvention est une aide d'État exemptée de notification en application de l'article ${d.gberArticle} du règlement (UE) n° 651/2014 de la Commission du 17 juin 2014, dans le cadre du régime ${d.reference}.`;
      break;
    case 'SIEG_DECISION':
      clause = `La subvention est une compensation de service d'intérêt économique général accordée conformément à la décision 2012/21/UE de la Commission du 20 décembre 2011, au titre de l'acte de mandatement suivant : ${d.reference}.`;
      break;
    default: {
      const reg = d.regime === 'DE_MINIMIS' ? '2023/2831' : '2023/2832';
      clause = `La subvention, d'un montant de ${formatEuros(euCents)} au titre du FSE+, est une aide de minimis accordée en application du règlement (UE) ${reg} de la Commission du 13 décembre 2023 ; le bénéficiaire a déclaré avoir reçu ${formatEuros(d.deMinimisReceivedCents ?? 0)} d'aides de minimis au cours des trois dernières années.`;
    }
  }
  return {
    regime: d.regime,
    regimeLabel: STATE_AID_REGIME_LABELS[d.regime],
    gberArticle: d.gberArticle,
    reference: d.reference,
    deMinimisReceivedCents: d.deMinimisReceivedCents,
    retentionBasis: r.basis,
    retentionEndDate: r.endDate,
    clause: `${clause.trim().replace(/[.;:]?$/, '.')} ${keep}`,
  };
}
