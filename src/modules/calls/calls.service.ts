import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from '../../common/http/keyset-cursor';
import type { RateBasis } from '../cofinancing/domain/rate-caps';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { CALL_MANAGERS, type Role } from '../auth/roles';
import type { CallFinancingRules } from '../cofinancing/domain/cofinancing';
import { validateCsessGrid } from '../eligibility/domain/csess-grid';
import { assertValidCallGrid, callGridOf } from '../evaluation/domain/call-grid';
import { assertValidGrid, type EvaluationGrid } from '../evaluation/domain/evaluation-grid';
import { applyDto, CALL_DEFAULTS, changedFields, fieldsOf, NULLABLE_FIELDS, toCallResponse, toCallSummary } from './calls.mapper';
import { type CallFields, type CallListFilter, type CallRecord, CallsRepository } from './calls.repository';
import { validateCallForPublication, validateCallRules } from './domain/call-window';
import type { CallPageResponse, CallResponse, CallVersionResponse } from './dto/call.response';
import type { CreateCallDto } from './dto/create-call.dto';
import type { ListCallsQuery } from './dto/list-calls.query';
import type { UpdateCallDto } from './dto/update-call.dto';

/** Who is looking: null for an anonymous visitor. */
export type Viewer = { roles: readonly Role[] } | null;

const DEFAULT_PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const notFound = () => new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible.");

/**
 * Calls for projects: drafting, publication (rules frozen into `call_version`), and reading by anyone once
 * published. Every write is one transaction with its audit row last.
 */
@Injectable()
export class CallsService {
  private readonly logger = new Logger(CallsService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly calls: CallsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async create(dto: CreateCallDto, actor: Actor): Promise<CallResponse> {
    rejectNulls(dto);
    const fields = applyDto(
      { ...CALL_DEFAULTS, reference: '', title: '', envelopeCents: 0, opensAt: new Date(0), closesAt: new Date(0), costOptions: [] },
      dto,
    );
    assertRules(fields);
    const id = await this.write(async (em) => {
      const newId = await this.calls.insert(em, fields, actor.userId);
      await this.audit.record(em, actor, { action: 'call.created', subjectType: 'call', subjectId: newId, after: fields });
      return newId;
    });
    this.logger.log(`call ${id} created [correlationId=${actor.correlationId}]`);
    return this.loadResponse(id);
  }

  /**
   * Applies a partial change at `expectedVersion`. On a published call the change is published at once as the next
   * rules version, in the same transaction: dossiers keep the version they were created or submitted under.
   */
  async update(id: string, dto: UpdateCallDto, expectedVersion: number, actor: Actor): Promise<CallResponse> {
    rejectNulls(dto);
    await this.write(async (em) => {
      const call = await this.lockAt(em, id, expectedVersion);
      if (call.status === 'ARCHIVED') throw new DomainError('INVALID_STATUS_TRANSITION', 'Un appel archivé ne peut plus être modifié.');
      const before = fieldsOf(call);
      const after = applyDto(before, dto);
      const changed = changedFields(before, after);
      if (changed.length === 0) return;
      // docs/domain/evaluation.md: the grid is frozen with the published version; scores refer to its criteria.
      if (call.status !== 'DRAFT' && changed.includes('evaluationGrid')) throw gridFrozen();
      if (call.status !== 'DRAFT' && changed.includes('csessGrid')) {
        throw new DomainError('CSESS_GRID_LOCKED', "La grille CSESS se modifie tant que l'appel est un brouillon : elle est figée depuis sa publication.");
      }
      // docs/domain/execution.md: dossiers declare targets for the call's indicators and conventions print its
      // deadlines, so the execution settings are set while the call is a draft.
      const execution = (['signatureDeadlineDays', 'reallocationToleranceBp', 'indicatorCodes'] as const).filter((k) => changed.includes(k));
      if (call.status !== 'DRAFT' && execution.length) {
        throw new DomainError('EXECUTION_SETTINGS_LOCKED', "Les paramètres d'exécution se modifient tant que l'appel est un brouillon.", {
          errors: execution.map((path) => ({ path, code: 'EXECUTION_SETTINGS_LOCKED', message: "Modifiable tant que l'appel est un brouillon." })),
        });
      }
      assertRules(after);
      if (!(await this.calls.update(em, id, expectedVersion, after))) throw stale(call.version);
      const diff = { before: pick(before, changed), after: pick(after, changed) };
      if (call.status === 'PUBLISHED') {
        const version = (call.publishedVersion ?? 0) + 1;
        await this.calls.bumpPublishedVersion(em, id, version);
        await this.calls.insertVersion(em, id, version, actor.userId);
        await this.audit.record(em, actor, {
          action: 'call.republished',
          subjectType: 'call',
          subjectId: id,
          ...diff,
          after: { ...diff.after, publishedVersion: version },
        });
      } else {
        await this.audit.record(em, actor, { action: 'call.updated', subjectType: 'call', subjectId: id, ...diff });
      }
    });
    return this.loadResponse(id);
  }

  /** First publication of a draft: checks the rules, freezes them as version n+1 and audits, atomically. */
  async publish(id: string, expectedVersion: number, actor: Actor): Promise<CallResponse> {
    await this.write(async (em) => {
      const call = await this.lockAt(em, id, expectedVersion);
      if (call.status !== 'DRAFT') {
        throw new DomainError('INVALID_STATUS_TRANSITION', 'Cet appel est déjà publié : toute modification publie directement une nouvelle version.');
      }
      const errors = [...validateCallForPublication(call, new Date()), ...publicationGridErrors(call.evaluationGrid)];
      if (errors.length) throw invalid(errors, "L'appel ne peut pas être publié en l'état.");
      const version = await this.calls.markPublished(em, id, expectedVersion);
      if (version === null) throw stale(call.version);
      await this.calls.insertVersion(em, id, version, actor.userId);
      await this.audit.record(em, actor, { action: 'call.published', subjectType: 'call', subjectId: id, after: { publishedVersion: version } });
    });
    this.logger.log(`call ${id} published [correlationId=${actor.correlationId}]`);
    return this.loadResponse(id);
  }

  /** A published call for anyone; a draft for those who manage calls only (others get the same 404 as for an unknown id). */
  async get(id: string, viewer: Viewer): Promise<CallResponse> {
    const call = await this.calls.findById(id);
    if (!call || (call.status === 'DRAFT' && !managesCalls(viewer))) throw notFound();
    return toCallResponse(call, new Date());
  }

  /** The rules as frozen at publication `version`. */
  async getVersion(id: string, version: number): Promise<CallVersionResponse> {
    if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647) throw notFound();
    const found = await this.calls.findVersion(id, version);
    if (!found) throw notFound();
    return { callId: id, version, publishedAt: found.publishedAt.toISOString(), rules: toCallResponse(found.call, new Date()) };
  }

