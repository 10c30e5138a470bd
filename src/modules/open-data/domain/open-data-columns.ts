import { escapeFormula } from '../../reports/domain/formula-escape';
import type { PublishedOperation } from '../../catalogue/domain/published-operation';

/** Table Schema field types used here (https://specs.frictionlessdata.io/table-schema/). */
type FieldType = 'string' | 'number' | 'integer' | 'date' | 'boolean';

export interface OpenDataColumn {
  /** Stable column name: never renamed once published (re-users depend on it). */
  name: string;
  type: FieldType;
  title: string;
  description: string;
  required?: boolean;
  example?: string;
  value: (op: PublishedOperation) => string | number | boolean | null;
}

/** Cents → euros with two decimals and a dot ("1234.50"), by integer arithmetic: no float ever holds money. */
export function centsToDecimalEuros(cents: number): string {
  const abs = BigInt(Math.abs(cents));
  return `${cents < 0 ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Basis points → percent with two decimals ("95.00"). */
export function bpToPercent(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/**
 * The list of operations (CPR art. 49(3)) as open data: one column per published field, in a fixed order. The same
 * definitions produce the CSV, the JSON and the Table Schema, so they can never disagree.
 */
export const OPEN_DATA_COLUMNS: readonly OpenDataColumn[] = [
  {
    name: 'code_operation',
    type: 'string',
    title: "Code de l'opération",
    description: "Code unique de l'opération (art. 49, § 3, RPDC).",
    required: true,
    example: 'AAP-2026-000001',
    value: (o) => o.code,
  },
  {
    name: 'nom_operation',
    type: 'string',
    title: "Nom de l'opération",
    description: 'Intitulé du projet (art. 49, § 3, d).',
    required: true,
    value: (o) => o.name,
  },
  {
    name: 'beneficiaire',
    type: 'string',
    title: 'Bénéficiaire',
    description: 'Dénomination de la personne morale bénéficiaire (art. 49, § 3, a).',
    required: true,
    value: (o) => o.beneficiary,
  },
  { name: 'objet', type: 'string', title: 'Objet', description: "Objet de l'opération (art. 49, § 3, e).", value: (o) => o.purpose },
  {
    name: 'participants_prevus',
    type: 'integer',
    title: 'Participants prévus',
    description: "Réalisations attendues : nombre de participants que l'opération prévoit d'accompagner.",
    value: (o) => o.plannedParticipants,
  },
  {
    name: 'participants_accompagnes',
    type: 'integer',
    title: 'Participants accompagnés',
    description: "Réalisations effectives à ce jour : nombre de participants enregistrés dans le suivi de l'opération (art. 49, § 3, e).",
    value: (o) => o.actualParticipants,
  },
  {
    name: 'date_debut',
    type: 'date',
    title: 'Date de début',
    description: "Date de début de l'opération (art. 49, § 3, f), AAAA-MM-JJ.",
    value: (o) => o.startDate,
  },
  {
    name: 'date_fin',
    type: 'date',
    title: 'Date de fin',
    description: 'Date de fin prévue ou effective (art. 49, § 3, g), AAAA-MM-JJ.',
    value: (o) => o.endDate,
  },
  {
    name: 'cout_total_eur',
    type: 'number',
    title: 'Coût total (€)',
    description: 'Coût total éligible retenu, en euros (art. 49, § 3, h).',
    required: true,
    example: '112000.00',
    value: (o) => centsToDecimalEuros(o.totalCostCents),
  },
  {
    name: 'montant_ue_eur',
    type: 'number',
    title: 'Montant FSE+ (€)',
    description: 'Contribution de l’Union programmée, en euros.',
    required: true,
    example: '106400.00',
    value: (o) => centsToDecimalEuros(o.euAmountCents),
  },
  {
    name: 'taux_cofinancement_ue',
    type: 'number',
    title: 'Taux de cofinancement UE (%)',
    description: "Taux de cofinancement de l'Union, en pourcentage arrondi à l'inférieur (art. 49, § 3, k).",
    required: true,
    example: '95.00',
    value: (o) => bpToPercent(o.euRateBp),
  },
  { name: 'fonds', type: 'string', title: 'Fonds', description: 'Fonds concerné (art. 49, § 3, i).', required: true, example: 'FSE+', value: (o) => o.fund },
  {
    name: 'objectif_specifique',
    type: 'string',
    title: 'Objectif spécifique',
    description: 'Code de l’objectif spécifique (art. 49, § 3, j).',
    required: true,
    example: 'ESO4.8',
    value: (o) => o.specificObjective,
  },
  {
    name: 'priorite',
    type: 'integer',
    title: 'Priorité',
    description: 'Priorité du programme national FSE+ 2021-2027.',
    required: true,
    example: '6',
    value: (o) => o.priority,
  },
  {
    name: 'domaine_intervention',
    type: 'string',
    title: "Domaine d'intervention",
    description: "Code du domaine d'intervention (annexe I du RPDC).",
    required: true,
    example: '138',
    value: (o) => o.interventionField,
  },
  {
    name: 'reference_appel',
    type: 'string',
    title: "Référence de l'appel",
    description: "Référence de l'appel à projets.",
    required: true,
    value: (o) => o.callReference,
  },
  {
    name: 'intitule_appel',
    type: 'string',
    title: "Intitulé de l'appel",
    description: "Intitulé de l'appel à projets.",
    required: true,
    value: (o) => o.callTitle,
  },
  {
    name: 'publics_cibles',
    type: 'string',
    title: 'Publics cibles',
    description: 'Publics cibles (libellés séparés par « | »).',
    value: (o) => o.targetPublics.join(' | '),
  },
  {
    name: 'type_operation',
    type: 'string',
    title: "Type d'opération",
    description: "Type d'opération (expérimentation, essaimage, changement d'échelle…).",
    value: (o) => o.operationType,
  },
  {
    name: 'code_departement',
    type: 'string',
    title: 'Code du département',
    description: 'Code INSEE du département de réalisation.',
    example: '69',
    value: (o) => o.departement,
  },
  { name: 'departement', type: 'string', title: 'Département', description: 'Nom du département de réalisation.', value: (o) => o.departementName },
  {
    name: 'code_region',
    type: 'string',
    title: 'Code de la région',
    description: 'Code INSEE de la région de réalisation.',
    example: '84',
    value: (o) => o.region,
  },
  { name: 'region', type: 'string', title: 'Région', description: 'Nom de la région de réalisation.', value: (o) => o.regionName },
  {
    name: 'code_postal',
    type: 'string',
    title: 'Code postal',
    description: "Code postal de l'établissement du bénéficiaire qui porte l'opération (indicateur de localisation, art. 49, § 3).",
    example: '69008',
    value: (o) => o.postalCode,
  },
  {
    name: 'pays',
    type: 'string',
    title: 'Pays',
    description: 'Pays concerné, code ISO 3166-1 alpha-2 (art. 49, § 3).',
    required: true,
    example: 'FR',
    value: (o) => o.country,
  },
  { name: 'lieu', type: 'string', title: 'Lieu', description: 'Lieu de réalisation déclaré (indicateur de localisation).', value: (o) => o.place },
  {
    name: 'statut',
    type: 'string',
    title: 'Statut',
    description: "Étape de l'opération depuis sa programmation.",
    required: true,
    value: (o) => o.statusLabel,
  },
  {
    name: 'date_programmation',
    type: 'date',
    title: 'Date de programmation',
    description: 'Date de la décision favorable du comité de programmation.',
    value: (o) => o.programmedOn,
  },
  {
    name: 'contact_public',
    type: 'string',
    title: 'Contact public',
    description: 'Contact que le bénéficiaire a choisi de publier (facultatif).',
    value: (o) => o.publicContact,
  },
  {
    name: 'date_mise_a_jour',
    type: 'date',
    title: 'Date de dernière mise à jour',
    description: "Date de la dernière mise à jour des données de l'opération (art. 49, § 3), AAAA-MM-JJ.",
    value: (o) => o.lastUpdate,
  },
  {
    name: 'recherche_partenaires',
    type: 'boolean',
    title: 'Recherche de partenaires',
    description: 'Le bénéficiaire cherche des partenaires pour essaimer le projet.',
    required: true,
    value: (o) => o.seeksPartners,
  },
];

/** One CSV row: text cells formula-escaped (a name starting with « = » must not run in a spreadsheet). */
export function csvCells(op: PublishedOperation): string[] {
  return OPEN_DATA_COLUMNS.map((c) => {
    const v = c.value(op);
    if (v === null) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return c.type === 'string' ? escapeFormula(String(v)) : String(v);
  });
}

/** One JSON record, keyed by the same column names; numbers stay exact decimal strings converted once to numbers. */
export function jsonRecord(op: PublishedOperation): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const c of OPEN_DATA_COLUMNS) {
    const v = c.value(op);
    out[c.name] = v !== null && (c.type === 'number' || c.type === 'integer') ? Number(v) : v;
  }
  return out;
}

export const LICENCE = {
  name: 'etalab-2.0',
  title: 'Licence Ouverte / Open Licence version 2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The Table Schema of the file (the format data.gouv.fr and validata use). */
export function tableSchema(): Record<string, unknown> {
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
    name: 'essaim-liste-des-operations',
    title: 'Liste des opérations programmées (art. 49, § 3, du règlement (UE) 2021/1060)',
    description:
      'Opérations sélectionnées au titre de la priorité 6 du programme national FSE+ 2021-2027 : une ligne par opération programmée. Les opérations refusées, retirées ou abandonnées ne figurent jamais dans ce fichier.',
    version: '1.0.0',
    licenses: [LICENCE],
    missingValues: [''],
    primaryKey: 'code_operation',
    fields: OPEN_DATA_COLUMNS.map((c) => ({
      name: c.name,
      type: c.type,
      title: c.title,
      description: c.description,
      ...(c.type === 'date' ? { format: 'default' } : {}),
      ...(c.example ? { example: c.example } : {}),
      constraints: { required: c.required === true, ...(c.name === 'code_operation' ? { unique: true, pattern: '^AAP-\\d{4}-\\d{6}$' } : {}) },
    })),
  };
}
