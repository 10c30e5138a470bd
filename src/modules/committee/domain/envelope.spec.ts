import fc from 'fast-check';
import { DomainError } from '../../../common/errors/domain-error';
import { assertFitsEnvelope, envelopeUse } from './envelope';

describe('envelope consumption', () => {
  it('reports what remains and a floored gauge', () => {
    expect(envelopeUse(30_000_000, 10_000_000)).toEqual({ envelopeCents: 30_000_000, consumedCents: 10_000_000, remainingCents: 20_000_000, consumedBp: 3333 });
    expect(envelopeUse(0, 0).consumedBp).toBe(0);
  });

  it('refuses an amount above what remains, with the figures', () => {
    expect(() => assertFitsEnvelope(envelopeUse(100, 40), 60)).not.toThrow();
    try {
      assertFitsEnvelope(envelopeUse(100, 40), 61);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect((e as DomainError).code).toBe('ENVELOPE_EXCEEDED');
      expect((e as DomainError).details).toEqual({ envelopeCents: 100, consumedCents: 40, remainingCents: 60, requestedCents: 61 });
    }
  });

  it('never lets the accepted amounts exceed the envelope, whatever the order of requests', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 1, max: 5e8 }), { maxLength: 30 }), (envelope, requests) => {
        let consumed = 0;
        for (const r of requests) {
          try {
            assertFitsEnvelope(envelopeUse(envelope, consumed), r);
            consumed += r;
          } catch {
            /* refused */
          }
        }
        return consumed <= envelope;
      }),
    );
  });
});
