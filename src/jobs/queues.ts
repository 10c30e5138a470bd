/** Queue and job names, and their payloads: ids only, never personal data (the processor reloads state). */
export const QueueName = {
  System: 'system',
  Documents: 'documents',
  Exports: 'exports',
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  SystemPing: 'system-ping',
  ReconcileOutbox: 'reconcile-outbox',
  SweepTempFiles: 'sweep-temp-files',
  SendReminders: 'send-reminders',
  GenerateReceipt: 'generate-receipt',
  GenerateConvention: 'generate-convention',
  GenerateDecisionLetter: 'generate-decision-letter',
  GenerateCommitteeMinutes: 'generate-committee-minutes',
  GenerateReportExport: 'generate-report-export',
  GenerateExecutionReport: 'generate-execution-report',
  GenerateParticipantNotice: 'generate-participant-notice',
  GeneratePaymentDocument: 'generate-payment-document',
  GenerateOperationArchive: 'generate-operation-archive',
  GenerateVerificationReport: 'generate-verification-report',
  SendMail: 'send-mail',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.SystemPing]: { pingId: string };
  // Scheduled by the worker (BullMQ job schedulers), not through the outbox.
  [JobName.ReconcileOutbox]: Record<string, never>;
  [JobName.SweepTempFiles]: Record<string, never>;
  [JobName.SendReminders]: Record<string, never>;
  [JobName.GenerateReceipt]: { applicationId: string };
  // documentId: the PENDING version the job fills (written by DocumentRequests in the requesting transaction).
  [JobName.GenerateConvention]: { documentId: string; applicationId: string };
  [JobName.GenerateDecisionLetter]: { documentId: string; decisionLetterFor: 'admissibility' | 'eligibility' | 'committee'; sourceId: string };
  [JobName.GenerateCommitteeMinutes]: { documentId: string; sessionId: string };
  [JobName.GenerateReportExport]: { reportId: string };
  [JobName.GenerateExecutionReport]: { documentId: string; reportId: string };
  [JobName.GenerateParticipantNotice]: { documentId: string; applicationId: string };
  // A payment certificate (source: payment) or a recovery order (source: recovery_order).
  [JobName.GeneratePaymentDocument]: { documentId: string; source: 'payment' | 'recovery_order'; sourceId: string };
  [JobName.GenerateOperationArchive]: { archiveId: string };
  [JobName.GenerateVerificationReport]: { documentId: string; verificationId: string };
  // The message row holds the address and the text; the job carries its id only.
  [JobName.SendMail]: { mailId: string };
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.SystemPing]: QueueName.System,
  [JobName.ReconcileOutbox]: QueueName.System,
  [JobName.SweepTempFiles]: QueueName.System,
  [JobName.SendReminders]: QueueName.System,
  [JobName.GenerateReceipt]: QueueName.Documents,
  [JobName.GenerateConvention]: QueueName.Documents,
  [JobName.GenerateDecisionLetter]: QueueName.Documents,
  [JobName.GenerateCommitteeMinutes]: QueueName.Documents,
  [JobName.GenerateReportExport]: QueueName.Exports,
  [JobName.GenerateExecutionReport]: QueueName.Documents,
  [JobName.GenerateParticipantNotice]: QueueName.Documents,
  [JobName.GeneratePaymentDocument]: QueueName.Documents,
  [JobName.GenerateOperationArchive]: QueueName.Exports,
  [JobName.GenerateVerificationReport]: QueueName.Documents,
  [JobName.SendMail]: QueueName.Mail,
};

/**
 * Retries with exponential backoff long enough to outlast a dependency outage of several minutes (9 attempts from
 * 2 s: 2 + 4 + … + 256 s ≈ 8.5 min); failed jobs kept for inspection and for the reconciler, which records their
 * reason in the outbox; completed ones dropped after a day (Postgres keeps `outbox.done_at` and the receipts).
 */
export function jobOptions(q: { attempts: number; backoffMs: number }) {
  return {
    attempts: q.attempts,
    backoff: { type: 'exponential', delay: q.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  } as const;
}

/** Outbox rows are published with their id as job id; scheduler jobs have ids of their own. */
export function isOutboxJobId(id: string | undefined): id is string {
  return !!id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}
