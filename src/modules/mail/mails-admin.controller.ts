import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MailResponse, MailRetryResponse } from './dto/mail.response';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxService } from '../../common/outbox/outbox.service';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { JobName } from '../../jobs/queues';
import { Roles } from '../auth/access.decorator';
import { CurrentActor } from '../auth/auth-context';
import { MailRepository, type MailRow } from './mail.repository';

const STATUSES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;

/** Administrators see what was sent and what failed, with the reason, and send a failed message again. */
@ApiTags('mail')
@ApiBearerAuth()
@Controller('api/v1/mails')
@Roles('ADMINISTRATOR')
export class MailsAdminController {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly mails: MailRepository,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Latest mail messages, newest first (100 at most)' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiOkResponse({ type: [MailResponse] })
  async list(@Query('status') status?: string): Promise<Omit<MailRow, 'bodyText' | 'bodyHtml'>[]> {
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new DomainError('VALIDATION_FAILED', 'Statut inconnu.', {
        errors: [{ path: 'status', code: 'NOT_ALLOWED_VALUE', message: 'Statut attendu : PENDING, SENT, FAILED ou SKIPPED.' }],
      });
    }
    const rows = await this.mails.list({ status: status as MailRow['status'] | undefined, limit: 100 });
    return rows.map(({ bodyText: _t, bodyHtml: _h, ...rest }) => rest);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed message again' })
  @ApiAcceptedResponse({ type: MailRetryResponse })
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor): Promise<{ id: string; status: 'PENDING' }> {
    await this.dataSource.transaction(async (em) => {
      if (!(await this.mails.reopen(em, id))) throw new DomainError('NOT_FOUND', "Ce message n'existe pas ou n'est pas en échec.");
      await this.outbox.enqueue(em, JobName.SendMail, { mailId: id });
      await this.audit.record(em, actor, { action: 'mail.retried', subjectType: 'mail_message', subjectId: id });
    });
    this.relay.kick();
    return { id, status: 'PENDING' };
  }
}
