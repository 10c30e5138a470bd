import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { ParticipantsRepository } from './participants.repository';

/** What execution reports read of their operation's participants: indicator facts only, never names. */
@Injectable()
export class ParticipantsReader {
  constructor(private readonly repo: ParticipantsRepository) {}

  indicatorFacts(applicationId: string, from: string, to: string, em?: DataSource | EntityManager): ReturnType<ParticipantsRepository['indicatorFacts']> {
    return this.repo.indicatorFacts(applicationId, from, to, em);
  }
}
