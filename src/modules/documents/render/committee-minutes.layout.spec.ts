import { cents } from '../../../common/money/cents';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutModel } from './layout-model';
import { MinutesData, minutesLayout, MinutesTexts } from './committee-minutes.layout';
import { TEST_ISSUER } from './issuer.fixture';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/committee-minutes.json'), 'utf8')) as MinutesTexts;
const NB = '\u202f';

const data: MinutesData = {
  issuer: TEST_ISSUER,
  version: 1,
  session: {
    title: 'Comité du 15 juin 2026',
    scheduledAt: new Date('2026-06-15T08:00:00Z'),
    location: 'Lyon, salle 2',
    quorum: 2,
    call: { reference: 'AAP-P6-2026-01', title: 'Innovation sociale' },
    secretary: 'Sam Secrétaire',
  },
  envelope: { totalCents: cents(50_000_000), programmedBeforeCents: cents(20_000_000) },
  members: [
    { name: 'Claire Présidente', institution: null, role: 'CHAIR', present: true },
    { name: 'Marc Membre', institution: 'DREETS Auvergne-Rhône-Alpes', role: 'MEMBER', present: true },
    { name: 'Ines Absente', institution: null, role: 'MEMBER', present: false },
  ],
  items: [
    {
      position: 1,
      rank: 1,
      number: 'AAP-2026-000001',
      title: 'Tiers-lieu',
      organisation: 'Les Ruches',
      totalEligibleCents: cents(11_200_000),
      total: '16.50',
      euCents: cents(10_640_000),
      rankingStatus: 'FUNDED',
      recused: [],
      decision: { outcome: 'FAVORABLE', euCents: cents(9_000_000), reasonCode: null, reason: null, conditions: 'Second animateur', requests: null },
    },
    {
      position: 2,
      rank: 2,
      number: 'AAP-2026-000002',
      title: 'Fournil solidaire',
      organisation: 'Le Fournil',
      totalEligibleCents: cents(6_000_000),
      total: '14.00',
      euCents: cents(5_000_000),
      rankingStatus: 'RESERVE',
      recused: ['Marc Membre'],
      decision: { outcome: 'DEFAVORABLE', euCents: null, reasonCode: 'BUDGET', reason: 'Enveloppe épuisée au rang 2', conditions: null, requests: null },
    },
    {
      position: 3,
      rank: null,
      number: 'AAP-2026-000003',
      title: 'Cantine',
      organisation: 'La Cantine',
      totalEligibleCents: cents(7_000_000),
      total: null,
      euCents: cents(6_000_000),
      rankingStatus: null,
      recused: [],
      decision: { outcome: 'POSTPONED', euCents: null, reasonCode: null, reason: null, conditions: null, requests: 'Préciser le budget' },
    },
  ],
};
const tables = (m: LayoutModel) => m.blocks.filter((b) => b.kind === 'table') as Extract<LayoutModel['blocks'][number], { kind: 'table' }>[];

describe('committee minutes layout', () => {
  it('prints the date, the attendance and whether the quorum is reached', () => {
    const m = minutesLayout(data, texts);
    const all = JSON.stringify(m).replace(/\u00a0/g, ' ');
    expect(all).toContain('15 juin 2026 à 10h00');
    expect(all).toContain('2 membre(s) présent(s) sur 3, pour un quorum de 2 : le quorum est atteint.');
    expect(tables(m)[0]?.rows).toContainEqual(['Ines Absente', TEST_ISSUER.name, 'Membre', 'Absent']);
    expect(tables(m)[0]?.rows).toContainEqual(['Marc Membre', 'DREETS Auvergne-Rhône-Alpes', 'Membre', 'Présent']);
    expect(all).toContain('Le comité délibère selon son règlement intérieur du 3 avril 2023');
    const missed = minutesLayout({ ...data, session: { ...data.session, quorum: 3 } }, texts);
    expect(JSON.stringify(missed)).toContain('le quorum n’est pas atteint');
  });

  it('lists the ranked agenda with totals, EU amounts and ranking statuses', () => {
    expect(tables(minutesLayout(data, texts))[1]?.rows).toEqual([
      ['1', 'AAP-2026-000001', 'Les Ruches', '16.50', `106${NB}400,00${NB}€`, 'Financé'],
      ['2', 'AAP-2026-000002', 'Le Fournil', '14.00', `50${NB}000,00${NB}€`, 'Liste de réserve'],
      ['—', 'AAP-2026-000003', 'La Cantine', '—', `60${NB}000,00${NB}€`, '—'],
    ]);
  });

  it('records every decision with its motive and recusals, and the total programmed', () => {
    const m = minutesLayout(data, texts);
    expect(tables(m)[2]?.rows).toEqual([
      ['AAP-2026-000001', 'Tiers-lieu', 'Les Ruches', `112${NB}000,00${NB}€`, `80,35${NB}%`, `90${NB}000,00${NB}€`, 'Favorable'],
      ['AAP-2026-000002', 'Fournil solidaire', 'Le Fournil', `60${NB}000,00${NB}€`, '—', '—', 'Défavorable'],
      ['AAP-2026-000003', 'Cantine', 'La Cantine', `70${NB}000,00${NB}€`, '—', '—', 'Ajourné'],
    ]);
    expect(tables(m)[3]?.rows).toEqual([
      ['AAP-2026-000001', 'Second animateur', '—'],
      ['AAP-2026-000002', 'insuffisance de l’enveloppe — Enveloppe épuisée au rang 2', 'Marc Membre'],
      ['AAP-2026-000003', 'Préciser le budget', '—'],
    ]);
    const all = JSON.stringify(m).replace(/\u00a0/g, ' ');
    expect(all).toContain('ont quitté la séance');
    expect(all).toContain(`["Total FSE+ programmé","90${NB}000,00${NB}€"]`);
    expect(all).toContain('Claire Présidente');
    expect(all).toContain(`["Enveloppe disponible avant la séance","300${NB}000,00${NB}€"]`);
    expect(all).toContain(`["Enveloppe disponible après la séance","210${NB}000,00${NB}€"]`);
    expect(all).toContain('Le ou la secrétaire de séance : Sam Secrétaire');
  });
});
