import { ApiProperty } from '@nestjs/swagger';
import { COFINANCING_VIOLATION_CODES, type CofinancingViolationCode } from '../domain/cofinancing';

export class CofinancingViolationResponse {
  @ApiProperty({ enum: COFINANCING_VIOLATION_CODES }) code: CofinancingViolationCode;
  @ApiProperty() message: string;
}

export class FinancingSimulationResponse {
  @ApiProperty() directCostsCents: number;
  @ApiProperty() flatRateCostsCents: number;
  @ApiProperty({ description: 'CTE = direct + flat-rate costs' }) totalEligibleCostsCents: number;
  @ApiProperty({ description: 'floor(CTE × rate)' }) maxEsfPlusCents: number;
  @ApiProperty() requestedEsfPlusCents: number;
  @ApiProperty() otherResourcesCents: number;
  @ApiProperty() balanced: boolean;
  @ApiProperty({ description: 'The EU rate applied, basis points' }) rateBp: number;
  @ApiProperty({ description: 'The flat rate applied, basis points' }) flatRateBp: number;
  @ApiProperty({ type: [CofinancingViolationResponse] }) violations: CofinancingViolationResponse[];
}
