import { DomainError } from '../../../common/errors/domain-error';
import { assertValidCallGrid, callGridOf, CSESS_TEMPLATE, keepGridExtras } from './call-grid';

describe('call grid', () => {
  it('fills the option defaults of a stored grid', () => {
    expect(callGridOf({ criteria: [{ code: 'C1', label: 'x', weight: 1, scaleMin: 0, scaleMax: 5 }] })).toMatchObject({
      tieBreak: [],
      divergenceGap: 2,
      evaluatorsPerDossier: 2,
      fillRemainder: false,
    });
    expect(callGridOf(null)).toBeNull();
  });

  it('accepts the CSESS template and lists every bad option', () => {
    expect(() => assertValidCallGrid(CSESS_TEMPLATE)).not.toThrow();
    try {
      assertValidCallGrid({ ...CSESS_TEMPLATE, tieBreak: ['C1', 'C1', 'X'], divergenceGap: -1, evaluatorsPerDossier: 11 });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.errors?.map((x) => `${x.path}:${x.code}`)).toEqual([
        'tieBreak[1]:DUPLICATE_CRITERION',
        'tieBreak[2]:UNKNOWN_CRITERION',
        'divergenceGap:INVALID_GAP',
        'evaluatorsPerDossier:OUT_OF_RANGE',
      ]);
    }
  });

  it('keeps options and guidance when the call form rewrites the criteria, dropping removed codes from the chain', () => {
    const previous = { ...CSESS_TEMPLATE, fillRemainder: true } as unknown as Record<string, unknown>;
    const next = { criteria: [{ code: 'C1', label: 'Besoin', weight: 3, scaleMin: 0, scaleMax: 5 }], overallThreshold: 3 };
    expect(keepGridExtras(previous, next)).toEqual({
      criteria: [{ code: 'C1', label: 'Besoin', weight: 3, scaleMin: 0, scaleMax: 5, guidance: CSESS_TEMPLATE.criteria[0]?.guidance }],
      overallThreshold: 3,
      tieBreak: ['C1'],
      divergenceGap: 2,
      evaluatorsPerDossier: 2,
      fillRemainder: true,
    });
    expect(keepGridExtras(null, next)).toBe(next);
  });
});
