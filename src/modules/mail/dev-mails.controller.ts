import { Controller, Get, Header, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/access.decorator';
import { ViewsService } from '../web/views.service';
import { MailRepository, type MailRow } from './mail.repository';
import { frenchDateTime } from '../../common/fr';
import { HTML } from '../web/page-kit';

const STATUS_LABELS: Record<MailRow['status'], string> = { PENDING: 'En attente', SENT: 'Envoyé', FAILED: 'Échec', SKIPPED: 'Non envoyé (préférence)' };

/**
 * The mailbox of the embedded default: without SMTP, a newcomer reads here what Essaim would have sent. It exists
 * outside production only (answers 404 there), since it shows every address and message.
 */
@ApiExcludeController()
@Controller('dev/mails')
export class DevMailsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mails: MailRepository,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async list(): Promise<string> {
    this.assertDevelopment();
    const rows = await this.mails.list({ limit: 100 });
    return this.views.render('dev/mails.njk', { smtp: this.config.mail.smtpUrl !== null, mails: rows.map(view) });
  }

  @Get(':id')
  @Public()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async show(@Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    this.assertDevelopment();
    const mail = await this.mails.find(id);
    if (!mail) throw new DomainError('NOT_FOUND', 'Message introuvable.');
    return this.views.render('dev/mail.njk', { mail: { ...view(mail), text: mail.bodyText } });
  }

  private assertDevelopment(): void {
    if (this.config.env === 'production') throw new DomainError('NOT_FOUND', 'Page introuvable.');
  }
}

function view(m: MailRow) {
  return {
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    template: m.template,
    status: m.status,
    statusLabel: STATUS_LABELS[m.status],
    createdAt: frenchDateTime(new Date(m.createdAt)),
    lastError: m.lastError,
  };
}
