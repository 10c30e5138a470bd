import { cents } from '../../../common/money/cents';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutModel } from './layout-model';
import { MinutesData, minutesLayout, MinutesTexts } from './committee-minutes.layout';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/committee-minutes.json'), 'utf8')) as MinutesTexts;
const NB = '\u202f';

const data: MinutesData = {
  operatorName: 'Organisme intermédiaire FSE+',
  version: 1,
  session: { title: 'Comité du 15 juin 2026', scheduledAt: new Date('2026-06-15T08:00:00Z'), location: 'Lyon, salle 2', quorum: 2, call: { reference: 'AAP-P6-2026-01', title: 'Innovation sociale' } },
  members: [
    { name: 'Claire Présidente', role: 'CHAIR', present: true },
    { name: 'Marc Membre', role: 'MEMBER', present: true },
    { name: 'Ines Absente', role: 'MEMBER', present: false },
  ],
  items: [
    { position: 1, rank: 1, number: 'AAP-2026-000001', organisation: 'Les Ruches', total: '16.50', euCents: cents(10_640_000), rankingStatus: 'FUNDED', recused: [], decision: { outcome: 'FAVORABLE', euCents: cents(9_000_000), reasonCode: null, reason: null, conditions: 'Second animateur', requests: null } },
    { position: 2, rank: 2, number: 'AAP-2026-000002', organisation: 'Le Fournil', total: '14.00', euCents: cents(5_000_000), rankingStatus: 'RESERVE', recused: ['Marc Membre'], decision: { outcome: 'DEFAVORABLE', euCents: null, reasonCode: 'BUDGET', reason: 'Enveloppe épuisée au rang 2', conditions: null, requests: null } },
    { position: 3, rank: null, number: 'AAP-2026-000003', organisation: 'La Cantine', total: null, euCents: cents(6_000_000), rankingStatus: null, recused: [], decision: { outcome: 'POSTPONED', euCents: null, reasonCode: null, reason: null, conditions: null, requests: 'Préciser le budget' } },
  ],
};
const tables = (m: LayoutModel) => m.blocks.filter((b) => b.kind === 'table') as Extract<LayoutModel['blocks'][number], { kind: 'table' }>[];

describe('committee minutes layout', () => {
  it('prints the date, the attendance and whether the quorum is reached', () => {
    const m = minutesLayout(data, texts);
    const all = JSON.stringify(m);
    expect(all).toContain('15 juin 2026 à 10h00');
    expect(all).toContain('2 membre(s) présent(s) sur 3, pour un quorum de 2 : le quorum est atteint.');
    expect(tables(m)[0].rows).toContainEqual(['Ines Absente', 'Membre', 'Absent']);
    const missed = minutesLayout({ ...data, session: { ...data.session, quorum: 3 } }, texts);
    expect(JSON.stringify(missed)).toContain('le quorum n’est pas atteint');
  });

  it('lists the ranked agenda with totals, EU amounts and ranking statuses', () => {
    expect(tables(minutesLayout(data, texts))[1].rows).toEqual([
      ['1', 'AAP-2026-000001', 'Les Ruches', '16.50', `106${NB}400,00${NB}€`, 'Financé'],
      ['2', 'AAP-2026-000002', 'Le Fournil', '14.00', `50${NB}000,00${NB}€`, 'Liste de réserve'],
      ['—', 'AAP-2026-000003', 'La Cantine', '—', `60${NB}000,00${NB}€`, '—'],
    ]);
  });

  it('records every decision with its motive and recusals, and the total programmed', () => {
    const m = minutesLayout(data, texts);
    expect(tables(m)[2].rows).toEqual([
      ['AAP-2026-000001', 'Favorable', `90${NB}000,00${NB}€`, 'Second animateur', '—'],
      ['AAP-2026-000002', 'Défavorable', '—', 'insuffisance de l’enveloppe — Enveloppe épuisée au rang 2', 'Marc Membre'],
      ['AAP-2026-000003', 'Ajourné', '—', 'Préciser le budget', '—'],
    ]);
    const all = JSON.stringify(m);
    expect(all).toContain('ont quitté la séance');
    expect(all).toContain(`["Total FSE+ programmé","90${NB}000,00${NB}€"]`);
    expect(all).toContain('Claire Présidente');
  });
});
