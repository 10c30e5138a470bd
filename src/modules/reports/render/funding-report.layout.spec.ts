import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutBlock } from '../../documents/render/layout-model';
import { cents, shareBp } from '../../../common/money/cents';
import { fundingReportLayout, FundingReportTexts } from './funding-report.layout';
import { summariseFunding } from './funding-summary';
import { at } from '../../../common/collections';

const texts: FundingReportTexts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/funding-report.json'), 'utf8'));
const NBSP = '\u202f';
const eur = (s: string) => s.replace(/ /g, NBSP);

const calls = [
  { reference: 'AAP-A', title: 'Essaimage rural', envelopeCents: 100_000_000 },
  { reference: 'AAP-B', title: 'Jeunes NEET', envelopeCents: 50_000_000 },
];
const ops = [
  { callReference: 'AAP-A', departement: '69', interventionField: '138', totalEligibleCents: 11_200_000, euCents: 10_640_000 },
  { callReference: 'AAP-A', departement: '974', interventionField: '138', totalEligibleCents: 20_000_000, euCents: 19_000_000 },
  { callReference: 'AAP-B', departement: '69', interventionField: '136', totalEligibleCents: 5_000_000, euCents: 4_750_000 },
];

const table = (blocks: LayoutBlock[], header: string) =>
  blocks.find((b): b is Extract<LayoutBlock, { kind: 'table' }> => b.kind === 'table' && b.columns[0]?.label === header)!;

describe('funding report layout', () => {
  const summary = summariseFunding(calls, ops);
  const meta = { issuer: 'Avise', generatedAt: new Date('2026-04-30T10:00:00Z'), scope: { kind: 'PRIORITY' as const, priority: 6 }, reference: 'RAPPORT-1' };
  const layout = fundingReportLayout(summary, meta, texts);

  it('sums the envelope, the programmed EU amount and the remainder', () => {
    expect(summary).toMatchObject({
      envelopeCents: 150_000_000,
      programmedEuCents: 34_390_000,
      remainingCents: 115_610_000,
      operations: 3,
      totalEligibleCents: 36_200_000,
    });
    const kv = layout.blocks.find((b) => b.kind === 'keyValues') as Extract<LayoutBlock, { kind: 'keyValues' }>;
    expect(kv.rows).toEqual([
      ['Enveloppe FSE+', eur('1 500 000,00 €')],
      ['Montant FSE+ programmé', eur('343 900,00 €')],
      ['Reste à programmer', eur('1 156 100,00 €')],
      ['Taux de consommation de l’enveloppe', eur('22,92 %')],
      ['Nombre d’opérations sélectionnées', '3'],
      ['Coût total éligible programmé', eur('362 000,00 €')],
    ]);
    expect(layout.subtitle).toBe('Tous les appels de la priorité 6 du PN FSE+');
    expect(layout.footer).toBe('Rapport de financement — priorité 6');
  });

  it('tabulates and charts the totals by intervention field and by département', () => {
    const byField = table(layout.blocks, 'Domaine d’intervention');
    expect(byField.rows).toEqual([
      ['136 — Emploi des jeunes', '1', eur('50 000,00 €'), eur('47 500,00 €'), eur('13,81 %')],
      ['138 — Économie sociale et entreprises sociales', '2', eur('312 000,00 €'), eur('296 400,00 €'), eur('86,18 %')],
    ]);
    expect(byField.footer).toEqual(['Total', '3', eur('362 000,00 €'), eur('343 900,00 €'), eur('100 %')]);
    const byDep = table(layout.blocks, 'Département');
    expect(byDep.rows.map((r) => [r[0], r[3]])).toEqual([
      ['69', eur('153 900,00 €')],
      ['974', eur('190 000,00 €')],
    ]);
    const charts = layout.blocks.filter((b): b is Extract<LayoutBlock, { kind: 'barChart' }> => b.kind === 'barChart');
    expect(charts.map((c) => c.title)).toEqual(['Montant FSE+ programmé par domaine d’intervention', 'Montant FSE+ programmé par département']);
    expect(charts[0]?.bars.map((b) => b.label)).toEqual(['136 — Emploi des jeunes', '138 — Économie sociale et entreprises sociales']);
    expect(charts[1]?.bars).toEqual([
      { label: '69', value: 15_390_000, valueLabel: eur('153 900,00 €') },
      { label: '974', value: 19_000_000, valueLabel: eur('190 000,00 €') },
    ]);
    const byCall = table(layout.blocks, 'Appel');
    expect(byCall.rows).toEqual([
      ['AAP-A', eur('1 000 000,00 €'), '2', eur('296 400,00 €'), eur('703 600,00 €'), eur('0,00 €')],
      ['AAP-B', eur('500 000,00 €'), '1', eur('47 500,00 €'), eur('452 500,00 €'), eur('0,00 €')],
    ]);
  });

  it('says so when nothing is programmed, and prints over-programming as it is', () => {
    const empty = fundingReportLayout(
      summariseFunding([at(calls, 1, 'fixture')], []),
      { ...meta, scope: { kind: 'CALL', reference: 'AAP-B', title: 'Jeunes NEET' } },
      texts,
    );
    expect(empty.subtitle).toBe('Appel à projets AAP-B — Jeunes NEET');
    expect(empty.blocks.some((b) => b.kind === 'paragraph' && b.text === 'Aucune opération programmée à cette date.')).toBe(true);
    expect(empty.blocks.some((b) => b.kind === 'barChart')).toBe(false);
    const over = fundingReportLayout(
      summariseFunding(
        [{ ...at(calls, 1, 'fixture'), envelopeCents: 4_000_000 }],
        [at(ops, 2, 'fixture')].map((o) => ({ ...o })),
      ),
      meta,
      texts,
    );
    const kv = over.blocks.find((b) => b.kind === 'keyValues') as Extract<LayoutBlock, { kind: 'keyValues' }>;
    expect(kv.rows[2]).toEqual(['Reste à programmer', eur('-7 500,00 €')]);
    expect(kv.rows[3]).toEqual(['Taux de consommation de l’enveloppe', eur('118,75 %')]);
  });

  it('floors shares', () => {
    expect(shareBp(cents(1), cents(3))).toBe(3333);
    expect(shareBp(cents(5), cents(0))).toBe(0);
  });
});
