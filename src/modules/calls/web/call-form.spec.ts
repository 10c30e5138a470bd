import type { FieldError } from '../../../common/errors/domain-error';
import type { CallResponse } from '../dto/call.response';
import { callFormValues, coerceCallForm, formFieldErrors, parsePercentToBp } from './call-form';

const posted = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  reference: 'AAP-1',
  title: 'Appel',
  maxRateBp: '95',
  envelopeCents: '1 000 000,00',
  minEuCents: '',
  maxEuCents: '',
  opensAt: '2026-03-01T09:00',
  closesAt: '2026-03-31T12:00',
  costOptions: ['REAL_COSTS', 'INDIRECT_7_DIRECT'],
  costOptionRate_INDIRECT_7_DIRECT: '5,5',
  costOptionRate_INDIRECT_15_STAFF: 'ignored: unchecked',
  requiredDocumentTypes: ' statuts \r\nRIB\n\nrib\n',
  evaluationGrid: '',
  ...overrides,
});

describe('call form', () => {
  it('reads percentages into basis points', () => {
    expect(parsePercentToBp('95')).toBe(9500);
    expect(parsePercentToBp('12,5')).toBe(1250);
    expect(parsePercentToBp('7.25 %')).toBe(725);
    expect(parsePercentToBp('0')).toBe(0);
    for (const bad of ['', 'quinze', '12,345', '-5', '1e2']) expect(parsePercentToBp(bad)).toBeNull();
  });

  it('turns what was typed into the DTO shape', () => {
    const errors: FieldError[] = [];
    const dto = coerceCallForm(posted(), errors);
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      maxRateBp: 9500,
      envelopeCents: 100_000_000,
      minEuCents: 0,
      maxEuCents: null,
      opensAt: '2026-03-01T08:00:00.000Z',
      closesAt: '2026-03-31T10:00:00.000Z',
      costOptions: [
        { option: 'REAL_COSTS', rateBp: 0 },
        { option: 'INDIRECT_7_DIRECT', rateBp: 550 },
      ],
      requiredDocumentTypes: ['STATUTS', 'RIB'],
      participantsExpected: false,
      draftsBeforeOpening: false,
      evaluationGrid: null,
    });
  });

  it('reports what it cannot read under the form field name', () => {
    const errors: FieldError[] = [];
    coerceCallForm(
      posted({ envelopeCents: 'un million', closesAt: '2026-03-29T02:30', costOptionRate_INDIRECT_7_DIRECT: '', evaluationGrid: 'C1 | Besoin | lourd | 0-5' }),
      errors,
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['closesAt', 'costOptionRate_INDIRECT_7_DIRECT', 'envelopeCents', 'evaluationGrid']);
    expect(errors.find((e) => e.path === 'evaluationGrid')?.message).toContain('Ligne 1');
  });

  it('maps DTO and domain paths onto the form fields in form order, keeping only the reading error of an unreadable field', () => {
    const options = [{ option: 'REAL_COSTS' }, { option: 'INDIRECT_7_DIRECT' }];
    const out = formFieldErrors(
      [
        { path: 'costOptions[1].rateBp', code: 'FLAT_RATE_ABOVE_REGULATION', message: 'trop' },
        { path: 'evaluationGrid.criteria[1].weight', code: 'TOO_SMALL', message: 'poids' },
        { path: 'envelopeCents', code: 'NOT_AN_INTEGER', message: 'centimes' },
        { path: 'minEuCents', code: 'TOO_SMALL', message: 'centimes' },
      ],
      [{ path: 'envelopeCents', code: 'UNREADABLE', message: 'illisible' }],
      options,
    );
    expect(out).toEqual([
      { path: 'envelopeCents', code: 'UNREADABLE', message: 'illisible' },
      { path: 'minEuCents', code: 'TOO_SMALL', message: 'Saisissez un montant en euros positif ou nul, par exemple 150 000,00.' },
      { path: 'costOptionRate_INDIRECT_7_DIRECT', code: 'FLAT_RATE_ABOVE_REGULATION', message: 'trop' },
      { path: 'evaluationGrid', code: 'TOO_SMALL', message: 'Ligne 2 : poids' },
    ]);
  });

  it('fills the edit form back in euros, percentages and Paris time, and round-trips the grid', () => {
    const call = {
      reference: 'AAP-1',
      title: 'Appel',
      description: '',
      programmeCci: '2021FR05SFPR001',
      priority: 6,
      specificObjective: 'ESO4.8',
      interventionFieldCode: '138',
      fund: 'ESF_PLUS',
      maxRateBp: 9250,
      envelopeCents: 100_000_005,
      minEuCents: 0,
      maxEuCents: null,
      opensAt: '2026-03-01T08:00:00.000Z',
      closesAt: '2026-03-31T10:00:00.000Z',
      minDurationMonths: 1,
      maxDurationMonths: 36,
      eligibilityStart: '2021-01-01',
      eligibilityEnd: '2029-12-31',
      costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1250 }],
      requiredDocumentTypes: ['STATUTS'],
      targetPublics: [],
      allowedOperationTypes: [],
      participantsExpected: true,
      funderType: 'STATE',
      draftsBeforeOpening: false,
      signatureDeadlineDays: 45,
      reallocationToleranceBp: 1250,
      indicatorCodes: ['EECO02', 'EECR04'],
      evaluationGrid: { criteria: [{ code: 'C1', label: 'Besoin', weight: 3, scaleMin: 0, scaleMax: 5, eliminatory: true }], overallThreshold: 4 },
    } as unknown as CallResponse;
    const values = callFormValues(call);
    expect(values).toMatchObject({
      maxRateBp: '92,5',
      envelopeCents: '1 000 000,05',
      maxEuCents: '',
      opensAt: '2026-03-01T09:00',
      closesAt: '2026-03-31T12:00',
      costOptions: ['INDIRECT_15_STAFF'],
      costOptionRate_INDIRECT_15_STAFF: '12,5',
      evaluationGrid: 'C1 | Besoin | 3 | 0-5 |  | éliminatoire',
      evaluationGridOverallThreshold: '4',
    });
    const errors: FieldError[] = [];
    const dto = coerceCallForm(values as Record<string, string | string[]>, errors);
    expect(errors).toEqual([]);
    expect(dto.evaluationGrid).toEqual(call.evaluationGrid);
    expect(dto.envelopeCents).toBe(100_000_005);
    expect(values).toMatchObject({ signatureDeadlineDays: '45', reallocationToleranceBp: '12,5', indicatorCodes: ['EECO02', 'EECR04'] });
    // The execution settings are read back only from a form that posted them (a draft's).
    expect(dto).not.toHaveProperty('indicatorCodes');
    const posted = coerceCallForm({ ...(values as Record<string, string | string[]>), indicatorCodesPosted: '1' }, errors);
    expect(posted).toMatchObject({ signatureDeadlineDays: 45, reallocationToleranceBp: 1250, indicatorCodes: ['EECO02', 'EECR04'] });
  });
});
