import { Global, Module } from '@nestjs/common';
import { JobQueues } from './job-queues.service';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

/** Producer side of the job system: the api process imports this; the worker never does. */
@Global()
@Module({ providers: [JobQueues, OutboxRelay, OutboxService], exports: [JobQueues, OutboxRelay, OutboxService] })
export class OutboxModule {}
