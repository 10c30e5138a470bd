import { Module } from '@nestjs/common';
import { VerificationSimulationController } from './verification-simulation.controller';

@Module({ controllers: [VerificationSimulationController] })
export class VerificationModule {}
