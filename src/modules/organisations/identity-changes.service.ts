import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/http/time-id-cursor';
import type { AuthUser } from '../auth/auth-context';
import { LEGAL_IDENTITY_FIELDS } from './domain/legal-identity';
import type { CreateIdentityChangeDto, IdentityChangeListResponse, IdentityChangeResponse, ListIdentityChangesQuery } from './dto/identity-change.dto';
import { type IdentityChangeRow, IdentityChangesRepository, type LegalIdentity } from './identity-changes.repository';
import { isUniqueViolation, isUuid } from './organisation-errors';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

/**
 * Changes of a frozen legal identity (docs/security.md): the owner asks, instruction staff approve or refuse. The
 * approval writes the organisation in the same transaction as the decision and its audit row; reports and documents
 * keep naming the beneficiary as in the submission snapshot.
 */
@Injectable()
export class IdentityChangesService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly organisationRows: OrganisationsRepository,
    private readonly requests: IdentityChangesRepository,
  ) {}

  async request(user: AuthUser, actor: Actor, organisationId: string, dto: CreateIdentityChangeDto): Promise<IdentityChangeResponse> {
    const row = await this.dataSource
      .transaction(async (em) => {
        const org = await this.organisations.manageable(user, organisationId, em, true);
        const requested: LegalIdentity = { siret: null, legalName: null, legalForm: null };
        for (const k of LEGAL_IDENTITY_FIELDS) if (dto[k] !== undefined && dto[k] !== org[k]) Object.assign(requested, { [k]: dto[k] });
        if (LEGAL_IDENTITY_FIELDS.every((k) => requested[k] === null)) {
          const message = 'Indiquez au moins un SIRET, une raison sociale ou une forme juridique différents des actuels.';
          throw new DomainError('VALIDATION_FAILED', message, { errors: [{ path: 'siret', code: 'NOTHING_TO_CHANGE', message }] });
        }
        const previous: LegalIdentity = { siret: org.siret, legalName: org.legalName, legalForm: org.legalForm };
        const created = await this.requests.insert(em, { organisationId, requested, reason: dto.reason, previous, requestedBy: user.id });
        await this.audit.record(em, actor, {
          action: 'organisation.identity_change_requested',
          subjectType: 'organisation',
          subjectId: organisationId,
          before: previous,
          after: { requestId: created.id, ...requested },
        });
        return created;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e, 'organisation_identity_change_pending_key')) {
          throw new DomainError('IDENTITY_CHANGE_PENDING', "Une demande de changement d'identité attend déjà la décision du service gestionnaire.");
        }
        throw e;
      });
    return toResponse(row);
  }

  async listForOrganisation(user: AuthUser, organisationId: string): Promise<IdentityChangeResponse[]> {
    await this.organisations.readable(user, organisationId);
    return (await this.requests.listForOrganisation(organisationId)).map(toResponse);
  }

  async list(query: ListIdentityChangesQuery): Promise<IdentityChangeListResponse> {
    const limit = query.limit ?? 50;
    const rows = await this.requests.listByStatus(query.status ?? 'PENDING', limit + 1, query.cursor ? decodeTimeIdCursor(query.cursor) : null);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toResponse), nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.requestedAtKey, last.id) : null };
  }

  async get(id: string): Promise<IdentityChangeResponse> {
    const row = isUuid(id) ? await this.requests.find(id) : null;
    if (!row) throw notFound();
    return toResponse(row);
  }

  /** Approves: the organisation takes the requested values (its version moves), in the decision's transaction. */
  async approve(user: AuthUser, actor: Actor, id: string, version: number, comment: string | null): Promise<IdentityChangeResponse> {
    return this.decide(user, actor, id, version, 'APPROVED', comment);
  }

  async refuse(user: AuthUser, actor: Actor, id: string, version: number, comment: string | null): Promise<IdentityChangeResponse> {
    if (!comment) {
      const message = 'Expliquez le refus au porteur de projet.';
      throw new DomainError('VALIDATION_FAILED', message, { errors: [{ path: 'comment', code: 'REQUIRED', message }] });
    }
    return this.decide(user, actor, id, version, 'REFUSED', comment);
  }

  private async decide(
    user: AuthUser,
    actor: Actor,
    id: string,
    version: number,
    status: 'APPROVED' | 'REFUSED',
    comment: string | null,
  ): Promise<IdentityChangeResponse> {
    const row = await this.dataSource
      .transaction(async (em) => {
        const current = isUuid(id) ? await this.requests.find(id, em, true) : null;
        if (!current) throw notFound();
        if (current.status !== 'PENDING') throw new DomainError('IDENTITY_CHANGE_DECIDED', 'Cette demande a déjà été décidée.');
        if (current.version !== version) throw staleVersion('La demande');
        let before: unknown;
        let after: unknown;
        if (status === 'APPROVED') {
          const org = await this.organisationRows.findWithMembership(current.organisationId, user.id, em, true);
          if (!org) throw notFound();
          const changes = Object.fromEntries(LEGAL_IDENTITY_FIELDS.filter((k) => current[k] !== null).map((k) => [k, current[k]]));
          const updated = await this.organisationRows.update(em, org.id, org.version, changes);
          if (!updated) throw staleVersion('La structure');
          before = { siret: org.siret, legalName: org.legalName, legalForm: org.legalForm, version: org.version };
          after = { requestId: id, siret: updated.siret, legalName: updated.legalName, legalForm: updated.legalForm, version: updated.version };
        }
        const decided = await this.requests.decide(em, id, version, { status, decidedBy: user.id, comment });
        if (!decided) throw staleVersion('La demande');
        await this.audit.record(em, actor, {
          action: status === 'APPROVED' ? 'organisation.identity_change_approved' : 'organisation.identity_change_refused',
          subjectType: 'organisation',
          subjectId: current.organisationId,
          before: before ?? { requestId: id, status: 'PENDING' },
          after: after ?? { requestId: id, status, comment },
        });
        return decided;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e, 'organisation_siret_key')) {
          const message = 'Une autre structure est déjà enregistrée avec ce SIRET : la demande ne peut pas être approuvée.';
          throw new DomainError('SIRET_TAKEN', message, { errors: [{ path: 'siret', code: 'SIRET_TAKEN', message }] });
        }
        throw e;
      });
    return toResponse(row);
  }
}

function toResponse(r: IdentityChangeRow): IdentityChangeResponse {
  return {
    id: r.id,
    organisationId: r.organisationId,
    status: r.status,
    requested: { siret: r.siret, legalName: r.legalName, legalForm: r.legalForm },
    previous: { siret: r.previous.siret ?? null, legalName: r.previous.legalName ?? null, legalForm: r.previous.legalForm ?? null },
    reason: r.reason,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    version: r.version,
  };
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', "Cette demande n'existe pas.");
}
