import fc from 'fast-check';
import { separationRefusal } from './separation';

describe('separation of functions (CPR Annex XI)', () => {
  it('refuses the proposer and the verifier, accepts a third person', () => {
    expect(separationRefusal('a', { proposedBy: 'a', verifiedBy: 'b' })).toMatch(/proposé/);
    expect(separationRefusal('b', { proposedBy: 'a', verifiedBy: 'b' })).toMatch(/vérifié/);
    expect(separationRefusal('c', { proposedBy: 'a', verifiedBy: 'b' })).toBeNull();
    expect(separationRefusal('c', { proposedBy: 'a', verifiedBy: null })).toBeNull();
  });

  it('accepts exactly the validators who are neither proposer nor verifier', () => {
    const id = fc.constantFrom('u1', 'u2', 'u3');
    fc.assert(
      fc.property(id, id, fc.option(id, { nil: null }), (validator, proposedBy, verifiedBy) => {
        const ok = separationRefusal(validator, { proposedBy, verifiedBy }) === null;
        expect(ok).toBe(validator !== proposedBy && validator !== verifiedBy);
      }),
    );
  });
});
