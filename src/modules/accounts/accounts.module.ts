import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { AccountRecoveryWebController } from './account-recovery-web.controller';
import { AccountTokensRepository } from './account-tokens.repository';
import { AccountsWebController } from './accounts-web.controller';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { ProfileWebController } from './profile-web.controller';
import { SignupThrottleService } from './signup-throttle.service';

/** Self-service accounts of applicants: sign-up confirmed by mail, password reset; API and pages. */
@Module({
  imports: [AuthModule, MailModule],
  controllers: [AccountsController, AccountsWebController, AccountRecoveryWebController, ProfileWebController],
  providers: [AccountTokensRepository, AccountsRepository, AccountsService, SignupThrottleService],
})
export class AccountsModule {}
