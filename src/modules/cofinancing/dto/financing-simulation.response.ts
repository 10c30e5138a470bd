import { ApiProperty } from '@nestjs/swagger';
import { COFINANCING_VIOLATION_CODES, type CofinancingViolationCode } from '../domain/cofinancing';
import { RATE_BASES, type RateBasis } from '../domain/rate-caps';

export class CofinancingViolationResponse {
  @ApiProperty({ enum: COFINANCING_VIOLATION_CODES }) code: CofinancingViolationCode;
  @ApiProperty() message: string;
}

export class FinancingSimulationResponse {
  @ApiProperty() directCostsCents: number;
  @ApiProperty() flatRateCostsCents: number;
  @ApiProperty({ description: 'CTE = direct + flat-rate costs' }) totalEligibleCostsCents: number;
  @ApiProperty({ enum: RATE_BASES, description: 'CPR art. 112(2): what the rate applies to' }) rateBasis: RateBasis;
  @ApiProperty({ description: 'The total eligible cost, or the public expenditure' }) rateBaseCents: number;
  @ApiProperty({ description: 'floor(base × rate)' }) maxEsfPlusCents: number;
  @ApiProperty() requestedEsfPlusCents: number;
  @ApiProperty() otherResourcesCents: number;
  @ApiProperty() balanced: boolean;
  @ApiProperty({ description: 'The EU rate applied, basis points' }) rateBp: number;
  @ApiProperty({ description: 'The flat rate applied, basis points' }) flatRateBp: number;
  @ApiProperty({ type: [CofinancingViolationResponse] }) violations: CofinancingViolationResponse[];
}
