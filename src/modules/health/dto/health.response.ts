import { ApiProperty } from '@nestjs/swagger';

export class HealthLiveResponse {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

export class HealthReadyChecksResponse {
  @ApiProperty({ enum: ['up', 'down'] }) database!: string;
  @ApiProperty({ enum: ['up', 'down'] }) redis!: string;
}

export class HealthReadyResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: string;
  @ApiProperty({ type: HealthReadyChecksResponse }) checks!: HealthReadyChecksResponse;
}
