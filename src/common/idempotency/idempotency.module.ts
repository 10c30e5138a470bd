import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Idempotency keys for every module's creating POSTs (docs/api.md): one provider, imported where needed. */
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
