import { formatEuros, formatRate } from '../../../common/money/cents';
import { frenchDateTime } from '../../../common/fr';
import { calendarDate } from '../../documents/render/fill';
import type { LayoutModel } from '../../documents/render/layout-model';
import { CHECK_RESULT_LABELS, CHECKLIST_ITEMS, CHECKLIST_LABELS, type Checklist } from '../domain/checklist';
import { REASON_LABELS, type ReasonCode, type VerificationOutcome } from '../domain/verification-outcome';
import type { SamplingSettings } from '../verification.repository';

export const CATEGORY_LABELS: Record<string, string> = {
  STAFF: 'Frais de personnel',
  OTHER_DIRECT: 'Autres coûts directs',
  EXTERNAL_SERVICES: 'Prestations externes',
  PARTICIPANTS: 'Dépenses liées aux participants',
  IN_KIND: 'Contributions en nature',
};

export interface VerificationReportData {
  operatorName: string;
  organisationName: string;
  number: string | null;
  title: string | null;
  report: { seq: number; kind: 'INTERMEDIATE' | 'FINAL'; periodStart: string; periodEnd: string; submittedAt: Date };
  seed: string;
  settings: SamplingSettings;
  openedAt: Date;
  finalisedAt: Date;
  finalisedBy: string;
  contradictory: {
    sentAt: Date | null;
    dueDate: string | null;
    answeredAt: Date | null;
    comment: string | null;
    files: { originalName: string; sha256: string }[];
  };
  checklist: Checklist;
  counts: Record<string, { lines: number; exhaustive: number; sampled: number }>;
  checkedLines: {
    lineId: string;
    category: string;
    selection: string;
    declaredCents: number;
    retainedCents: number | null;
    decision: string | null;
    reasonCode: string | null;
    reasonText: string | null;
    comment: string | null;
    supplier: string;
    documentRef: string;
    incurredOn: string;
  }[];
  outcome: VerificationOutcome;
  plan: { costOption: string; flatRateBp: number | null; rateBp: number; euCents: number };
  amountDue: {
    euCeilingCents: number;
    rateBp: number;
    retainedEligibleCents: number;
    otherResourcesCents: number;
    kind: string;
    interimCapBp: number;
    euDueCents: number;
    payableCents: number;
  };
}

const DECISION_LABELS: Record<string, string> = { RETAINED: 'retenue', REDUCED: 'réduite', REJECTED: 'rejetée' };
const cat = (c: string): string => CATEGORY_LABELS[c] ?? c;
const reason = (l: { reasonCode: string | null; reasonText: string | null }): string =>
  l.reasonCode ? `${REASON_LABELS[l.reasonCode as ReasonCode] ?? l.reasonCode}${l.reasonText ? ` : ${l.reasonText}` : ''}` : '';

/**
 * « Rapport de contrôle de service fait » (docs/domain/verification.md, CPR art. 74(1)(a) and 74(2)): the method and
 * seed of the sample so that the audit authority can redo it, every reduced or rejected line with its reason, the
 * extrapolation, the amounts retained by category, the checklist, the contradictory step and the EU amount due.
 */
