import { buildDashboard, type DashboardRaw } from './dashboard';
import { figureCsv } from './figure-csv';

const RAW: DashboardRaw = {
  calls: [
    { id: 'b', reference: 'AAP-B', title: 'Appel B', envelopeCents: 30_000_000, launchedInPeriod: false },
    { id: 'a', reference: 'AAP-A', title: '=Appel A', envelopeCents: 70_000_000, launchedInPeriod: true },
  ],
  dossiersReceived: 12,
  byCall: [
    { callId: 'a', operations: 2, euCents: 20_000_000 },
    { callId: 'b', operations: 1, euCents: 10_000_001 },
  ],
  byMonth: [
    { month: '2026-03', operations: 1, euCents: 10_000_001 },
    { month: '2026-02', operations: 2, euCents: 20_000_000 },
  ],
  byDepartement: [
    { departement: '69', operations: 2, euCents: 20_000_000 },
    { departement: '974', operations: 1, euCents: 10_000_001 },
    { departement: '01', operations: 0, euCents: 0 },
  ],
  byTargetPublic: [
    { code: 'JEUNES_NEET', operations: 3, euCents: 30_000_001 },
    { code: 'HABITANTS_QPV', operations: 1, euCents: 10_000_000 },
  ],
  byOperationType: [
    { code: null, operations: 1, euCents: 1 },
    { code: 'ESSAIMAGE', operations: 2, euCents: 30_000_000 },
  ],
  execution: [{ callId: 'a', declaredCents: 8_000_000, verifiedCents: 7_500_000, paidCents: 6_000_000, participants: 45, participantTarget: 120 }],
};

describe('buildDashboard', () => {
  const d = buildDashboard(RAW);

  it('computes the roadmap indicators', () => {
    expect(d.kpis).toEqual({
      callsLaunched: 1,
      dossiersReceived: 12,
      projectsFunded: 3,
      euGrantedCents: 30_000_001,
      envelopeCents: 100_000_000,
      consumptionBp: 3000,
      declaredCents: 8_000_000,
      verifiedCents: 7_500_000,
      paidCents: 6_000_000,
    });
  });

  it('accumulates the consumption month by month, in order', () => {
    expect(d.figures.consommation.rows.map((r) => [r.month, r.cumulativeEuCents, r.consumptionBp])).toEqual([
      ['2026-02', 20_000_000, 2000],
      ['2026-03', 30_000_001, 3000],
    ]);
  });

  it('lists every call with its envelope, even without programming', () => {
    expect(d.figures.appels.rows.map((r) => [r.reference, r.operations, r.consumptionBp])).toEqual([
      ['AAP-A', 2, 2857],
      ['AAP-B', 1, 3333],
    ]);
  });

  it('rolls départements up into régions; labels, never codes', () => {
    expect(d.figures.departements.rows.map((r) => r.name)).toEqual(['Rhône', 'La Réunion']);
    expect(d.figures.regions.rows.map((r) => [r.name, r.operations])).toEqual([
      ['Auvergne-Rhône-Alpes', 2],
      ['La Réunion', 1],
    ]);
    expect(d.figures.publics.rows[0]?.label).toBe('Jeunes ni en emploi, ni en études, ni en formation (NEET)');
    expect(d.figures.types.rows.map((r) => r.label)).toEqual(['Essaimage', 'Non précisé']);
  });

  it('shows execution per call: declared, retained, paid (with its share of the programmed EU) and participants against targets', () => {
    expect(d.figures.execution.rows).toEqual([
      {
        reference: 'AAP-A',
        euCents: 20_000_000,
        declaredCents: 8_000_000,
        verifiedCents: 7_500_000,
        paidCents: 6_000_000,
        paidBp: 3000,
        participants: 45,
        participantTarget: 120,
      },
      { reference: 'AAP-B', euCents: 10_000_001, declaredCents: 0, verifiedCents: 0, paidCents: 0, paidBp: 0, participants: 0, participantTarget: 0 },
    ]);
  });
});

describe('figureCsv', () => {
  it('writes French CSV with units, exact decimals and formula-escaped text', () => {
    const csv = figureCsv(buildDashboard(RAW).figures.appels);
    expect(csv.startsWith('\ufeffRéférence;Appel;Enveloppe (€);Projets programmés;FSE+ programmé (€);Part consommée (%)\r\n')).toBe(true);
    expect(csv).toContain("AAP-A;'=Appel A;700000,00;2;200000,00;28,57\r\n");
    expect(csv).toContain('AAP-B;Appel B;300000,00;1;100000,01;33,33\r\n');
  });
});
