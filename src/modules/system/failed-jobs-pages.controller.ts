import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ROLE_LABELS } from '../auth/roles';
import { ViewsService } from '../web/views.service';
import { FailedJobsService } from './failed-jobs.service';
import { frenchDateTime } from '../../common/fr';
import { HTML } from '../../common/http/html';

const PATH = '/administration/taches';

const JOB_LABELS: Record<string, string> = {
  'system-ping': 'Test de la chaîne des tâches',
  'generate-receipt': 'Accusé de réception',
  'generate-convention': 'Convention attributive',
  'generate-decision-letter': 'Lettre de décision',
  'generate-committee-minutes': 'Procès-verbal de comité',
  'generate-report-export': 'Rapport ou export',
};

/** The administrators' page of jobs that failed for good, with a button to run each again. */
@ApiExcludeController()
@Controller('administration/taches')
@Roles('ADMINISTRATOR')
export class FailedJobsPagesController {
  constructor(
    private readonly jobs: FailedJobsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async page(@CurrentAuth() auth: AuthContext): Promise<string> {
    const jobs = await this.jobs.list();
    return this.views.render('system/failed-jobs.njk', {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [
        { href: '/accueil', label: 'Accueil' },
        { href: PATH, label: 'Tâches en échec', current: true },
      ],
      jobs: jobs.map((j) => ({
        id: j.id,
        label: JOB_LABELS[j.jobName] ?? j.jobName,
        subject: Object.values(j.payload)
          .filter((v) => typeof v === 'string')
          .join(', '),
        failedAt: frenchDateTime(new Date(j.failedAt)),
        reason: j.failureReason,
        retryCount: j.retryCount,
      })),
    });
  }

  @Post(':id/relancer')
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await this.jobs.retry(id, actor);
    void reply.redirect(`${PATH}?relancee=${id}`, 303);
  }
}
