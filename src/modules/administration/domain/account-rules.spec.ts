import { checkStaffRoles, selfLockoutError } from './account-rules';
import { temporaryPassword } from './temporary-password';

describe('staff account rules', () => {
  it('keeps known staff roles in a stable order and refuses applicant or unknown roles', () => {
    expect(checkStaffRoles(['EVALUATOR', 'INSTRUCTOR'])).toEqual({ roles: ['INSTRUCTOR', 'EVALUATOR'], errors: [] });
    expect(checkStaffRoles([]).errors).toEqual([{ path: 'roles', code: 'REQUIRED', message: 'Cochez au moins un rôle.' }]);
    expect(checkStaffRoles(['APPLICANT']).errors[0]?.code).toBe('UNKNOWN_ROLE');
    expect(checkStaffRoles(['SUPERUSER', 'INSTRUCTOR']).errors[0]?.code).toBe('UNKNOWN_ROLE');
  });

  it('stops an administrator from deactivating themselves or dropping their own administrator role', () => {
    expect(selfLockoutError('a', 'a', { deactivate: true })).toMatch(/propre compte/);
    expect(selfLockoutError('a', 'a', { roles: ['INSTRUCTOR'] })).toMatch(/rôle d’administrateur/);
    expect(selfLockoutError('a', 'a', { roles: ['ADMINISTRATOR', 'INSTRUCTOR'] })).toBeNull();
    expect(selfLockoutError('a', 'b', { deactivate: true })).toBeNull();
  });

  it('draws temporary passwords of 19 characters from an alphabet without look-alikes', () => {
    const p = temporaryPassword();
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
    expect(temporaryPassword(() => 0)).toBe('aaaa-aaaa-aaaa-aaaa');
    expect(new Set(Array.from({ length: 50 }, () => temporaryPassword())).size).toBe(50);
  });
});
