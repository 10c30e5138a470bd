import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { filtersToStored, parseListFilters } from './domain/list-query';
import type { SavedViewScope } from './dto/saved-view.dto';
import { type SavedViewRow, InstructionRepository } from './instruction.repository';

const viewNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette vue n'existe pas ou ne vous appartient pas.");

/** Per-user saved filters of the instructor list. A view is its owner's only: anyone else gets a 404. */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repo: InstructionRepository,
  ) {}

  list(user: AuthUser, scope: SavedViewScope = 'INSTRUCTION_LIST'): Promise<SavedViewRow[]> {
    return this.repo.savedViews(user.id, scope);
  }

  /** The query is checked as the list checks it, and stored normalised (so a view always replays). */
  async create(user: AuthUser, actor: Actor, input: { name: string; scope?: SavedViewScope; query: Record<string, unknown> }): Promise<SavedViewRow> {
    const errors: FieldError[] = [];
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name.length < 1 || name.length > 100) errors.push({ path: 'name', code: 'INVALID_NAME', message: 'Le nom de la vue compte de 1 à 100 caractères.' });
    const filterErrors: FieldError[] = [];
    const { cursor: _c, limit: _l, ...query } = input.query;
    const filters = parseListFilters(query, filterErrors);
    errors.push(...filterErrors.map((e) => ({ ...e, path: `query.${e.path}` })));
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'La vue est invalide.', { errors });
    return this.dataSource.transaction(async (em) => {
      const view = await this.repo.insertSavedView(em, { userId: user.id, scope: input.scope ?? 'INSTRUCTION_LIST', name, query: filtersToStored(filters) });
      if (!view) {
        throw new DomainError('CONFLICT', 'Vous avez déjà une vue de ce nom.', {
          errors: [{ path: 'name', code: 'NAME_TAKEN', message: 'Vous avez déjà une vue de ce nom.' }],
        });
      }
      await this.audit.record(em, actor, {
        action: 'saved_view.created',
        subjectType: 'saved_view',
        subjectId: view.id,
        after: { name, scope: view.scope, query: view.query },
      });
      return view;
    });
  }

  async remove(user: AuthUser, actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const view = await this.repo.deleteSavedView(em, user.id, id);
      if (!view) throw viewNotFound();
      await this.audit.record(em, actor, {
        action: 'saved_view.deleted',
        subjectType: 'saved_view',
        subjectId: id,
        before: { name: view.name, scope: view.scope },
      });
    });
  }
}
