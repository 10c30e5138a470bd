import { cents } from '../../../common/money/cents';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConventionData, conventionLayout, ConventionTexts } from './convention.layout';
import { TEST_ISSUER } from './issuer.fixture';
import type { LayoutModel } from './layout-model';

const texts = JSON.parse(readFileSync(join(__dirname, '../../../../templates/documents/convention.json'), 'utf8')) as ConventionTexts;
const NB = '\u202f';

const base: ConventionData = {
  issuer: TEST_ISSUER,
  version: 1,
  number: 'AAP-2026-000042',
  call: {
    reference: 'AAP-P6-2026-01',
    title: 'Innovation sociale',
    cci: '2021FR05SFPR001',
    priority: 6,
    specificObjective: 'ESO4.8',
    interventionField: '138',
    interimCapBp: 8000,
  },
  organisation: { legalName: 'Association Les Ruches Solidaires', siret: '78213456300017', address: '1 rue de la Paix, 69003 Lyon', advanceCategory: 'OTHER' },
  project: { title: 'Tiers-lieu de l’emploi', startDate: '2026-09-01', endDate: '2027-06-30', physicalInvestment: false },
  plan: {
    versionNo: 1,
    costOption: 'INDIRECT_15_STAFF',
    flatRateBp: 1500,
    lines: [
      { category: 'STAFF', label: 'Coordinatrice', amountCents: cents(8_000_000) },
      { category: 'OTHER_DIRECT', label: 'Locaux', amountCents: cents(2_000_000) },
    ],
    resources: [
      { type: 'ESF_PLUS', amountCents: cents(10_640_000) },
      { type: 'SELF', amountCents: cents(560_000) },
    ],
    totalDirectCents: cents(10_000_000),
    totalFlatRateCents: cents(1_200_000),
    totalEligibleCents: cents(11_200_000),
    euCents: cents(10_640_000),
  },
  decision: null,
};

/** Layout text with no-break spaces (U+00A0, kept by the templates after « n° », « art. » and before units) read as spaces. */
const all = (m: LayoutModel): string => JSON.stringify(m).replace(/\u00a0/g, ' ');
const table = (m: LayoutModel, i: number) => m.blocks.filter((b) => b.kind === 'table')[i] as Extract<LayoutModel['blocks'][number], { kind: 'table' }>;
const withDates = (startDate: string, endDate: string): ConventionData => ({ ...base, project: { ...base.project, startDate, endDate } });

