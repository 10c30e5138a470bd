import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from '../../common/http/keyset-cursor';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { frozenFieldsTouched } from './domain/legal-identity';
import { organisationRights } from './domain/organisation-access';
import type { MemberRole } from './domain/organisation-profile';
import type { ListOrganisationsQuery } from './dto/list-organisations.query';
import type { MemberResponse, OrganisationListResponse, OrganisationResponse } from './dto/organisation.response';
import type { RegisterOrganisationDto } from './dto/register-organisation.dto';
import type { UpdateOrganisationDto } from './dto/update-organisation.dto';
import { IdentityChangesRepository } from './identity-changes.repository';
import { isUniqueViolation, isUuid, organisationNotFound } from './organisation-errors';
import { type OrganisationFields, type OrganisationRow, OrganisationsRepository } from './organisations.repository';

const FIELDS: (keyof OrganisationFields)[] = [
  'siret',
  'legalName',
  'legalForm',
  'essStatus',
  'vatRecovery',
  'advanceCategory',
  'addressLine',
  'postalCode',
  'city',
  'departement',
];

type OrganisationWithRole = OrganisationRow & { memberRole: MemberRole | null };

/** Organisations (structures) and their members; object-level access in every method (404 when not visible). */
@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger(OrganisationsService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly identity: IdentityChangesRepository,
  ) {}

  /** Registers an organisation and makes the caller its OWNER, in one audited transaction. */
  async register(user: AuthUser, actor: Actor, dto: RegisterOrganisationDto): Promise<OrganisationResponse> {
    const fields = pick(dto, FIELDS) as OrganisationFields;
    const row = await this.dataSource
      .transaction(async (em) => {
        const org = await this.organisations.insert(em, fields);
        await this.organisations.insertMember(em, org.id, user.id, 'OWNER');
        await this.audit.record(em, actor, {
          action: 'organisation.registered',
          subjectType: 'organisation',
          subjectId: org.id,
          after: { ...pick(org, FIELDS), ownerUserId: user.id },
        });
        return org;
      })
      .catch((e: unknown) => {
        throw siretTaken(e, fields.siret) ?? e;
      });
    this.logger.log(`organisation ${row.id} registered by user ${user.id} [correlationId=${actor.correlationId}]`);
    return toResponse(row, 'OWNER');
  }

  async listMine(user: AuthUser, query: ListOrganisationsQuery): Promise<OrganisationListResponse> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.organisations.listForMember(user.id, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => toResponse(r, r.memberRole)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(user: AuthUser, id: string): Promise<OrganisationResponse> {
    const row = await this.readable(user, id);
    return toResponse(row, row.memberRole);
  }

  async members(user: AuthUser, id: string): Promise<MemberResponse[]> {
    await this.readable(user, id);
    const rows = await this.organisations.listMembers(id);
    return rows.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }));
  }

  /** Optimistic update: the caller names the version it read (If-Match); 412 when it moved on. */
  async update(user: AuthUser, actor: Actor, id: string, expectedVersion: number, dto: UpdateOrganisationDto): Promise<OrganisationResponse> {
    const row = await this.dataSource
      .transaction(async (em) => {
        const current = await this.manageable(user, id, em, true);
        if (current.version !== expectedVersion) throw stale(current.version);
        const changed = FIELDS.filter((k) => dto[k] !== undefined && dto[k] !== current[k]);
        if (changed.length === 0) return current;
        const identityFields = frozenFieldsTouched(changed, true);
        if (identityFields.length > 0 && (await this.identity.identityFrozen(id, em))) throw identityFrozen(identityFields);
        const updated = await this.organisations.update(em, id, expectedVersion, pick(dto, changed));
        if (!updated) throw stale(current.version);
        await this.audit.record(em, actor, {
          action: 'organisation.updated',
          subjectType: 'organisation',
          subjectId: id,
          before: { ...pick(current, changed), version: current.version },
          after: { ...pick(updated, changed), version: updated.version },
        });
        return { ...updated, memberRole: current.memberRole };
      })
      .catch((e: unknown) => {
        throw siretTaken(e, dto.siret ?? '') ?? e;
      });
    return toResponse(row, row.memberRole);
  }

  /**
   * An OWNER removes a member (or another owner, as long as one owner remains): the membership row goes, so every
   * access check that reads it (organisation, dossiers) refuses at once. Unknown members are a 404.
   */
  async removeMember(user: AuthUser, actor: Actor, id: string, memberUserId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.manageable(user, id, em, true);
      const members = await this.organisations.listMembers(id, em);
      const target = members.find((m) => m.userId === memberUserId);
      if (!target) throw new DomainError('NOT_FOUND', "Cette personne n'est pas membre de la structure.");
      if (target.memberRole === 'OWNER' && members.filter((m) => m.memberRole === 'OWNER').length === 1) {
        throw new DomainError('BUSINESS_RULE_VIOLATED', 'La structure doit garder au moins un responsable.');
      }
      await this.organisations.deleteMember(em, id, memberUserId);
      await this.audit.record(em, actor, {
        action: 'organisation.member_removed',
        subjectType: 'organisation',
        subjectId: id,
        before: { userId: memberUserId, memberRole: target.memberRole },
      });
    });
  }

  /** The organisation when the user may read it (member or staff), else a 404. */
  async readable(user: AuthUser, id: string, em?: EntityManager): Promise<OrganisationWithRole> {
    const row = isUuid(id) ? await this.organisations.findWithMembership(id, user.id, em) : null;
    if (!row || !organisationRights(user.roles, row.memberRole, row.assignedToEvaluator).read) throw organisationNotFound();
    return row;
  }

  /** The organisation when the user manages it (OWNER); 404 when they cannot even see it, 403 when they only read it. */
  async manageable(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<OrganisationWithRole> {
    const row = isUuid(id) ? await this.organisations.findWithMembership(id, user.id, em, lock) : null;
    const rights = organisationRights(user.roles, row?.memberRole ?? null, row?.assignedToEvaluator ?? false);
    if (!row || !rights.read) throw organisationNotFound();
    if (!rights.manage) throw new DomainError('FORBIDDEN', 'Seul un responsable de la structure peut la modifier ou inviter des personnes.');
    return row;
  }
}

