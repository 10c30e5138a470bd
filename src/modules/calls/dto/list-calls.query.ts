import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const CALL_LIST_STATUSES = ['open', 'upcoming', 'closed', 'draft'] as const;
export type CallListStatus = (typeof CALL_LIST_STATUSES)[number];

export class ListCallsQuery {
  @ApiPropertyOptional({
    enum: CALL_LIST_STATUSES,
    description: 'open, upcoming and closed are public and use the server clock; draft is for staff. Omitted: every call the caller may see.',
  })
  @IsOptional()
  @IsIn(CALL_LIST_STATUSES, { message: `Statut inconnu : ${CALL_LIST_STATUSES.join(', ')}.` })
  status?: CallListStatus;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit est un nombre entier.' })
  @Min(1, { message: 'limit vaut au moins 1.' })
  @Max(100, { message: 'limit vaut au plus 100.' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'Curseur invalide.' })
  cursor?: string;
}