describe('convention layout', () => {
  it('prints the parties, the amounts, the rate and the cost option', () => {
    const m = conventionLayout(base, texts);
    expect(m.subtitle!.replace(/\u00a0/g, ' ')).toBe('Dossier n° AAP-2026-000042 — version 1 de la convention');
    const text = all(m);
    for (const s of [
      TEST_ISSUER.name,
      'représenté(e) par Camille Martin, présidente',
      '78213456300017',
      '1 rue de la Paix, 69003 Lyon',
      `112${NB}000,00${NB}€`,
      `106${NB}400,00${NB}€`,
      `95${NB}%`,
      `5${NB}600,00${NB}€`,
    ])
      expect(text).toContain(s);
    expect(text).toContain(`coûts indirects forfaitaires de 15${NB}% des frais de personnel directs`);
    expect(text).toContain('du 1er septembre 2026 au 30 juin 2027');
  });

  it('grants an advance of 30 % of the EU amount, floored to the cent', () => {
    expect(all(conventionLayout(base, texts))).toContain(`soit 31${NB}920,00${NB}€`);
    const odd = conventionLayout({ ...base, decision: { euCents: cents(3_333_333), conditions: null, decidedAt: new Date('2026-06-15T10:00:00Z') } }, texts);
    expect(all(odd)).toContain(`soit 9${NB}999,99${NB}€`);
    expect(all(odd)).toContain('arrêté le 15 juin 2026');
  });

  it('grants no advance to exempt categories', () => {
    const m = conventionLayout({ ...base, organisation: { ...base.organisation, advanceCategory: 'COLLECTIVITE' } }, texts);
    expect(all(m)).toContain('collectivité territoriale');
    expect(all(m)).toContain('ne reçoit pas d’avance');
    expect(all(m)).toContain(`["Montant de l’avance","0,00${NB}€"]`);
  });

  it('uses the committee amount over the plan and recomputes the rate', () => {
    const m = conventionLayout(
      { ...base, decision: { euCents: cents(9_000_000), conditions: 'Recruter un second animateur.', decidedAt: new Date('2026-06-15T10:00:00Z') } },
      texts,
    );
    const text = all(m);
    expect(text).toContain(`["Montant FSE+ attribué","90${NB}000,00${NB}€"]`);
    expect(text).toContain(`80,35${NB}%`);
    expect(text).toContain('Recruter un second animateur.');
  });

  it('schedules the reports by duration: 10, 18, 30 and 42 months', () => {
    const rows = (d: ConventionData) => table(conventionLayout(d, texts), 0).rows.map((r) => r.map((c) => c.replace(/\u00a0/g, ' ')));
    expect(rows(base)).toEqual([['Bilan final', 'du 1er septembre 2026 au 30 juin 2027', '30 décembre 2027']]);
    // Every report has a due date: an intermediate one two months after its period.
    expect(rows(withDates('2026-09-01', '2028-02-29'))[0]).toEqual(['Bilan intermédiaire n° 1', 'du 1er septembre 2026 au 31 août 2027', '31 octobre 2027']);
    expect(rows(withDates('2026-09-01', '2028-02-29')).map((r) => r[0])).toEqual(['Bilan intermédiaire n° 1', 'Bilan final']);
    expect(rows(withDates('2026-01-01', '2028-06-30')).map((r) => r[0])).toEqual(['Bilan intermédiaire n° 1', 'Bilan intermédiaire n° 2', 'Bilan final']);
    const r42 = rows(withDates('2026-01-01', '2029-06-30'));
    expect(r42).toHaveLength(4);
    expect(r42[3]).toEqual(['Bilan final', 'du 1er janvier 2026 au 30 juin 2029', '30 décembre 2029']);
  });

  it('asks for a plaque only with physical investment above 100 000 €, otherwise an A3 poster', () => {
    expect(all(conventionLayout({ ...base, project: { ...base.project, physicalInvestment: true } }, texts))).toContain('plaque ou un panneau durable');
    expect(all(conventionLayout(base, texts))).toContain('affiche de format A3');
    const small = { ...base, project: { ...base.project, physicalInvestment: true }, plan: { ...base.plan, totalEligibleCents: cents(10_000_000) } };
    expect(all(conventionLayout(small, texts))).toContain('affiche de format A3');
  });

  it('states retention until 31 December of the fifth year after the last payment', () => {
    expect(all(conventionLayout(base, texts))).toContain('pour un dernier paiement en 2027 : jusqu’au 31 décembre 2032');
  });

  it('annexes the retained plan line by line with the flat rate and the totals', () => {
    const m = conventionLayout({ ...base, plan: { ...base.plan, versionNo: 3 } }, texts);
    expect(all(m)).toContain('Plan de financement retenu (version 3)');
    const costs = table(m, 1);
    expect(costs.rows.map((r) => r.map((c) => c.replace(/\u00a0/g, ' ')))).toEqual([
      ['Frais de personnel', 'Coordinatrice', `80${NB}000,00${NB}€`],
      ['Autres coûts directs', 'Locaux', `20${NB}000,00${NB}€`],
      [`Forfait (15${NB}%)`, `coûts indirects forfaitaires de 15${NB}% des frais de personnel directs (RPDC art. 54(b))`, `12${NB}000,00${NB}€`],
    ]);
    expect(costs.footer).toEqual(['Total', 'Coût total éligible', `112${NB}000,00${NB}€`]);
    expect(table(m, 2).footer).toEqual(['Total', '', `112${NB}000,00${NB}€`]);
  });

  it('cites the legal bases (« Vu »), including the global grant agreement and the programme decision', () => {
    const text = all(
      conventionLayout({ ...base, decision: { euCents: cents(9_000_000), conditions: null, decidedAt: new Date('2026-06-15T10:00:00Z') } }, texts),
    );
    for (const x of [
      'Vu le règlement (UE) 2021/1060',
      'Vu le règlement (UE) 2021/1057',
      'C(2022) 5318',
      'CCI 2021FR05SFPR001',
      'loi n° 2000-321 du 12 avril 2000',
      'notamment son article 10',
      'décret n° 2022-608 du 21 avril 2022',
      'l’arrêté pris pour l’application du décret',
      'Vu la convention de subvention globale n° SG-2023-07',
      'Vu l’avis favorable du comité de programmation du 15 juin 2026',
    ])
      expect(text).toContain(x);
    // The arrêté's date is not printed: the « 21 avril 2022 » once given to it was the décret's (docs/domain/legal-references.md).
    expect(text).not.toMatch(/arrêté du \d/);
  });

  it('enters into force on notification, bounds the eligibility of expenditure and says when it ends', () => {
    const text = all(conventionLayout(base, texts));
    expect(text).toContain('entre en vigueur à la date de sa notification');
    expect(text).toContain(
      'engagées pour l’opération entre le 1er septembre 2026 et le 30 juin 2027 et effectivement acquittées (payées) par le bénéficiaire au plus tard le 30 décembre 2027',
    );
    expect(text).toContain('La convention prend fin au paiement du solde');
  });

  it('pays the advance after notification and the attestation de démarrage, never at signature', () => {
    const text = all(conventionLayout(base, texts));
    expect(text).toContain('après la notification de la présente convention et la réception par l’organisme intermédiaire de l’attestation de démarrage');
    expect(text).not.toContain('à la signature de la présente convention');
  });

  it('states the payment schedule: capped interim payments, the balance, 80 days and the amount-due rule', () => {
    const text = all(conventionLayout(base, texts));
    expect(text).toContain(`ne peut dépasser 80${NB}% du montant FSE+ attribué, soit 85${NB}120,00${NB}€`);
    expect(text).toContain('Le solde est versé après contrôle de service fait du bilan final');
    expect(text).toContain('au plus tard 80 jours après la présentation de sa demande de paiement');
    expect(text).toContain('il est égal au plus petit des trois montants suivants');
  });

  it('states the content of the reports and the other obligations', () => {
    const text = all(conventionLayout(base, texts));
    for (const x of [
      'pièces justificatives',
      'indicateurs communs',
      'notice d’information prévue par le règlement général sur la protection des données',
      'comptabilité séparée',
      'article 74, paragraphe 1, point a) i)',
      'jusqu’à 3 % du soutien du FSE+',
      'article 50, paragraphe 3',
      'Une même dépense ne peut être financée deux fois',
      'code de la commande publique',
      'aide d’État',
      'égalité entre les femmes et les hommes',
      'Parquet européen',
      'Commission interministérielle de coordination des contrôles',
      'règlement (UE) 2016/679',
      'fait l’objet d’un avenant',
      'résilier la convention',
      'ordre de reversement',
      'devant le Tribunal administratif de Lyon',
      'Pour l’organisme intermédiaire, Dominique Bernard, directrice générale',
    ])
      expect(text).toContain(x);
  });

  it('quotes the State-aid regime retained at instruction, or the applicant’s declaration', () => {
    const assessed = all(
      conventionLayout({ ...base, stateAid: { declared: true, assessment: 'De minimis, règlement (UE) 2023/2831 ; 40 000 € reçus sur trois ans.' } }, texts),
    );
    expect(assessed).toContain('Régime retenu à l’instruction : « De minimis, règlement (UE) 2023/2831 ; 40 000 € reçus sur trois ans. »');
    expect(all(conventionLayout({ ...base, stateAid: { declared: true, assessment: null } }, texts))).toContain(
      'a déclaré que la subvention constitue une aide d’État',
    );
    expect(all(conventionLayout(base, texts))).not.toContain('Régime retenu à l’instruction');
    // The regime the applicant declared in the dossier's « Aides d'État » section (docs/domain/state-aid.md).
    const clause = "La subvention est une aide d'État exemptée de notification en application de l'article 31 du règlement (UE) n° 651/2014.";
    const declared = all(conventionLayout({ ...base, stateAid: { declared: true, assessment: null, clause } }, texts));
    expect(declared).toContain(`Régime déclaré par le bénéficiaire : ${clause}`);
    expect(declared).not.toContain('a déclaré que la subvention constitue une aide d’État');
  });
});
