import { categoryOf, INBOX_TEMPLATES } from './notification-categories';

describe('notification categories', () => {
  it('keep account mails (single-use links) out of the inbox and out of the preferences', () => {
    for (const t of ['verify-email', 'password-reset', 'password-changed', 'account-exists']) expect(categoryOf(t)).toBeNull();
    expect(INBOX_TEMPLATES).not.toContain('password-reset');
  });

  it('put every dossier status mail and every reminder in an optional category', () => {
    for (const t of ['application-submitted', 'complements-requested', 'decision', 'convention-ready']) expect(categoryOf(t)).toBe('DOSSIER');
    for (const t of ['complements-reminder', 'report-reminder', 'signature-reminder']) expect(categoryOf(t)).toBe('REMINDER');
  });
});
