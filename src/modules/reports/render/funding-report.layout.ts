import { cents, formatEuros, formatRate, shareBp } from '../../../common/money/cents';
import type { LayoutBlock, LayoutModel } from '../../documents/render/layout-model';
import type { Breakdown, FundingSummary } from './funding-summary';
import { frenchDate } from '../../../common/fr';

export interface FundingReportTexts {
  title: string;
  subtitleCall: string;
  subtitlePriority: string;
  intro: string;
  headings: Record<'summary' | 'byField' | 'byDepartement' | 'byCall', string> & { execution?: string };
  labels: Record<
    | 'envelope'
    | 'programmed'
    | 'remaining'
    | 'consumption'
    | 'operations'
    | 'totalEligible'
    | 'field'
    | 'departement'
    | 'call'
    | 'count'
    | 'cte'
    | 'eu'
    | 'share'
    | 'total'
    | 'chartField'
    | 'chartDepartement'
    | 'none'
    | 'declared'
    | 'verified'
    | 'paid'
    | 'paidShare',
    string
  >;
  fields: Record<string, string>;
  footer: string;
}

export interface FundingReportMeta {
  issuer: string;
  generatedAt: Date;
  scope: { kind: 'CALL'; reference: string; title: string } | { kind: 'PRIORITY'; priority: number };
  reference: string;
}

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);

/** Consumption can exceed 100 % (over-programming); formatRate accepts 0..10000 only, so larger values print as is. */
function percent(bp: number): string {
  return bp <= 10_000 ? formatRate(bp) : `${Math.trunc(bp / 100)},${String(bp % 100).padStart(2, '0')}\u202f%`;
}

/**
 * The funding report for the managing authority (docs/domain/documents.md, reports.md): envelope, programmed EU amount, remaining,
 * number of operations, then totals by intervention field and by département as tables and bar charts.
 */
export function fundingReportLayout(s: FundingSummary, meta: FundingReportMeta, texts: FundingReportTexts): LayoutModel {
  const l = texts.labels;
  const scope = meta.scope.kind === 'CALL' ? meta.scope.reference : `priorité ${meta.scope.priority}`;
  const subtitle =
    meta.scope.kind === 'CALL'
      ? fill(texts.subtitleCall, { reference: meta.scope.reference, title: meta.scope.title })
      : fill(texts.subtitlePriority, { priority: String(meta.scope.priority) });
  const fieldLabel = (code: string): string => (texts.fields[code] ? `${code} — ${texts.fields[code]}` : code);

  const blocks: LayoutBlock[] = [
    { kind: 'paragraph', text: fill(texts.intro, { date: frenchDate(meta.generatedAt) }) },
    { kind: 'heading', text: texts.headings.summary },
    {
      kind: 'keyValues',
      rows: [
        [l.envelope, formatEuros(s.envelopeCents)],
        [l.programmed, formatEuros(s.programmedEuCents)],
        [l.remaining, formatEuros(s.remainingCents)],
        [l.consumption, percent(shareBp(cents(s.programmedEuCents), cents(s.envelopeCents)))],
        [l.operations, String(s.operations)],
        [l.totalEligible, formatEuros(s.totalEligibleCents)],
      ],
    },
    // Execution (docs/domain/payments.md): what beneficiaries declared, what the verifications retained, what was paid.
    { kind: 'heading', text: texts.headings.execution ?? 'Exécution et paiements' },
    {
      kind: 'keyValues',
      rows: [
        [l.declared ?? 'Dépenses déclarées par les bénéficiaires', formatEuros(s.declaredCents)],
        [l.verified ?? 'Dépenses vérifiées', formatEuros(s.verifiedCents)],
        [l.paid ?? 'Montant FSE+ payé', formatEuros(s.paidCents)],
        [l.paidShare ?? 'Part payée du montant programmé', percent(shareBp(cents(s.paidCents), cents(s.programmedEuCents)))],
      ],
    },
  ];
  if (s.operations === 0) {
    blocks.push({ kind: 'paragraph', text: l.none });
  } else {
    blocks.push(
      { kind: 'heading', text: texts.headings.byField },
      breakdownTable(
        s.byField.map((b) => ({ ...b, key: fieldLabel(b.key) })),
        l.field,
        s,
        l,
      ),
      chart(
        l.chartField,
        s.byField.map((b) => ({ ...b, key: fieldLabel(b.key) })),
      ),
      { kind: 'heading', text: texts.headings.byDepartement },
      breakdownTable(s.byDepartement, l.departement, s, l),
      chart(l.chartDepartement, s.byDepartement),
    );
  }
  if (meta.scope.kind === 'PRIORITY' && s.byCall.length > 0) {
    blocks.push(
      { kind: 'heading', text: texts.headings.byCall },
      {
        kind: 'table',
        columns: [
          { label: l.call, align: 'left', width: 3 },
          { label: l.envelope, align: 'right', width: 2 },
          { label: l.count, align: 'right', width: 1.5 },
          { label: l.programmed, align: 'right', width: 2 },
          { label: l.remaining, align: 'right', width: 2 },
          { label: l.paid ?? 'Payé', align: 'right', width: 2 },
        ],
        rows: s.byCall.map((c) => [
          c.reference,
          formatEuros(c.envelopeCents),
          String(c.operations),
          formatEuros(c.euCents),
          formatEuros(c.envelopeCents - c.euCents),
          formatEuros(c.paidCents),
        ]),
      },
    );
  }
  return { title: texts.title, subtitle, issuer: meta.issuer, reference: meta.reference, footer: fill(texts.footer, { scope }), blocks };
}

function breakdownTable(rows: Breakdown[], keyLabel: string, s: FundingSummary, l: FundingReportTexts['labels']): LayoutBlock {
  return {
    kind: 'table',
    columns: [
      { label: keyLabel, align: 'left', width: 4 },
      { label: l.count, align: 'right', width: 1.4 },
      { label: l.cte, align: 'right', width: 2.2 },
      { label: l.eu, align: 'right', width: 2.2 },
      { label: l.share, align: 'right', width: 1.2 },
    ],
    rows: rows.map((b) => [
      b.key,
      String(b.operations),
      formatEuros(b.totalEligibleCents),
      formatEuros(b.euCents),
      formatRate(shareBp(cents(b.euCents), cents(s.programmedEuCents))),
    ]),
    footer: [
      l.total,
      String(s.operations),
      formatEuros(s.totalEligibleCents),
      formatEuros(s.programmedEuCents),
      s.programmedEuCents > 0 ? formatRate(10_000) : formatRate(0),
    ],
  };
}

function chart(title: string, rows: Breakdown[]): LayoutBlock {
  return { kind: 'barChart', title, bars: rows.map((b) => ({ label: b.key, value: b.euCents, valueLabel: formatEuros(b.euCents) })) };
}