export function toResponse(row: OrganisationRow, myRole: MemberRole | null): OrganisationResponse {
  return {
    ...(pick(row, FIELDS) as OrganisationFields),
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    myRole,
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

function stale(current: number): DomainError {
  return new DomainError('PRECONDITION_FAILED', 'La structure a été modifiée entre-temps. Rechargez-la, puis refaites vos changements.', {
    currentVersion: current,
  });
}

/** After a submission the legal identity changes only through a staff-validated request (docs/security.md). */
function identityFrozen(fields: readonly string[]): DomainError {
  const message = `La structure a déposé un dossier : son SIRET, sa raison sociale et sa forme juridique ne changent plus que sur demande validée par le service gestionnaire (demande de changement d'identité, avec son motif).`;
  return new DomainError('IDENTITY_FROZEN', message, { errors: fields.map((path) => ({ path, code: 'IDENTITY_FROZEN', message })) });
}

function siretTaken(e: unknown, siret: string): DomainError | null {
  if (!isUniqueViolation(e, 'organisation_siret_key')) return null;
  const message = `Une structure est déjà enregistrée avec le SIRET ${siret}. Demandez à l'un de ses responsables de vous inviter.`;
  return new DomainError('SIRET_TAKEN', message, { errors: [{ path: 'siret', code: 'SIRET_TAKEN', message }] });
}

function encodeCursor(row: OrganisationRow): string {
  return encodeKeysetCursor([row.legalName, row.id]);
}

function decodeCursor(cursor: string): { legalName: string; id: string } {
  const [legalName, id, ...rest] = decodeKeysetCursor(cursor) ?? [];
  if (typeof legalName === 'string' && typeof id === 'string' && isUuid(id) && !rest.length) return { legalName, id };
  throw invalidCursor('Curseur de pagination invalide.');
}
