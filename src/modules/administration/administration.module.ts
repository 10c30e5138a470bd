import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { WebModule } from '../web/web.module';
import { AccountsAdminRepository } from './accounts-admin.repository';
import { AccountsAdminService } from './accounts-admin.service';
import { ServiceStatusService } from './service-status.service';
import { AccountsAdminPagesController } from './web/accounts-admin-pages.controller';
import { ServiceStatusPageController } from './web/service-status-page.controller';

/** The administrator's pages: staff accounts and the state of the service. */
@Module({
  imports: [AuditModule, WebModule],
  controllers: [AccountsAdminPagesController, ServiceStatusPageController],
  providers: [AccountsAdminRepository, AccountsAdminService, ServiceStatusService],
})
export class AdministrationModule {}