export function verificationReportLayout(d: VerificationReportData): LayoutModel {
  const kind = d.report.kind === 'FINAL' ? 'Bilan final' : `Bilan intermédiaire n° ${d.report.seq}`;
  const corrected = d.checkedLines.filter((l) => l.decision === 'REDUCED' || l.decision === 'REJECTED');
  const o = d.outcome;
  return {
    title: 'Rapport de contrôle de service fait',
    subtitle: `${kind} — dossier ${d.number ?? ''}`,
    issuer: d.operatorName,
    reference: `${d.number ?? ''} — CSF bilan ${d.report.seq}`,
    footer: `Contrôle de service fait ${d.number ?? ''} — ${kind} — finalisé le ${frenchDateTime(d.finalisedAt)}`,
    blocks: [
      {
        kind: 'keyValues',
        rows: [
          ['Bénéficiaire', d.organisationName],
          ['Opération', d.title ?? ''],
          ['Dossier', d.number ?? ''],
          ['Bilan vérifié', `${kind}, du ${calendarDate(d.report.periodStart)} au ${calendarDate(d.report.periodEnd)}`],
          ['Déposé le', frenchDateTime(d.report.submittedAt)],
          ['Vérification ouverte le', frenchDateTime(d.openedAt)],
          ['Finalisée le', `${frenchDateTime(d.finalisedAt)} par ${d.finalisedBy}`],
        ],
      },
      { kind: 'heading', text: "Méthode d'échantillonnage (art. 74, paragraphe 2, du règlement (UE) 2021/1060)" },
      {
        kind: 'paragraph',
        text:
          `Dans chaque catégorie de coûts, toutes les lignes d'au moins ${formatEuros(d.settings.exhaustiveThresholdCents)} sont contrôlées. ` +
          `Parmi les N autres lignes, n = min(N, max(${d.settings.minSampleSize}, arrondi supérieur de N × ${formatRate(d.settings.sampleRateBp)})) lignes sont tirées : ` +
          `celles dont l'empreinte SHA-256 (hexadécimale, minuscules) de « graine:identifiant de la ligne » est la plus petite. ` +
          `Graine tirée au hasard et conservée : ${d.seed}. Le tirage se refait à l'identique avec ces paramètres.`,
      },
      {
        kind: 'table',
        columns: [
          { label: 'Catégorie', align: 'left', width: 5 },
          { label: 'Lignes', align: 'right', width: 2 },
          { label: 'Au-dessus du seuil', align: 'right', width: 3 },
          { label: 'Échantillon', align: 'right', width: 2 },
        ],
        rows: Object.entries(d.counts).map(([c, n]) => [cat(c), String(n.lines), String(n.exhaustive), String(n.sampled)]),
      },
      { kind: 'heading', text: 'Lignes contrôlées (au-dessus du seuil ou tirées)' },
      {
        kind: 'table',
        columns: [
          { label: 'Catégorie', align: 'left', width: 3 },
          { label: 'Pièce', align: 'left', width: 2 },
          { label: 'Identifiant de la ligne', align: 'left', width: 6 },
          { label: 'Sélection', align: 'left', width: 2 },
          { label: 'Déclaré', align: 'right', width: 2 },
          { label: 'Décision', align: 'left', width: 2 },
        ],
        rows: d.checkedLines.map((l) => [
          cat(l.category),
          l.documentRef,
          l.lineId,
          l.selection === 'EXHAUSTIVE' ? 'seuil' : 'tirage',
          formatEuros(l.declaredCents),
          DECISION_LABELS[l.decision ?? ''] ?? '',
        ]),
      },
      { kind: 'heading', text: 'Lignes réduites ou rejetées' },
      corrected.length
        ? {
            kind: 'table',
            columns: [
              { label: 'Date', align: 'left', width: 2 },
              { label: 'Catégorie', align: 'left', width: 3 },
              { label: 'Fournisseur — pièce', align: 'left', width: 4 },
              { label: 'Déclaré', align: 'right', width: 2 },
              { label: 'Retenu', align: 'right', width: 2 },
              { label: 'Motif', align: 'left', width: 4 },
            ],
            rows: corrected.map((l) => [
              calendarDate(l.incurredOn),
              cat(l.category),
              `${l.supplier} — ${l.documentRef}`,
              formatEuros(l.declaredCents),
              formatEuros(l.retainedCents ?? 0),
              `${reason(l)}${l.comment ? ` (${l.comment})` : ''}`,
            ]),
          }
        : { kind: 'paragraph', text: 'Aucune ligne contrôlée n’a été réduite ni rejetée.' },
      { kind: 'heading', text: "Extrapolation de l'erreur de l'échantillon" },
      {
        kind: 'paragraph',
        text: "Par catégorie : montant extrapolé = arrondi inférieur (rejeté dans l'échantillon × montant non échantillonné ÷ montant échantillonné), 0 sans échantillon ; retenu = déclaré − rejeté dans les lignes contrôlées − extrapolé.",
      },
      {
        kind: 'table',
        columns: [
          { label: 'Catégorie', align: 'left', width: 4 },
          { label: 'Échantillonné', align: 'right', width: 3 },
          { label: 'Rejeté (échantillon)', align: 'right', width: 3 },
          { label: 'Non échantillonné', align: 'right', width: 3 },
          { label: 'Extrapolé', align: 'right', width: 3 },
        ],
        rows: o.categories.map((c) => [
          cat(c.category),
          formatEuros(c.sampledCents),
          formatEuros(c.rejectedInSampleCents),
          formatEuros(c.unsampledCents),
          formatEuros(c.extrapolatedCents),
        ]),
      },
      { kind: 'heading', text: 'Montants retenus par catégorie' },
      {
        kind: 'paragraph',
        text: `Tolérance entre catégories de l'appel : ${formatRate(d.settings.reallocationToleranceBp)} du montant prévu de la catégorie ; au-delà, la dépense n'est pas retenue sans avenant. Les coûts forfaitaires sont recalculés sur les bases retenues (option ${d.plan.costOption}${d.plan.flatRateBp ? `, taux ${formatRate(d.plan.flatRateBp)}` : ''}).`,
      },
      {
        kind: 'table',
        columns: [
          { label: 'Catégorie', align: 'left', width: 4 },
          { label: 'Prévu', align: 'right', width: 3 },
          { label: 'Déclaré', align: 'right', width: 3 },
          { label: 'Rejeté (contrôlé)', align: 'right', width: 3 },
          { label: 'Extrapolé', align: 'right', width: 3 },
          { label: 'Hors tolérance', align: 'right', width: 3 },
          { label: 'Retenu', align: 'right', width: 3 },
        ],
        rows: [
          ...o.categories.map((c) => [
            cat(c.category),
            formatEuros(c.plannedCents),
            formatEuros(c.declaredCents),
            formatEuros(c.rejectedInCheckedCents),
            formatEuros(c.extrapolatedCents),
            formatEuros(c.overToleranceCents),
            formatEuros(c.finalRetainedCents),
          ]),
          ['Coûts forfaitaires (calculés)', '', formatEuros(o.flatRateDeclaredCents), '', '', '', formatEuros(o.flatRateRetainedCents)],
        ],
        footer: ['Total éligible', '', formatEuros(o.declaredCents), '', '', '', formatEuros(o.retainedCents)],
      },
      { kind: 'heading', text: 'Liste de contrôle' },
      {
        kind: 'table',
        columns: [
          { label: 'Point', align: 'left', width: 6 },
          { label: 'Résultat', align: 'left', width: 3 },
          { label: 'Observation', align: 'left', width: 5 },
        ],
        rows: CHECKLIST_ITEMS.map((i) => [CHECKLIST_LABELS[i], CHECK_RESULT_LABELS[d.checklist[i]?.result ?? 'NOT_CHECKED'], d.checklist[i]?.comment ?? '']),
      },
      { kind: 'heading', text: 'Procédure contradictoire' },
      d.contradictory.sentAt
        ? {
            kind: 'keyValues',
            rows: [
              ['Corrections transmises le', frenchDateTime(d.contradictory.sentAt)],
              ['Réponse attendue au plus tard le', d.contradictory.dueDate ? calendarDate(d.contradictory.dueDate) : ''],
              ['Réponse reçue le', d.contradictory.answeredAt ? frenchDateTime(d.contradictory.answeredAt) : 'sans réponse dans le délai'],
              ['Observations du bénéficiaire', d.contradictory.comment || '—'],
              ['Pièces jointes', d.contradictory.files.map((f) => `${f.originalName} (SHA-256 ${f.sha256})`).join(' ; ') || '—'],
            ],
          }
        : { kind: 'paragraph', text: 'Aucune correction proposée : pas de procédure contradictoire.' },
      { kind: 'heading', text: 'Montant dû au titre du FSE+ (cumulé sur l’opération)' },
      {
        kind: 'keyValues',
        rows: [
          ['Dépenses éligibles retenues (cumul)', formatEuros(d.amountDue.retainedEligibleCents)],
          ['Autres ressources déclarées (hors autofinancement)', formatEuros(d.amountDue.otherResourcesCents)],
          ['Taux de cofinancement', formatRate(d.amountDue.rateBp)],
          ['Montant FSE+ programmé (plafond)', formatEuros(d.amountDue.euCeilingCents)],
          ['Montant FSE+ dû', formatEuros(d.amountDue.euDueCents)],
          [
            d.amountDue.kind === 'FINAL'
              ? 'Payable au solde (avant déduction des paiements)'
              : `Payable en acompte (plafond ${formatRate(d.amountDue.interimCapBp)} du programmé, avant déduction des paiements)`,
            formatEuros(d.amountDue.payableCents),
          ],
        ],
      },
      {
        kind: 'paragraph',
        text: 'Montant dû = min(plafond, arrondi inférieur (retenu × taux), retenu − autres ressources). Les paiements déjà effectués sont déduits par l’ordre de paiement.',
      },
    ],
  };
}
