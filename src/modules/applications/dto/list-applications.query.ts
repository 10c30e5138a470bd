import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../domain/application-status';

export class ListApplicationsQuery {
  @ApiPropertyOptional({ description: 'Présent (ou « true ») : les dossiers de mes structures. Sinon, pour le personnel : les dossiers déposés.' })
  @IsOptional()
  @IsIn(['', 'true', 'false'])
  mine?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Curseur renvoyé par la page précédente (nextCursor)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/)
  cursor?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  callId?: string;
}
