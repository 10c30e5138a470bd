import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentAuth } from '../../auth/auth-context';
import { frenchDateTime } from '../../../common/fr';
import { ViewsService } from '../../web/views.service';
import { ServiceStatusService } from '../service-status.service';
import { adminLayout, HTML } from './admin-layout';

const QUEUE_LABELS: Record<string, string> = {
  system: 'Système (vérifications)',
  documents: 'Documents (accusés, conventions, courriers, procès-verbaux)',
  exports: 'Exports (rapports CSV, XLSX, PDF)',
};

/** « État du service » for administrators: the readiness checks, the job queues and the outbox, as a page. */
@ApiExcludeController()
@Controller('administration/etat-du-service')
@Roles('ADMINISTRATOR')
export class ServiceStatusPageController {
  constructor(
    private readonly status: ServiceStatusService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async page(@CurrentAuth() auth: AuthContext): Promise<string> {
    const s = await this.status.read();
    const ok = s.database.status === 'up' && s.redis.status === 'up';
    return this.views.render('administration/service-status.njk', {
      ...adminLayout(auth, '/administration/etat-du-service'),
      s,
      ok,
      checkedAt: frenchDateTime(s.checkedAt),
      queues: s.queues?.map((q) => ({ ...q, label: QUEUE_LABELS[q.name] ?? q.name })) ?? null,
      oldestPending: s.outbox?.oldestPendingAt ? frenchDateTime(new Date(s.outbox.oldestPendingAt)) : null,
    });
  }
}
