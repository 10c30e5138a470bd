/** How a session was opened (session.auth_method; docs/security.md). */
export type SessionMethod = 'PASSWORD' | 'PASSWORD_TOTP' | 'PASSWORD_RECOVERY_CODE' | 'PROCONNECT';
