import { classifyInfrastructureError } from './infrastructure-errors';

const sysErr = (code: string, syscall = 'open'): Error => Object.assign(new Error(`${code}: x`), { code, syscall });

describe('classifyInfrastructureError', () => {
  it('maps a database that is away to 503 DATABASE_UNAVAILABLE with a Retry-After', () => {
    expect(classifyInfrastructureError(sysErr('ECONNREFUSED', 'connect'))?.code).toBe('SERVICE_UNAVAILABLE');
    expect(classifyInfrastructureError(new Error('Connection terminated unexpectedly'))).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(classifyInfrastructureError(new Error('timeout exceeded when trying to connect'))?.code).toBe('DATABASE_UNAVAILABLE');
    expect(
      classifyInfrastructureError({ message: 'q', driverError: { code: '57P01', message: 'terminating connection due to administrator command' } })?.code,
    ).toBe('DATABASE_UNAVAILABLE');
    expect(classifyInfrastructureError({ code: '40001' })?.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('maps statement and lock timeouts to 504 DATABASE_TIMEOUT', () => {
    expect(classifyInfrastructureError({ driverError: { code: '57014', message: 'canceling statement due to statement timeout' } })?.code).toBe(
      'DATABASE_TIMEOUT',
    );
    expect(classifyInfrastructureError({ code: '55P03' })?.retryAfterSeconds).toBeUndefined();
  });

  it('maps an unwritable files directory to 503 STORAGE_UNAVAILABLE', () => {
    for (const code of ['EACCES', 'EROFS', 'ENOSPC', 'EPERM']) expect(classifyInfrastructureError(sysErr(code))?.code).toBe('STORAGE_UNAVAILABLE');
    expect(classifyInfrastructureError({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })?.code).toBe('STORAGE_UNAVAILABLE');
  });

  it('leaves bugs and business errors alone', () => {
    expect(classifyInfrastructureError(new TypeError('x is undefined'))).toBeNull();
    expect(classifyInfrastructureError({ code: '23505', message: 'duplicate key' })).toBeNull();
    expect(classifyInfrastructureError({ code: 'EACCES' })).toBeNull(); // not a system call failure
    expect(classifyInfrastructureError({ $metadata: { httpStatusCode: 404 } })).toBeNull();
    expect(classifyInfrastructureError(null)).toBeNull();
  });
});
