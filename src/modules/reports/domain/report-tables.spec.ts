import fc from 'fast-check';
import type { OperationRecord } from './operation-record';
import { euRateBp, OPERATION_STATUSES, PROGRAMMING_STATUSES } from './operation-record';
import { aggregateFinancialData, FINANCIAL_DATA, OPERATIONS_LIST, PROGRAMMING_TABLE } from './report-tables';
import { at } from '../../../common/collections';

const record = (o: Partial<OperationRecord> = {}): OperationRecord => ({
  number: 'AAP-2026-000001',
  callReference: 'AAP-P6-2026',
  callTitle: 'Innovation sociale',
  priority: 6,
  specificObjective: 'ESO4.8',
  interventionField: '138',
  fund: 'ESF_PLUS',
  organisationName: 'Association Les Ateliers',
  siret: '12345678901234',
  postalCode: '69003',
  departement: '69',
  title: 'Ateliers partagés',
  summary: 'Insertion par le réemploi',
  startDate: '2026-03-01',
  endDate: '2027-02-28',
  status: 'PROGRAMMED',
  totalEligibleCents: 11_200_000,
  euCents: 10_640_000,
  otherResourcesCents: 560_000,
  decisionOutcome: 'FAVORABLE',
  decisionDate: '2026-02-15',
  envelopeCents: 50_000_000,
  programmedToDateCents: 10_640_000,
  declaredCents: 0,
  verifiedCents: 0,
  paidCents: 0,
  irregularityCents: 0,
  ...o,
});

describe('euRateBp', () => {
  it('is EU ÷ CTE floored to the basis point', () => {
    expect(euRateBp(10_640_000, 11_200_000)).toBe(9500);
    expect(euRateBp(1, 3)).toBe(3333);
    expect(euRateBp(0, 0)).toBe(0);
    expect(euRateBp(5, 4)).toBe(10_000);
  });

  it('never overstates the share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), (cte, eu0) => {
        const eu = Math.min(eu0, cte);
        const bp = euRateBp(eu, cte);
        return BigInt(bp) * BigInt(cte) <= BigInt(eu) * 10_000n && BigInt(bp + 1) * BigInt(cte) > BigInt(eu) * 10_000n;
      }),
    );
  });
});

describe('programming table rows', () => {
  it('maps a programmed dossier with its envelope consumption', () => {
    const cells = PROGRAMMING_TABLE.toCells(record({ programmedToDateCents: 30_000_000 }));
    expect(cells).toEqual([
      'AAP-P6-2026',
      'AAP-2026-000001',
      'Association Les Ateliers',
      '12345678901234',
      'Ateliers partagés',
      '2026-03-01',
      '2027-02-28',
      11_200_000,
      10_640_000,
      9500,
      560_000,
      'Favorable',
      '2026-02-15',
      'Programmé',
      50_000_000,
      30_000_000,
      20_000_000,
      0,
      0,
      0,
      0,
    ]);
    expect(cells).toHaveLength(PROGRAMMING_TABLE.columns.length);
  });

  it('leaves the decision empty for a dossier not yet decided', () => {
    const cells = PROGRAMMING_TABLE.toCells(record({ status: 'IN_COMMITTEE', decisionOutcome: null, decisionDate: null }));
    expect(cells[11]).toBeNull();
    expect(cells[13]).toBe('En comité de programmation');
  });

  it('lists a reduced award awaiting acceptance with the amount proposed, as a proposal, not as programmed (docs/domain/reports.md)', () => {
    expect(PROGRAMMING_STATUSES).toContain('AWARD_PROPOSED');
    expect(OPERATION_STATUSES).not.toContain('AWARD_PROPOSED');
    const cells = PROGRAMMING_TABLE.toCells(record({ status: 'AWARD_PROPOSED', euCents: 9_000_000, programmedToDateCents: 0 }));
    expect(cells.slice(8, 17)).toEqual([
      9_000_000,
      8035,
      560_000,
      'Favorable, montant réduit proposé',
      '2026-02-15',
      'Proposé, en attente d’acceptation',
      50_000_000,
      0,
      50_000_000,
    ]);
  });
});

