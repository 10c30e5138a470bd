import { renderPdf, tie } from './pdf-renderer';
import type { LayoutModel } from './layout-model';

const layout: LayoutModel = {
  title: 'Convention attributive',
  subtitle: 'Dossier n° AAP-2026-000042',
  issuer: 'Organisme intermédiaire FSE+',
  reference: 'AAP-P6-2026-01 — AAP-2026-000042',
  footer: 'Convention — AAP-2026-000042',
  blocks: [
    { kind: 'heading', text: 'Article 1 — Objet' },
    { kind: 'paragraph', text: 'Le bénéficiaire réalise l’opération « Ruches partagées » : 112 000,00 € éligibles, 95 % FSE+.' },
    { kind: 'keyValues', rows: [['Montant', '106 400,00 €']] },
    {
      kind: 'table',
      columns: [
        { label: 'Ligne', align: 'left', width: 2 },
        { label: 'Montant', align: 'right', width: 1 },
      ],
      rows: [['Personnel', '80 000,00 €']],
      footer: ['Total', '80 000,00 €'],
    },
  ],
};

describe('pdf renderer', () => {
  it('renders a PDF, and the shared font cache gives the same bytes on every call', async () => {
    const at = new Date('2026-06-15T10:00:00Z');
    const first = await renderPdf(layout, at);
    const second = await renderPdf(layout, at);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.equals(first)).toBe(true);
  });

  it('ties dates and references so that they never break at the end of a line', () => {
    expect(tie('adopté le 1er mars 2023, CCI 2021FR05SFPR001 (art. 50) n° 2014-856')).toBe(
      'adopté le 1er\u00a0mars\u00a02023, CCI\u00a02021FR05SFPR001 (art.\u00a050) n°\u00a02014-856',
    );
    expect(tie('le 15 juin 2026 à 10h00')).toBe('le 15\u00a0juin\u00a02026 à 10h00');
  });
});
