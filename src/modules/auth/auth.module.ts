import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../../common/audit/audit.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { MeService } from './me.service';
import { ProConnectService } from './proconnect/proconnect.service';
import { SecondFactorRepository } from './second-factor/second-factor.repository';
import { SecondFactorService } from './second-factor/second-factor.service';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [AuditModule],
  controllers: [AuthController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    LoginThrottleService,
    MeService,
    ProConnectService,
    SecondFactorRepository,
    SecondFactorService,
    SessionsRepository,
  ],
  exports: [AuthService, MeService, ProConnectService, SecondFactorRepository, SecondFactorService, SessionsRepository],
})
export class AuthModule {}
