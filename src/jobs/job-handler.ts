import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './queues';

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** A processor for one job name. It must be idempotent: BullMQ delivers at least once. */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(job: Job<JobPayloads[N]>): Promise<void>;
}
