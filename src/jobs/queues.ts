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
  GenerateReceipt: 'generate-receipt',
  GenerateConvention: 'generate-convention',
  GenerateDecisionLetter: 'generate-decision-letter',
  GenerateCommitteeMinutes: 'generate-committee-minutes',
  GenerateReportExport: 'generate-report-export',
  SendMail: 'send-mail',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.SystemPing]: { pingId: string };
  [JobName.GenerateReceipt]: { applicationId: string };
  // documentId: the PENDING version the job fills (written by DocumentRequests in the requesting transaction).
  [JobName.GenerateConvention]: { documentId: string; applicationId: string };
  [JobName.GenerateDecisionLetter]: { documentId: string; decisionLetterFor: 'admissibility' | 'eligibility' | 'committee'; sourceId: string };
  [JobName.GenerateCommitteeMinutes]: { documentId: string; sessionId: string };
  [JobName.GenerateReportExport]: { reportId: string };
  // The message row holds the address and the text; the job carries its id only.
  [JobName.SendMail]: { mailId: string };
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.SystemPing]: QueueName.System,
  [JobName.GenerateReceipt]: QueueName.Documents,
  [JobName.GenerateConvention]: QueueName.Documents,
  [JobName.GenerateDecisionLetter]: QueueName.Documents,
  [JobName.GenerateCommitteeMinutes]: QueueName.Documents,
  [JobName.GenerateReportExport]: QueueName.Exports,
  [JobName.SendMail]: QueueName.Mail,
};

/** Retries with exponential backoff; failed jobs kept for inspection; completed ones dropped (Postgres keeps receipts). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
} as const;
