import type { QuarterForecast } from '../../payments/domain/forecast';
import type { TableSpec } from './table-columns';

const KIND_LABELS: Readonly<Record<string, string>> = { ADVANCE: 'Avance', INTERIM: 'Acompte', BALANCE: 'Solde' };

/** One validated payment, as the accounting system takes it (docs/domain/payments.md). */
export interface PaymentRecord {
  reference: string;
  validatedOn: string;
  kind: 'ADVANCE' | 'INTERIM' | 'BALANCE';
  amountCents: number;
  number: string;
  title: string | null;
  callReference: string;
  beneficiary: string;
  siret: string;
  /** In full: the payment file is the one place where the IBAN is not masked. */
  iban: string;
  bic: string | null;
}

export const PAYMENTS_TABLE: TableSpec<PaymentRecord> = {
  sheetName: 'Paiements',
  columns: [
    { header: 'Référence du paiement', kind: 'text', width: 18 },
    { header: 'Date de validation', kind: 'date', width: 12 },
    { header: 'Type', kind: 'text', width: 10 },
    { header: 'Bénéficiaire', kind: 'text', width: 32 },
    { header: 'SIRET', kind: 'text', width: 16 },
    { header: 'IBAN', kind: 'text', width: 34 },
    { header: 'BIC', kind: 'text', width: 12 },
    { header: 'Montant (€)', kind: 'euros', width: 16 },
    { header: 'Opération', kind: 'text', width: 16 },
    { header: 'Intitulé de l’opération', kind: 'text', width: 40 },
    { header: 'Appel à projets', kind: 'text', width: 18 },
  ],
  toCells: (r) => [
    r.reference,
    r.validatedOn,
    KIND_LABELS[r.kind] ?? r.kind,
    r.beneficiary,
    r.siret,
    r.iban,
    r.bic,
    r.amountCents,
    r.number,
    r.title,
    r.callReference,
  ],
  footer: () => {
    let sum = 0;
    return { add: (r) => (sum += r.amountCents), cells: () => ['Total', null, null, null, null, null, null, sum, null, null, null] };
  },
};

interface BySex {
  total: number;
  women: number | null;
  men: number | null;
  nonBinary: number | null;
}

/** An indicator of one operation (or « Total »): target in force and achieved, by sex (ESF+ Annex I). */
export interface IndicatorRecord {
  number: string;
  code: string;
  label: string;
  target: BySex | null;
  achieved: { total: number; women: number; men: number; nonBinary: number };
}

export const INDICATORS_TABLE: TableSpec<IndicatorRecord> = {
  sheetName: 'Indicateurs',
  columns: [
    { header: 'Opération', kind: 'text', width: 16 },
    { header: 'Indicateur', kind: 'text', width: 10 },
    { header: 'Libellé', kind: 'text', width: 50 },
    { header: 'Cible totale', kind: 'integer', width: 10 },
    { header: 'Cible femmes', kind: 'integer', width: 10 },
    { header: 'Cible hommes', kind: 'integer', width: 10 },
    { header: 'Cible non binaires', kind: 'integer', width: 10 },
    { header: 'Réalisé total', kind: 'integer', width: 10 },
    { header: 'Réalisé femmes', kind: 'integer', width: 10 },
    { header: 'Réalisé hommes', kind: 'integer', width: 10 },
    { header: 'Réalisé non binaires', kind: 'integer', width: 10 },
  ],
  toCells: (r) => [
    r.number,
    r.code,
    r.label,
    r.target?.total ?? null,
    r.target?.women ?? null,
    r.target?.men ?? null,
    r.target?.nonBinary ?? null,
    r.achieved.total,
    r.achieved.women,
    r.achieved.men,
    r.achieved.nonBinary,
  ],
};

export const FORECAST_TABLE: TableSpec<QuarterForecast> = {
  sheetName: 'Prévision',
  columns: [
    { header: 'Trimestre', kind: 'text', width: 10 },
    { header: 'Opérations concernées', kind: 'integer', width: 12 },
    { header: 'Paiements prévus (€)', kind: 'euros', width: 18 },
  ],
  toCells: (r) => [r.quarter, r.operations, r.amountCents],
  footer: () => {
    let sum = 0;
    return { add: (r) => (sum += r.amountCents), cells: () => ['Total', null, sum] };
  },
};