  async list(query: ListCallsQuery, viewer: Viewer): Promise<CallPageResponse> {
    if (query.status === 'draft' && !viewer) throw new DomainError('UNAUTHENTICATED', 'Authentification requise pour lister les brouillons.');
    if (query.status === 'draft' && !managesCalls(viewer))
      throw new DomainError('FORBIDDEN', 'Seuls les gestionnaires des appels voient les appels en brouillon.');
    const filter: CallListFilter = query.status ?? (managesCalls(viewer) ? 'all' : 'published');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const now = new Date();
    const rows = await this.calls.list(filter, now, limit, query.cursor ? decodeCursor(query.cursor, filter) : null);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((c) => toCallSummary(c, now)),
      nextCursor: rows.length > limit && last ? encodeCursor({ f: filter, k: last.sortKey, id: last.id }) : null,
    };
  }

  /** The financing rules of a published call, for the co-financing simulation. */
  async financingRules(id: string): Promise<{ maxRateBp: number; rateBasis: RateBasis; rules: CallFinancingRules }> {
    const call = await this.calls.findById(id);
    if (!call || call.status === 'DRAFT') throw notFound();
    return {
      maxRateBp: call.maxRateBp,
      rateBasis: call.rateBasis,
      rules: { allowedOptions: call.costOptions, minEuCents: call.minEuCents, maxEuCents: call.maxEuCents, simplifiedCosts: call.simplifiedCosts },
    };
  }

  private async lockAt(em: EntityManager, id: string, expectedVersion: number): Promise<CallRecord> {
    const call = await this.calls.findByIdForUpdate(em, id);
    if (!call) throw notFound();
    if (call.version !== expectedVersion) throw stale(call.version);
    return call;
  }

  private async loadResponse(id: string): Promise<CallResponse> {
    const call = await this.calls.findById(id);
    if (!call) throw notFound();
    return toCallResponse(call, new Date());
  }

  /** One transaction; a duplicate reference becomes a 409 on the `reference` field. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      const driver = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driver?.code === '23505' && driver.constraint === 'call_reference_key') {
        throw new DomainError('CALL_REFERENCE_TAKEN', 'Un autre appel à projets porte déjà cette référence.', {
          errors: [{ path: 'reference', code: 'ALREADY_USED', message: 'Cette référence est déjà utilisée par un autre appel.' }],
        });
      }
      throw e;
    }
  }
}

/** A draft call is work in progress of the programme managers: evaluators, instructors and applicants never see it. */
export function managesCalls(viewer: Viewer): boolean {
  return !!viewer && viewer.roles.some((r) => CALL_MANAGERS.includes(r));
}

