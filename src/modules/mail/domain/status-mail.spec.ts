import { statusMail } from './status-mail';

describe('statusMail', () => {
  it('mails the applicant on deposit, complements, decisions and the convention only', () => {
    expect(statusMail('SUBMITTED')?.template).toBe('application-submitted');
    expect(statusMail('INCOMPLETE')?.template).toBe('complements-requested');
    expect(statusMail('CONVENTION_ISSUED')?.template).toBe('convention-ready');
    for (const s of ['INADMISSIBLE', 'PROGRAMMED', 'REFUSED', 'POSTPONED']) expect(statusMail(s)?.template).toBe('decision');
    for (const s of ['ADMISSIBLE', 'UNDER_INSTRUCTION', 'INSTRUCTED', 'UNDER_EVALUATION', 'IN_COMMITTEE', 'WITHDRAWN']) expect(statusMail(s)).toBeUndefined();
  });
});
