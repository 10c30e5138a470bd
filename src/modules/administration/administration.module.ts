import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { WebModule } from '../web/web.module';
import { AccountsAdminRepository } from './accounts-admin.repository';
import { AccountsAdminService } from './accounts-admin.service';
import { ServiceStatusService } from './service-status.service';
import { AccountsAdminPagesController } from './web/accounts-admin-pages.controller';
import { ServiceStatusPageController } from './web/service-status-page.controller';
import { AccountsSummaryReader } from './accounts-summary.reader';

/** The administrator's pages: staff accounts and the state of the service. */
@Module({
  imports: [AuditModule, WebModule],
  controllers: [AccountsAdminPagesController, ServiceStatusPageController],
  providers: [AccountsSummaryReader, AccountsAdminRepository, AccountsAdminService, ServiceStatusService],
  exports: [AccountsSummaryReader, ServiceStatusService],
})
export class AdministrationModule {}
