import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { CofinancingController } from './cofinancing.controller';
import { CofinancingService } from './cofinancing.service';

@Module({ imports: [CallsModule], controllers: [CofinancingController], providers: [CofinancingService] })
export class CofinancingModule {}
