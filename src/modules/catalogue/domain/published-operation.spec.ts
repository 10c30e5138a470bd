import fc from 'fast-check';
import { euRateBp, type OperationRow, toPublishedOperation } from './published-operation';

export const ROW: OperationRow = {
  number: 'AAP-2026-000001',
  title: 'Ruches partagées',
  summary: 'Apiculture urbaine en insertion.',
  place: 'Lyon 8e',
  start_date: '2026-03-01',
  end_date: '2027-02-28',
  status: 'PROGRAMMED',
  target_publics: ['JEUNES_NEET', 'INCONNU_X'],
  operation_type: 'ESSAIMAGE',
  planned_participants: 40,
  departement: '69',
  beneficiary: 'Association Abeilles',
  call_id: '00000000-0000-4000-8000-000000000001',
  call_reference: 'AAP-P6-2026',
  call_title: 'Innovation sociale 2026',
  fund: 'ESF_PLUS',
  specific_objective: 'ESO4.8',
  intervention_field_code: '138',
  priority: 6,
  total_cents: '11200000',
  eu_cents: '10640000',
  decision_date: '2026-02-15',
  public_contact: 'contact@abeilles.example',
  seeks_partners: true,
};

describe('toPublishedOperation', () => {
  it('publishes labels, never codes, and the floored EU rate', () => {
    const op = toPublishedOperation(ROW);
    expect(op).toMatchObject({
      code: 'AAP-2026-000001',
      fund: 'FSE+',
      euRateBp: 9500,
      totalCostCents: 11_200_000,
      euAmountCents: 10_640_000,
      targetPublics: ['Jeunes ni en emploi, ni en études, ni en formation (NEET)', 'Inconnu x'],
      operationType: 'Essaimage',
      departementName: 'Rhône',
      region: '84',
      regionName: 'Auvergne-Rhône-Alpes',
      statusLabel: 'Programmé',
      seeksPartners: true,
    });
  });

  it('refuses to publish a status outside the programmed ones', () => {
    for (const status of ['REFUSED', 'WITHDRAWN', 'RENOUNCED', 'IN_COMMITTEE', 'DRAFT']) {
      expect(() => toPublishedOperation({ ...ROW, status })).toThrow('never published');
    }
  });
});

describe('euRateBp', () => {
  it('never overstates the EU share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const eu = Math.floor((total * bp) / 10_000);
        const rate = euRateBp(eu, total);
        expect(BigInt(rate) * BigInt(total)).toBeLessThanOrEqual(BigInt(eu) * 10_000n);
        expect(rate).toBeLessThanOrEqual(10_000);
      }),
    );
    expect(euRateBp(5, 0)).toBe(0);
    expect(euRateBp(2, 3)).toBe(6666);
  });
});
