import { DomainError } from '../errors/domain-error';
import { idempotencyRequestHash, requireIdempotencyKey } from './idempotency-key';

describe('idempotency keys', () => {
  it('hashes a request independently of key order and undefined fields', () => {
    const a = idempotencyRequestHash({ applicationId: 'x', attestation: true, nested: { b: 1, a: [1, 2] } });
    const b = idempotencyRequestHash({ nested: { a: [1, 2], b: 1 }, attestation: true, applicationId: 'x', ignored: undefined });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyRequestHash({ applicationId: 'x', attestation: true, expectedVersion: 3 })).not.toBe(
      idempotencyRequestHash({ applicationId: 'x', attestation: true }),
    );
  });

  it('requires a key of at most 255 printable characters', () => {
    expect(requireIdempotencyKey('2f1c7c1e-4d0b-4c1a-9a53-3b0f5c1e2d4f')).toBe('2f1c7c1e-4d0b-4c1a-9a53-3b0f5c1e2d4f');
    expect(requireIdempotencyKey(['k1', 'k2'])).toBe('k1');
    for (const [key, code] of [
      [undefined, 'IDEMPOTENCY_KEY_REQUIRED'],
      ['  ', 'IDEMPOTENCY_KEY_REQUIRED'],
      ['a'.repeat(256), 'VALIDATION_FAILED'],
      ['a b', 'VALIDATION_FAILED'],
    ] as const) {
      let thrown: unknown;
      try {
        requireIdempotencyKey(key);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe(code);
    }
  });
});
