import { MailModule } from '../mail/mail.module';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { ApplicationLifecycleModule } from '../applications/lifecycle/application-lifecycle.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { BankAccountsService } from './bank-accounts.service';
import { ClosureService } from './closure/closure.service';
import { PaymentClockService } from './payment-clock.service';
import { PaymentsSimulationController } from './payments-simulation.controller';
import { PaymentsController } from './payments.controller';
import { PaymentMails } from './payment-mails';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { RecoveryService } from './recovery.service';
import { PaymentsPagesController } from './web/payments-pages.controller';

/** Payments, bank accounts, the 80-day clock, recovery, irregularities and closure (docs/domain/payments.md). */
@Module({
  imports: [ApplicationLifecycleModule, AuditModule, DocumentsModule, FilesModule, IdempotencyModule, MailModule],
  controllers: [PaymentsController, PaymentsPagesController, PaymentsSimulationController],
  providers: [BankAccountsService, ClosureService, PaymentClockService, PaymentMails, PaymentsRepository, PaymentsService, RecoveryService],
})
export class PaymentsModule {}