describe('list of operations rows (CPR art. 49(3))', () => {
  it('has every field the regulation lists', () => {
    expect(OPERATIONS_LIST.columns.map((c) => c.header)).toEqual([
      'Code unique de l’opération',
      'Nom du bénéficiaire',
      'Nom de l’opération',
      'Objet de l’opération',
      'Date de début',
      'Date de fin',
      'Coût total (€)',
      'Fonds',
      'Objectif spécifique',
      'Taux de cofinancement UE (%)',
      'Code postal du bénéficiaire',
      'Département de l’opération',
      'Domaine d’intervention',
      'Pays',
      'Réalisations prévues (participants)',
      'Réalisations à ce jour (participants)',
      'Date de dernière mise à jour',
      'Dépenses déclarées (€)',
      'Dépenses vérifiées (€)',
      'FSE+ payé (€)',
      'Irrégularités (€)',
    ]);
    expect(OPERATIONS_LIST.toCells(record({ euCents: 9_000_000, plannedParticipants: 40, actualParticipants: 12, lastUpdate: '2026-06-30' }))).toEqual([
      'AAP-2026-000001',
      'Association Les Ateliers',
      'Ateliers partagés',
      'Insertion par le réemploi',
      '2026-03-01',
      '2027-02-28',
      11_200_000,
      'FSE+',
      'ESO4.8',
      8035,
      '69003',
      '69',
      '138',
      'FR',
      40,
      12,
      '2026-06-30',
      0,
      0,
      0,
      0,
    ]);
  });

  it('carries declared, verified and paid expenditure and irregularities, with a closing total line', () => {
    const footer = OPERATIONS_LIST.footer!();
    footer.add(record({ declaredCents: 1_000, verifiedCents: 900, paidCents: 700, irregularityCents: 100 }));
    footer.add(record({ declaredCents: 500, verifiedCents: 500, paidCents: 400, irregularityCents: 0 }));
    const cells = footer.cells();
    expect(cells).toHaveLength(OPERATIONS_LIST.columns.length);
    expect(cells[0]).toBe('Total');
    expect(cells.slice(-4)).toEqual([1_500, 1_400, 1_100, 100]);
  });
});

const ZERO = { declaredCents: 0, verifiedCents: 0, paidCents: 0, irregularityCents: 0 };

describe('financial data (Annex VII)', () => {
  it('groups by priority × specific objective × category of region × intervention field', () => {
    const rows = aggregateFinancialData(
      [
        record({ departement: '69', totalEligibleCents: 100, euCents: 95 }),
        record({ departement: '75', totalEligibleCents: 200, euCents: 190 }),
        record({ departement: '13', totalEligibleCents: 1000, euCents: 900 }),
        record({ departement: '974', totalEligibleCents: 50, euCents: 47 }),
        record({ departement: '974', interventionField: '136', totalEligibleCents: 10, euCents: 9 }),
      ],
      '2026-04-30',
    );
    expect(rows).toEqual([
      {
        priority: 6,
        specificObjective: 'ESO4.8',
        regionCategory: 'MORE_DEVELOPED',
        interventionField: '138',
        cutOffDate: '2026-04-30',
        operations: 2,
        totalEligibleCents: 300,
        euCents: 285,
        ...ZERO,
      },
      {
        priority: 6,
        specificObjective: 'ESO4.8',
        regionCategory: 'TRANSITION',
        interventionField: '138',
        cutOffDate: '2026-04-30',
        operations: 1,
        totalEligibleCents: 1000,
        euCents: 900,
        ...ZERO,
      },
      {
        priority: 6,
        specificObjective: 'ESO4.8',
        regionCategory: 'LESS_DEVELOPED',
        interventionField: '136',
        cutOffDate: '2026-04-30',
        operations: 1,
        totalEligibleCents: 10,
        euCents: 9,
        ...ZERO,
      },
      {
        priority: 6,
        specificObjective: 'ESO4.8',
        regionCategory: 'LESS_DEVELOPED',
        interventionField: '138',
        cutOffDate: '2026-04-30',
        operations: 1,
        totalEligibleCents: 50,
        euCents: 47,
        ...ZERO,
      },
    ]);
    // Every Annex I dimension (form of financing 01, territorial delivery 33, ESF+ secondary theme 09, gender 02) and the cut-off.
    expect(FINANCIAL_DATA.toCells(at(rows, 0, 'fixture'))).toEqual([
      6,
      'ESO4.8',
      'Région plus développée',
      '138',
      '01',
      '33',
      '09',
      '02',
      '2026-04-30',
      2,
      300,
      285,
      0,
      0,
      0,
      0,
    ]);
    expect(FINANCIAL_DATA.columns).toHaveLength(FINANCIAL_DATA.toCells(at(rows, 0, 'fixture')).length);
  });

  it('keeps every operation and every cent, whatever the order (property)', () => {
    const deps = fc.constantFrom('69', '75', '13', '974', '2A', null);
    const arb = fc.array(
      fc.record({
        departement: deps,
        interventionField: fc.constantFrom('136', '138'),
        totalEligibleCents: fc.integer({ min: 0, max: 10 ** 9 }),
        euCents: fc.integer({ min: 0, max: 10 ** 9 }),
      }),
    );
    fc.assert(
      fc.property(arb, (items) => {
        const records = items.map((i) => record(i));
        const rows = aggregateFinancialData(records);
        const reversed = aggregateFinancialData([...records].reverse());
        const sum = (k: 'totalEligibleCents' | 'euCents') => records.reduce((s, r) => s + r[k], 0);
        return (
          JSON.stringify(rows) === JSON.stringify(reversed) &&
          rows.reduce((s, r) => s + r.operations, 0) === records.length &&
          rows.reduce((s, r) => s + r.totalEligibleCents, 0) === sum('totalEligibleCents') &&
          rows.reduce((s, r) => s + r.euCents, 0) === sum('euCents')
        );
      }),
    );
  });
});
