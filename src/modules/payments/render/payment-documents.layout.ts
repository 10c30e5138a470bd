import { formatEuros } from '../../../common/money/cents';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';
import type { LayoutModel } from '../../documents/render/layout-model';

const KIND: Record<string, string> = { ADVANCE: 'Avance', INTERIM: 'Acompte', BALANCE: 'Solde' };

export interface CertificateData {
  reference: string;
  kind: string;
  amountCents: number;
  euDueCents: number;
  paidBeforeCents: number;
  validatedAt: Date;
  proposedBy: string;
  validatedBy: string;
  number: string | null;
  title: string | null;
  legalName: string;
  siret: string;
  ibanMasked: string;
}

/** Certificat de paiement (docs/domain/payments.md): what is paid, to whom (IBAN masked), who proposed and who validated. */
export function paymentCertificateLayout(d: CertificateData, issuer: string): LayoutModel {
  return {
    title: 'Certificat de paiement',
    subtitle: `${KIND[d.kind] ?? d.kind} — ${d.reference}`,
    issuer,
    reference: d.reference,
    footer: `Certificat de paiement ${d.reference} — opération ${d.number ?? ''}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `L'organisme intermédiaire certifie l'ordre de paiement ci-dessous, validé le ${frenchDateTime(d.validatedAt)}, au titre du Fonds social européen plus (FSE+).`,
      },
      { kind: 'heading', text: 'Opération et bénéficiaire' },
      {
        kind: 'keyValues',
        rows: [
          ['Opération', `${d.number ?? ''} — ${d.title ?? ''}`],
          ['Bénéficiaire', d.legalName],
          ['SIRET', d.siret],
          ['Compte crédité', d.ibanMasked],
        ],
      },
      { kind: 'heading', text: 'Paiement' },
      {
        kind: 'keyValues',
        rows: [
          ['Type', KIND[d.kind] ?? d.kind],
          ['Montant payé', formatEuros(d.amountCents)],
          ['Versé auparavant', formatEuros(d.paidBeforeCents)],
          ...(d.kind === 'ADVANCE' ? [] : ([['Montant FSE+ dû (cumulé)', formatEuros(d.euDueCents)]] as [string, string][])),
        ],
      },
      { kind: 'heading', text: 'Séparation des fonctions (RPDC, annexe XI)' },
      {
        kind: 'keyValues',
        rows: [
          ['Proposé par', d.proposedBy],
          ['Validé par', d.validatedBy],
        ],
      },
    ],
  };
}

export interface RecoveryData {
  reference: string;
  amountCents: number;
  dueDate: string;
  reason: string;
  issuedAt: Date;
  number: string | null;
  title: string | null;
  legalName: string;
  siret: string;
}

/** Ordre de recouvrement: the amount to repay and by when (CPR art. 103 for what is not recovered). */
export function recoveryOrderLayout(d: RecoveryData, issuer: string): LayoutModel {
  return {
    title: 'Ordre de recouvrement',
    subtitle: d.reference,
    issuer,
    reference: d.reference,
    footer: `Ordre de recouvrement ${d.reference} — opération ${d.number ?? ''}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Émis le ${frenchDateTime(d.issuedAt)}. Le bénéficiaire a perçu au titre du FSE+ un montant supérieur au montant dû après vérification du bilan final ; il est invité à rembourser la différence.`,
      },
      {
        kind: 'keyValues',
        rows: [
          ['Opération', `${d.number ?? ''} — ${d.title ?? ''}`],
          ['Bénéficiaire', d.legalName],
          ['SIRET', d.siret],
        ],
      },
      { kind: 'heading', text: 'Montant à rembourser' },
      {
        kind: 'keyValues',
        rows: [
          ['Montant', formatEuros(d.amountCents)],
          ['À rembourser au plus tard le', frenchCalendarDate(d.dueDate)],
          ['Motif', d.reason],
        ],
      },
    ],
  };
}
