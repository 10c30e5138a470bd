import { formatEuros, formatRate } from '../../../common/money/cents';
import { calendarDate } from '../../documents/render/fill';
import type { LayoutModel } from '../../documents/render/layout-model';
import { frenchDateTime } from '../../../common/fr';

/** The frozen report as the submission stored it (schemaVersion 1); the PDF states exactly that. */
export interface ReportSnapshot {
  reportId: string;
  number: string | null;
  title: string | null;
  seq: number;
  kind: 'INTERMEDIATE' | 'FINAL';
  period: { start: string; end: string };
  dueDate: string;
  submittedAt: string;
  achievements: { done?: string; results?: string; difficulties?: string };
  resources: { type: string; funderName: string | null; amountCents: number; receivedOn: string | null }[];
  plan: { versionNo: number; costOption: string; flatRateBp: number | null; totalEligibleCents: number; euCents: number };
  toleranceBp: number;
  statement: {
    categories: { category: string; plannedCents: number; declaredCents: number; varianceBp: number | null; flagged: boolean }[];
    directCents: number;
    flatRateCents: number;
    totalCents: number;
    plannedTotalCents: number;
  };
  lines: {
    category: string;
    label: string;
    supplier: string;
    documentRef: string;
    incurredOn: string;
    paidOn: string | null;
    eligibleCents: number;
    files: { originalName: string; sha256: string }[];
  }[];
  indicators: { code: string; label: string; value: { total: number; women: number; men: number; nonBinary: number }; target: { total: number } | null }[];
}

const CATEGORY: Record<string, string> = {
  STAFF: 'Frais de personnel',
  OTHER_DIRECT: 'Autres coûts directs',
  EXTERNAL_SERVICES: 'Prestations externes',
  PARTICIPANTS: 'Dépenses liées aux participants',
  IN_KIND: 'Contributions en nature',
  FLAT_RATE: 'Coûts forfaitaires (calculés)',
};
const RESOURCE: Record<string, string> = {
  PUBLIC: 'Autre financement public',
  PRIVATE: 'Financement privé',
  SELF: 'Autofinancement',
  REVENUE: 'Recettes',
  IN_KIND: 'Contributions en nature',
};

const variance = (bp: number | null): string => (bp === null ? '—' : `${bp > 0 ? '+' : bp < 0 ? '−' : ''}${formatRate(Math.abs(bp))}`);

