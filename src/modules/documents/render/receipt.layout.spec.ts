import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReceiptData, receiptLayout, ReceiptTexts } from './receipt.layout';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/receipt.json'), 'utf8')) as ReceiptTexts;

const data: ReceiptData = {
  number: 'AAP-2026-000042',
  submittedAt: new Date('2026-03-31T09:59:30Z'),
  issuer: 'Organisme intermédiaire FSE+',
  call: { reference: 'AAP-P6-2026-01', title: 'Innovation sociale', version: 2 },
  organisation: { legalName: 'Association Les Ruches Solidaires', siret: '78213456300017' },
  project: { title: 'Tiers-lieu de l’emploi', startDate: '2026-09-01', endDate: '2028-08-31' },
  plan: { totalEligibleCents: 11_200_000, euRequestedCents: 10_640_000 },
  documents: [{ type: 'STATUTS', name: 'statuts.pdf', sizeBytes: 1536, sha256: 'a'.repeat(64) }],
};

const text = (layout: ReturnType<typeof receiptLayout>): string => JSON.stringify(layout);

describe('receipt layout', () => {
  it('prints the number, the submission instant in Paris time, the amounts and the rate', () => {
    const layout = receiptLayout(data, texts);
    expect(layout.subtitle).toBe('Demande de subvention FSE+ n° AAP-2026-000042');
    const all = text(layout);
    expect(all).toContain('31 mars 2026 à 11h59');
    expect(all).toContain('112\u202f000,00\u202f€');
    expect(all).toContain('106\u202f400,00\u202f€');
    expect(all).toContain('95\u202f%');
    expect(all).toContain('du 1er septembre 2026 au 31 août 2028');
  });

  it('lists every document with its SHA-256', () => {
    const table = receiptLayout(data, texts).blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ rows: [['STATUTS', 'statuts.pdf', '1,5\u202fKo', 'a'.repeat(64)]] });
  });

  it('floors the requested rate to the basis point', () => {
    const layout = receiptLayout({ ...data, plan: { totalEligibleCents: 300, euRequestedCents: 200 } }, texts);
    expect(text(layout)).toContain('66,66\u202f%');
  });
});
