import { DomainError } from '../../../common/errors/domain-error';
import { decide, type DecisionInput, type DecisionItem } from './decision';

const funded: DecisionItem = { rankingStatus: 'FUNDED', retainedEuCents: 10_640_000 };
const ineligible: DecisionItem = { rankingStatus: 'INELIGIBLE', retainedEuCents: 10_640_000 };

function errorOf(input: DecisionInput, item: DecisionItem): DomainError {
  try {
    decide(input, item);
  } catch (e) {
    if (e instanceof DomainError) return e;
  }
  throw new Error('expected a DomainError');
}

describe('committee decision', () => {
  it('grants the retained amount by default, and moves the dossier to PROGRAMMED', () => {
    expect(decide({ outcome: 'FAVORABLE', conditions: '  Recruter un coordinateur  ' }, funded)).toEqual({
      outcome: 'FAVORABLE',
      euCents: 10_640_000,
      conditions: 'Recruter un coordinateur',
      reasonCode: null,
      reason: null,
      requests: null,
      reduced: false,
      status: 'PROGRAMMED',
    });
  });

  it('accepts a reduction and flags it, refuses an increase', () => {
    expect(decide({ outcome: 'FAVORABLE', euCents: 9_000_000 }, funded)).toMatchObject({ euCents: 9_000_000, reduced: true, status: 'AWARD_PROPOSED' });
    const e = errorOf({ outcome: 'FAVORABLE', euCents: 10_640_001 }, funded);
    expect(e.code).toBe('BUSINESS_RULE_VIOLATED');
    expect(e.details.errors).toEqual([expect.objectContaining({ path: 'euCents', code: 'ABOVE_RETAINED_AMOUNT' })]);
  });

  it('requires a reason code and a motivation for a refusal', () => {
    const e = errorOf({ outcome: 'DEFAVORABLE', reason: '   ' }, funded);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details.errors?.map((x) => x.path)).toEqual(['reasonCode', 'reason']);
    expect(decide({ outcome: 'DEFAVORABLE', reasonCode: 'BUDGET', reason: 'Enveloppe épuisée' }, funded)).toMatchObject({
      status: 'REFUSED',
      euCents: null,
      reasonCode: 'BUDGET',
    });
  });

  it('requires the requests of an adjournment, and refuses fields that do not apply', () => {
    expect(errorOf({ outcome: 'POSTPONED' }, funded).details.errors?.map((x) => x.path)).toEqual(['requests']);
    expect(errorOf({ outcome: 'POSTPONED', requests: 'Budget détaillé', euCents: 5 }, funded).details.errors?.map((x) => x.code)).toEqual(['NOT_APPLICABLE']);
    expect(decide({ outcome: 'POSTPONED', requests: 'Budget détaillé' }, funded)).toMatchObject({ status: 'POSTPONED', requests: 'Budget détaillé' });
  });

  it('only refuses an ineligible dossier, for ineligibility', () => {
    expect(errorOf({ outcome: 'FAVORABLE' }, ineligible).details.errors?.map((x) => x.code)).toEqual(['INELIGIBLE_MUST_BE_REFUSED']);
    expect(errorOf({ outcome: 'DEFAVORABLE', reasonCode: 'QUALITY', reason: 'x' }, ineligible).code).toBe('BUSINESS_RULE_VIOLATED');
    expect(decide({ outcome: 'DEFAVORABLE', reasonCode: 'INELIGIBLE', reason: 'Article 15 non rempli' }, ineligible).status).toBe('REFUSED');
    expect(errorOf({ outcome: 'DEFAVORABLE', reasonCode: 'INELIGIBLE', reason: 'x' }, funded).details.errors?.map((x) => x.code)).toEqual(['NOT_INELIGIBLE']);
  });
});
