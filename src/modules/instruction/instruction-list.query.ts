import { Injectable } from '@nestjs/common';
import { parseListQuery } from './domain/list-query';
import { callNotFound } from './instruction-access';
import { type InstructionListPage, type ListPage, toInstructionListPage, toListPositions } from './instruction-list.sql';
import { InstructionRepository } from './instruction.repository';

/** `GET /api/v1/calls/:id/applications`: the submitted dossiers of a call, filtered, sorted, keyset-paginated. */
@Injectable()
export class InstructionListQuery {
  constructor(private readonly repo: InstructionRepository) {}

  async list(callId: string, raw: Record<string, unknown>): Promise<InstructionListPage> {
    const q = parseListQuery(raw);
    if (!(await this.repo.findCall(callId))) throw callNotFound();
    return toInstructionListPage(await this.repo.list(callId, q), q);
  }

  /** The page's pagination: total count, numbered pages with their cursors, current page (null: an API cursor). */
  async positions(callId: string, raw: Record<string, unknown>): Promise<{ total: number; pages: ListPage[]; current: number | null }> {
    const q = parseListQuery(raw);
    return toListPositions(await this.repo.listPositions(callId, q, q.limit), q);
  }
}