/** « Bilan d'exécution » (docs/domain/execution.md): achievements, expenditure summary beside the plan, files' SHA-256, indicators. */
export function executionReportLayout(s: ReportSnapshot, operatorName: string, organisationName: string): LayoutModel {
  const kind = s.kind === 'FINAL' ? 'Bilan final' : `Bilan intermédiaire n° ${s.seq}`;
  const files = s.lines.flatMap((l) => l.files.map((f) => [l.documentRef, f.originalName, f.sha256]));
  return {
    title: "Bilan d'exécution",
    subtitle: `${kind} — dossier ${s.number ?? ''}`,
    issuer: operatorName,
    reference: `${s.number ?? ''} — bilan ${s.seq}`,
    footer: `Bilan d'exécution ${s.number ?? ''} — ${kind} — déposé le ${frenchDateTime(new Date(s.submittedAt))}`,
    blocks: [
      {
        kind: 'keyValues',
        rows: [
          ['Bénéficiaire', organisationName],
          ['Opération', s.title ?? ''],
          ['Dossier', s.number ?? ''],
          ['Bilan', kind],
          ['Période couverte', `du ${calendarDate(s.period.start)} au ${calendarDate(s.period.end)}`],
          ['Échéance', calendarDate(s.dueDate)],
          ['Déposé le', frenchDateTime(new Date(s.submittedAt))],
        ],
      },
      { kind: 'heading', text: 'Réalisations' },
      { kind: 'paragraph', text: s.achievements.done?.trim() || '—' },
      { kind: 'heading', text: 'Résultats' },
      { kind: 'paragraph', text: s.achievements.results?.trim() || '—' },
      { kind: 'heading', text: 'Difficultés rencontrées' },
      { kind: 'paragraph', text: s.achievements.difficulties?.trim() || '—' },
      { kind: 'heading', text: 'État récapitulatif des dépenses' },
      {
        kind: 'paragraph',
        text: `Comparaison avec le plan de financement en vigueur (version ${s.plan.versionNo}). Les écarts au-delà de la tolérance de l'appel (${formatRate(s.toleranceBp)} de la catégorie) sont signalés ; ils seront examinés lors de la vérification.`,
      },
      {
        kind: 'table',
        columns: [
          { label: 'Catégorie', align: 'left', width: 5 },
          { label: 'Prévu', align: 'right', width: 3 },
          { label: 'Déclaré', align: 'right', width: 3 },
          { label: 'Écart', align: 'right', width: 2 },
          { label: 'Signalé', align: 'left', width: 2 },
        ],
        rows: s.statement.categories.map((c) => [
          CATEGORY[c.category] ?? c.category,
          formatEuros(c.plannedCents),
          formatEuros(c.declaredCents),
          variance(c.varianceBp),
          c.flagged ? 'Oui' : 'Non',
        ]),
        footer: ['Total éligible', formatEuros(s.statement.plannedTotalCents), formatEuros(s.statement.totalCents), '', ''],
      },
      { kind: 'heading', text: 'Dépenses déclarées' },
      {
        kind: 'table',
        columns: [
          { label: 'Date', align: 'left', width: 2 },
          { label: 'Catégorie', align: 'left', width: 3 },
          { label: 'Fournisseur ou personne', align: 'left', width: 4 },
          { label: 'Pièce', align: 'left', width: 2 },
          { label: 'Montant retenu', align: 'right', width: 3 },
        ],
        rows: s.lines.map((l) => [calendarDate(l.incurredOn), CATEGORY[l.category] ?? l.category, l.supplier, l.documentRef, formatEuros(l.eligibleCents)]),
        footer: ['', '', '', 'Coûts directs', formatEuros(s.statement.directCents)],
      },
      { kind: 'heading', text: 'Pièces justificatives (empreintes SHA-256)' },
      files.length
        ? {
            kind: 'table',
            columns: [
              { label: 'Pièce', align: 'left', width: 2 },
              { label: 'Fichier', align: 'left', width: 4 },
              { label: 'SHA-256', align: 'left', width: 8 },
            ],
            rows: files,
          }
        : { kind: 'paragraph', text: 'Aucune pièce.' },
      { kind: 'heading', text: 'Ressources perçues' },
      s.resources.length
        ? {
            kind: 'table',
            columns: [
              { label: 'Type', align: 'left', width: 4 },
              { label: 'Financeur', align: 'left', width: 5 },
              { label: 'Montant', align: 'right', width: 3 },
            ],
            rows: s.resources.map((r) => [RESOURCE[r.type] ?? r.type, r.funderName ?? '', formatEuros(r.amountCents)]),
          }
        : { kind: 'paragraph', text: 'Aucune ressource déclarée.' },
      { kind: 'heading', text: 'Indicateurs FSE+ (annexe I du règlement (UE) 2021/1057)' },
      {
        kind: 'table',
        columns: [
          { label: 'Code', align: 'left', width: 2 },
          { label: 'Indicateur', align: 'left', width: 7 },
          { label: 'Réalisé', align: 'right', width: 2 },
          { label: 'F / H / NB', align: 'right', width: 3 },
          { label: 'Cible', align: 'right', width: 2 },
        ],
        rows: s.indicators.map((i) => [
          i.code,
          i.label,
          String(i.value.total),
          `${i.value.women} / ${i.value.men} / ${i.value.nonBinary}`,
          i.target ? String(i.target.total) : '—',
        ]),
      },
      {
        kind: 'paragraph',
        text: 'Les données individuelles des participants ne figurent pas dans ce document : elles sont tenues par le bénéficiaire et transmises sous identifiant pseudonyme.',
      },
    ],
  };
}
