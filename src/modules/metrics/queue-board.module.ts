import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueBoard } from './queue-board';

@Module({ imports: [AuthModule], providers: [QueueBoard], exports: [QueueBoard] })
export class QueueBoardModule {}
