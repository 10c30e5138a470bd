import type { LayoutModel } from '../../documents/render/layout-model';

/**
 * The information notice a beneficiary hands to each participant (GDPR art. 13, CPR art. 4, ESF+ Annex I): why data
 * is collected, which data, who receives it, how long it is kept, and the participant's rights.
 */
export function participantNoticeLayout(d: { operatorName: string; organisationName: string; operationTitle: string; number: string | null }): LayoutModel {
  return {
    title: 'Notice d’information des participants',
    subtitle: `Opération « ${d.operationTitle} » — dossier ${d.number ?? ''}`,
    issuer: d.operatorName,
    reference: `${d.number ?? ''} — notice participants`,
    footer: `Notice d’information des participants — ${d.organisationName}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Vous participez à une opération cofinancée par l’Union européenne (Fonds social européen plus, FSE+), portée par ${d.organisationName}.`,
      },
      { kind: 'heading', text: 'Pourquoi ces données sont-elles collectées ?' },
      {
        kind: 'paragraph',
        text: 'Le règlement (UE) 2021/1057 (article 17 et annexe I) impose de suivre les participants des opérations du FSE+ : les données servent au suivi, à l’évaluation, aux contrôles et aux rapports transmis à la Commission européenne (règlement (UE) 2021/1060, article 4). La collecte repose sur une obligation légale (RGPD, article 6(1)(c)).',
      },
      { kind: 'heading', text: 'Quelles données ?' },
      {
        kind: 'paragraph',
        text: 'À l’entrée : nom, prénom, date de naissance, sexe, situation sur le marché du travail, niveau d’études. À la sortie : situation dans les quatre semaines (recherche d’emploi, études ou formation, qualification, emploi).',
      },
      {
        kind: 'paragraph',
        text: 'Certaines questions portent sur des situations sensibles (handicap, nationalité d’un pays tiers, origine étrangère, minorité, absence de logement, zone rurale). Vous pouvez toujours répondre « je ne souhaite pas répondre » : cela n’a aucune conséquence sur votre participation.',
      },
      { kind: 'heading', text: 'Qui reçoit ces données ?' },
      {
        kind: 'paragraph',
        text: `${d.organisationName} les enregistre ; ${d.operatorName} (organisme intermédiaire) et ses instructeurs les consultent pour vérifier l’opération. L’autorité de gestion et la Commission reçoivent des données sous un identifiant pseudonyme, jamais votre nom.`,
      },
      { kind: 'heading', text: 'Combien de temps ?' },
      {
        kind: 'paragraph',
        text: 'Les données sont conservées jusqu’à la fin de la période de conservation des pièces de l’opération (règlement (UE) 2021/1060, article 82 : cinq ans à compter du 31 décembre de l’année du dernier paiement), puis supprimées ou anonymisées.',
      },
      { kind: 'heading', text: 'Vos droits' },
      {
        kind: 'paragraph',
        text: `Vous pouvez accéder à vos données, les faire rectifier, et demander la limitation de leur traitement, auprès de ${d.organisationName} ou de ${d.operatorName}. Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).`,
      },
    ],
  };
}