function assertRules(fields: CallFields): void {
  const errors = [...validateCallRules(fields), ...gridErrors(fields.evaluationGrid), ...csessErrors(fields.csessGrid)];
  if (errors.length) throw invalid(errors, `${errors.length} règle(s) de l'appel à corriger.`);
}

function gridErrors(grid: Record<string, unknown> | null): FieldError[] {
  if (!grid) return [];
  try {
    assertValidGrid(grid as unknown as EvaluationGrid);
    const withOptions = callGridOf(grid);
    if (withOptions) assertValidCallGrid(withOptions);
    return [];
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return (e.details.errors ?? []).map((err) => ({ ...err, path: `evaluationGrid.${err.path}` }));
  }
}

/**
 * The selection panel scores every dossier against the call's grid, and the grid is
 * frozen at publication: a call published without one could never be evaluated, ranked or put on a committee agenda.
 */
export function publicationGridErrors(grid: Record<string, unknown> | null): FieldError[] {
  if (!grid) return [{ path: 'evaluationGrid', code: 'REQUIRED', message: MISSING_GRID_MESSAGE }];
  return gridErrors(grid);
}

export const MISSING_GRID_MESSAGE =
  "Ajoutez la grille d'évaluation avant de publier : elle est figée à la publication et sans elle les dossiers ne pourront être ni évalués ni classés.";

function csessErrors(grid: CallFields['csessGrid']): FieldError[] {
  return grid ? validateCsessGrid(grid).map((err) => ({ ...err, path: `csessGrid.${err.path}` })) : [];
}

/** Only `maxEuCents`, `evaluationGrid` and `csessGrid` may be cleared with null. */
function rejectNulls(dto: object): void {
  const errors = Object.entries(dto)
    .filter(([key, value]) => value === null && !NULLABLE_FIELDS.has(key))
    .map(([path]) => ({ path, code: 'REQUIRED', message: 'Ce champ ne peut pas être vide.' }));
  if (errors.length) throw invalid(errors, `${errors.length} champ(s) invalide(s).`);
}

function invalid(errors: FieldError[], message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors });
}

function gridFrozen(): DomainError {
  return new DomainError('EVALUATION_GRID_FROZEN', "La grille d'évaluation est figée depuis la publication de l'appel.");
}

function stale(currentVersion: number): DomainError {
  return new DomainError('PRECONDITION_FAILED', "L'appel a été modifié entre-temps : rechargez-le avant de le modifier.", { currentVersion });
}

function pick(fields: CallFields, keys: (keyof CallFields)[]): Partial<CallFields> {
  return Object.fromEntries(keys.map((k) => [k, fields[k]]));
}

interface Cursor {
  f: CallListFilter;
  k: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return encodeKeysetCursor([c.f, c.k, c.id]);
}

/** The cursor carries its filter: a cursor of another list is refused rather than read in the wrong order. */
function decodeCursor(raw: string, filter: CallListFilter): { key: string; id: string } {
  const [f, k, id, ...rest] = decodeKeysetCursor(raw) ?? [];
  if (f !== filter || typeof k !== 'string' || !SORT_KEY.test(k) || typeof id !== 'string' || !UUID.test(id) || rest.length) {
    throw invalidCursor('Curseur invalide pour cette liste : repartez de la première page.');
  }
  return { key: k, id };
}
