import { Module } from '@nestjs/common';
import { PaymentsSimulationController } from './payments-simulation.controller';

@Module({ controllers: [PaymentsSimulationController] })
export class PaymentsModule {}
