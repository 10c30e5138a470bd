import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { type CallExecutionSettings, type OperationRow, OperationsRepository } from './operations.repository';

export type { CallExecutionSettings, OperationRow };

type Runner = DataSource | EntityManager;

/**
 * What other modules read of an operation (amendments, execution reports, indicator targets). The `operation` table
 * stays the operations module's: others go through this reader, never its repository (docs/architecture.md).
 */
@Injectable()
export class OperationReader {
  constructor(private readonly repo: OperationsRepository) {}

  callSettings(callId: string, em?: Runner): Promise<CallExecutionSettings> {
    return this.repo.callSettings(callId, em);
  }

  operation(applicationId: string, em?: Runner): Promise<OperationRow | null> {
    return this.repo.operation(applicationId, em);
  }

  programmedEuCents(applicationId: string, em?: Runner): Promise<number> {
    return this.repo.programmedEuCents(applicationId, em);
  }
}

/** The one change another module makes to an operation: an accepted amendment's new end date, in its transaction. */
@Injectable()
export class OperationEndDate {
  constructor(private readonly repo: OperationsRepository) {}

  set(em: EntityManager, applicationId: string, endDate: string): Promise<void> {
    return this.repo.setEndDate(em, applicationId, endDate);
  }
}
