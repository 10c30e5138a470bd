import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { implicitRejectionDate, ReceiptData, receiptLayout, ReceiptTexts } from './receipt.layout';
import { TEST_ISSUER } from './issuer.fixture';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/receipt.json'), 'utf8')) as ReceiptTexts;

const data: ReceiptData = {
  number: 'AAP-2026-000042',
  submittedAt: new Date('2026-03-31T09:59:30Z'),
  issuer: TEST_ISSUER,
  call: { reference: 'AAP-P6-2026-01', title: 'Innovation sociale', version: 2 },
  organisation: { legalName: 'Association Les Ruches Solidaires', siret: '78213456300017' },
  project: { title: 'Tiers-lieu de l’emploi', startDate: '2026-09-01', endDate: '2028-08-31' },
  plan: { totalEligibleCents: 11_200_000, euRequestedCents: 10_640_000 },
  documents: [{ type: 'STATUTS', name: 'statuts.pdf', sizeBytes: 1536, sha256: 'a'.repeat(64) }],
};

const text = (layout: ReturnType<typeof receiptLayout>): string => JSON.stringify(layout).replace(/\u00a0/g, ' ');

describe('receipt layout', () => {
  it('prints the number, the submission instant in Paris time, the amounts and the rate', () => {
    const layout = receiptLayout(data, texts);
    expect(layout.subtitle!.replace(/\u00a0/g, ' ')).toBe('Demande de subvention FSE+ n° AAP-2026-000042');
    const all = text(layout);
    expect(all).toContain('31 mars 2026 à 11h59');
    expect(all).toContain('112\u202f000,00\u202f€');
    expect(all).toContain('106\u202f400,00\u202f€');
    expect(all).toContain('95\u202f%');
    expect(all).toContain('du 1er septembre 2026 au 31 août 2028');
  });

  it('lists every document with its SHA-256', () => {
    const table = receiptLayout(data, texts).blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ rows: [['Statuts de la structure', 'statuts.pdf', '1,5\u202fKo', 'a'.repeat(64)]] });
  });

  it('floors the requested rate to the basis point', () => {
    const layout = receiptLayout({ ...data, plan: { totalEligibleCents: 300, euRequestedCents: 200 } }, texts);
    expect(text(layout)).toContain('66,66\u202f%');
  });

  it('carries the CRPA mentions: the service and its contact, the implicit rejection date, the redress against it (L112-3, R112-5)', () => {
    const all = text(receiptLayout(data, texts));
    for (const x of ['L112-3 et R112-5', 'Service des subventions FSE+', 'fse@agence.example', '04 00 00 00 00', '5 place Bellecour, 69002 Lyon'])
      expect(all).toContain(x);
    expect(all).toContain('le silence gardé par l’administration pendant deux mois vaut décision de rejet');
    expect(all).toContain('réputée rejetée le 31 mai 2026');
    expect(all).toContain('devant le Tribunal administratif de Lyon (184 rue Duguesclin, 69003 Lyon)');
    expect(all).toContain('L232-4');
  });

  it('dates the implicit rejection two months after receipt, in Paris calendar days', () => {
    expect(implicitRejectionDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-03-01'); // 1 January in Paris
    expect(implicitRejectionDate(new Date('2026-03-31T09:00:00Z'))).toBe('2026-05-31');
  });

  it('prints the issuing body in the header', () => {
    expect(receiptLayout(data, texts).issuer).toEqual({
      name: TEST_ISSUER.name,
      details: '5 place Bellecour, 69002 Lyon — SIRET 98765430800012',
      logoPath: null,
    });
  });
});
