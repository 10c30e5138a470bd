/** Who does something, for the audit trail: a signed-in user or the system (jobs, seeds, scheduled rules). */
export interface Actor {
  kind: 'USER' | 'SYSTEM';
  userId: string | null;
  correlationId: string | null;
}

export const systemActor = (correlationId: string | null = null): Actor => ({ kind: 'SYSTEM', userId: null, correlationId });
