import { DomainError } from '../../../common/errors/domain-error';
import { assertEligibilityFacts } from './eligibility-facts';
import { eligibleFacts } from './eligibility-facts.fixture';

describe('assertEligibilityFacts', () => {
  it('accepts well-formed facts', () => {
    expect(() => assertEligibilityFacts(eligibleFacts())).not.toThrow();
  });

  it('lists every malformed field at once', () => {
    const facts = eligibleFacts({
      submissionDate: '2025-02-30',
      existingProject: true,
      experimentationStartDate: '15/03/2024',
      targetPublics: [' '],
      operationType: '',
    });
    try {
      assertEligibilityFacts(facts);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const error = e as DomainError;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.errors?.map((f) => f.path)).toEqual(['submissionDate', 'experimentationStartDate', 'targetPublics[0]', 'operationType[0]']);
    }
  });
});
