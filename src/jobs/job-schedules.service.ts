import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { JobQueues } from '../common/outbox/job-queues.service';
import { JobName, QueueName } from './queues';

/** Re-registering the schedulers this often brings them back after Redis restarted empty. */
const REGISTER_EVERY_MS = 60_000;

/**
 * The worker's periodic jobs, as BullMQ job schedulers (one run per tick whatever the number of workers): the outbox
 * reconciler, the sweep of orphan temporary files and the reminders. Registering is idempotent; every worker does it at start and
 * then every minute, because a Redis that lost its data also lost the schedulers.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
  ) {}

  private stopped = false;

  onApplicationBootstrap(): void {
    void this.loop();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Every minute once registered; every 2 s until then (Redis still connecting or away). */
  private async loop(): Promise<void> {
    if (this.stopped) return;
    const ok = await this.register();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), ok ? REGISTER_EVERY_MS : 2000);
    this.timer.unref();
  }

  async register(): Promise<boolean> {
    try {
      const system = this.queues.get(QueueName.System);
      const template = (name: JobName) => ({ name, data: {}, opts: { removeOnComplete: true, removeOnFail: 50, attempts: 1 } });
      await system.upsertJobScheduler(JobName.ReconcileOutbox, { every: this.config.queue.reconcileIntervalMs }, template(JobName.ReconcileOutbox));
      await system.upsertJobScheduler(JobName.SweepTempFiles, { every: this.config.files.sweepIntervalMs }, template(JobName.SweepTempFiles));
      await system.upsertJobScheduler(JobName.SendReminders, { every: this.config.queue.remindersIntervalMs }, template(JobName.SendReminders));
      return true;
    } catch (e) {
      this.logger.debug(`job schedulers not registered yet: ${(e as Error).message}`);
      return false;
    }
  }
}
