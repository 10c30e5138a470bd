/** Queue and job names, and their payloads: ids only, never personal data (the processor reloads state). */
export const QueueName = {
  System: 'system',
  Documents: 'documents',
  Exports: 'exports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  SystemPing: 'system-ping',
  GenerateReceipt: 'generate-receipt',
  GenerateReportExport: 'generate-report-export',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.SystemPing]: { pingId: string };
  [JobName.GenerateReceipt]: { applicationId: string };
  [JobName.GenerateReportExport]: { reportId: string };
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.SystemPing]: QueueName.System,
  [JobName.GenerateReceipt]: QueueName.Documents,
  [JobName.GenerateReportExport]: QueueName.Exports,
};

/** Retries with exponential backoff; failed jobs kept for inspection; completed ones dropped (Postgres keeps receipts). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
} as const;
