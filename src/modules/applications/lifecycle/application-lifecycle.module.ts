import { Module } from '@nestjs/common';
import { ApplicationLifecycle } from './application-lifecycle';
import { ApplicationStatusRepository } from './application-status.repository';

/**
 * The dossier lifecycle alone, so that modules the applications module itself depends on (documents) can register
 * listeners without a module cycle. `ApplicationsModule` re-exports it.
 */
@Module({
  providers: [ApplicationLifecycle, ApplicationStatusRepository],
  exports: [ApplicationLifecycle],
})
export class ApplicationLifecycleModule {}
