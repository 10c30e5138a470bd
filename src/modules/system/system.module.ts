import { Module } from '@nestjs/common';
import { SystemController } from './system.controller';
import { SystemPingService } from './system-ping.service';

@Module({ controllers: [SystemController], providers: [SystemPingService] })
export class SystemModule {}
