import { Module } from '@nestjs/common';
import { AccountsWebController } from './accounts-web.controller';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { SignupThrottleService } from './signup-throttle.service';

/** Self-service sign-up of applicants: API and the /inscription page. */
@Module({
  controllers: [AccountsController, AccountsWebController],
  providers: [AccountsRepository, AccountsService, SignupThrottleService],
})
export class AccountsModule {}
