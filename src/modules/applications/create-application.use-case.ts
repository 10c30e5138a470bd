import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { CreateApplicationDto } from './dto/create-application.dto';
import { ApplicationsRepository } from './applications.repository';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { ApplicationLifecycle } from './lifecycle/application-lifecycle';

export interface CreatedApplication {
  status: number;
  /** Response text (stored for idempotent replays when a key was sent). */
  body: string;
  id: string;
  version: number;
  replayed: boolean;
}

/** Opens a draft dossier on a published, open call for one of the user's organisations. */
@Injectable()
export class CreateApplicationUseCase {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async create(user: AuthUser, actor: Actor, dto: CreateApplicationDto, idempotencyKey?: string, now = new Date()): Promise<CreatedApplication> {
    const call = await this.applications.findCall(dto.callId);
    if (!call || call.status !== 'PUBLISHED' || call.publishedVersion === null) {
      throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou n'est pas publié.");
    }
    if (now >= call.closesAt) throw new DomainError('CALL_CLOSED', "L'appel à projets est clos : il n'est plus possible d'y déposer un dossier.");
    if (now < call.opensAt && !call.draftsBeforeOpening) {
      throw new DomainError('CALL_CLOSED', "L'appel à projets n'est pas encore ouvert : revenez à son ouverture.");
    }
    if (!(await this.applications.isMember(user.id, dto.organisationId))) {
      throw new DomainError('NOT_FOUND', "Cette structure n'existe pas ou vous n'en êtes pas membre.");
    }
    const title = dto.title?.trim() || null;
    const key = idempotencyKey === undefined ? null : requireIdempotencyKey(idempotencyKey);
    const claimed = key ? await this.idempotency.claim(`${user.id}:applications.create`, key, idempotencyRequestHash({ ...dto, title })) : null;
    if (claimed?.kind === 'replay') {
      const stored = JSON.parse(claimed.body) as { id: string; version: number };
      return { status: claimed.status, body: claimed.body, id: stored.id, version: stored.version, replayed: true };
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const id = await this.applications.insert(em, {
          callId: call.id,
          callVersion: call.publishedVersion!,
          organisationId: dto.organisationId,
          createdBy: user.id,
          title,
        });
        await this.lifecycle.created(em, id, actor);
        const response = { id, status: 'DRAFT', version: 1, callId: call.id, organisationId: dto.organisationId };
        const body = claimed ? await this.idempotency.complete(em, claimed.claim, 201, response) : JSON.stringify(response);
        await this.audit.record(em, actor, {
          action: 'application.created',
          subjectType: 'application',
          subjectId: id,
          after: { callId: call.id, callVersion: call.publishedVersion, organisationId: dto.organisationId },
        });
        return { status: 201, body, id, version: 1, replayed: false };
      });
    } catch (e) {
      if (claimed) await this.idempotency.release(claimed.claim).catch(() => undefined);
      throw e;
    }
  }
}
