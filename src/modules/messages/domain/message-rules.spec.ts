import fc from 'fast-check';
import { BODY_MAX, cannotWrite, messageProblems, replySubject, SUBJECT_MAX, threadAccess } from './message-rules';

describe('message rules', () => {
  const dossier = { instructorId: 'i1' };
  it('gives the thread to the organisation and instruction staff only; writing on the staff side to the assigned instructor, managers and administrators', () => {
    expect(threadAccess({ roles: ['APPLICANT'], userId: 'u', member: true }, dossier)).toEqual({ side: 'APPLICANT', writer: true });
    expect(threadAccess({ roles: ['APPLICANT'], userId: 'u', member: false }, dossier)).toBeNull();
    expect(threadAccess({ roles: ['INSTRUCTOR'], userId: 'i1', member: false }, dossier)).toEqual({ side: 'STAFF', writer: true });
    expect(threadAccess({ roles: ['INSTRUCTOR'], userId: 'i2', member: false }, dossier)).toEqual({ side: 'STAFF', writer: false });
    expect(threadAccess({ roles: ['PROGRAMME_MANAGER'], userId: 'p', member: false }, dossier)).toEqual({ side: 'STAFF', writer: true });
    expect(threadAccess({ roles: ['EVALUATOR', 'MANAGING_AUTHORITY'], userId: 'e', member: false }, dossier)).toBeNull();
  });

  it('lets the applicant answer only once the intermediate body has written, and nobody before submission', () => {
    const applicant = { side: 'APPLICANT' as const, writer: true };
    const staff = { side: 'STAFF' as const, writer: true };
    expect(cannotWrite(applicant, { submitted: true, staffHasWritten: false })).toMatch(/dès que/);
    expect(cannotWrite(applicant, { submitted: true, staffHasWritten: true })).toBeNull();
    expect(cannotWrite(staff, { submitted: false, staffHasWritten: false })).toMatch(/déposé/);
    expect(cannotWrite(staff, { submitted: true, staffHasWritten: false })).toBeNull();
    expect(cannotWrite({ side: 'STAFF', writer: false }, { submitted: true, staffHasWritten: true })).toMatch(/affecté/);
  });

  it('requires a subject from staff and a bounded body from everyone', () => {
    expect(messageProblems('STAFF', { subject: ' ', body: '' }).map((p) => p.path)).toEqual(['subject', 'body']);
    expect(messageProblems('APPLICANT', { subject: '', body: 'Merci' })).toEqual([]);
    expect(messageProblems('APPLICANT', { subject: '', body: 'é'.repeat(BODY_MAX + 1) })[0]?.code).toBe('TOO_LONG');
  });

  it('accepts any non-blank text within the bounds, and answers keep one « Réponse : » prefix within the subject bound', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: SUBJECT_MAX }).filter((s) => s.trim().length > 0),
        fc.string({ minLength: 1, maxLength: BODY_MAX }).filter((s) => s.trim().length > 0),
        (subject, body) => messageProblems('STAFF', { subject, body }).length === 0,
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = replySubject(s);
        return r.startsWith('Réponse : ') && !r.startsWith('Réponse : Réponse : ') && r.length <= SUBJECT_MAX;
      }),
    );
  });
});
