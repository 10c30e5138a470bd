import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { Roles } from '../auth/access.decorator';
import { DashboardService } from './dashboard.service';
import { type Dashboard, FIGURE_IDS, type FigureTable, isFigureId } from './domain/dashboard';

export const DASHBOARD_ROLES = ['MANAGING_AUTHORITY', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'] as const;

class DashboardQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Début de période (inclus, heure de Paris)' }) @IsOptional() @IsString() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Fin de période (incluse)' }) @IsOptional() @IsString() to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Un seul appel' }) @IsOptional() @IsString() callId?: string;
}

class KpisResponse {
  @ApiProperty() callsLaunched: number;
  @ApiProperty() dossiersReceived: number;
  @ApiProperty() projectsFunded: number;
  @ApiProperty({ description: 'FSE+ programmé, en centimes' }) euGrantedCents: number;
  @ApiProperty({ description: 'Enveloppe des appels, en centimes' }) envelopeCents: number;
  @ApiProperty({ description: "Part de l'enveloppe consommée, en points de base (arrondi inférieur)" }) consumptionBp: number;
  @ApiProperty({ description: 'Dépenses déclarées dans les bilans déposés, en centimes (à date, tous appels du périmètre)' }) declaredCents: number;
  @ApiProperty({ description: 'Dépenses retenues par les vérifications finalisées, en centimes' }) verifiedCents: number;
  @ApiProperty({ description: 'FSE+ payé (paiements validés), en centimes' }) paidCents: number;
}

class FigureColumnResponse {
  @ApiProperty() key: string;
  @ApiProperty() header: string;
  @ApiProperty({ enum: ['text', 'count', 'cents', 'bp'] }) kind: string;
}

class FigureTableResponse {
  @ApiProperty({ enum: FIGURE_IDS }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [FigureColumnResponse] }) columns: FigureColumnResponse[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Une ligne par groupe ; montants en centimes, taux en points de base',
  })
  rows: Record<string, string | number>[];
}

class DashboardResponse {
  @ApiProperty({ type: KpisResponse }) kpis: KpisResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FigureTableResponse' },
    description: `Figures : ${FIGURE_IDS.join(', ')}`,
  })
  figures: Record<string, FigureTableResponse>;
}

/** The managing authority's dashboard as data, for staff (managing authority, programme managers, administrators). */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiExtraModels(FigureTableResponse)
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles(...DASHBOARD_ROLES)
  @ApiOperation({ summary: 'Indicateurs du programme et toutes les figures du tableau de bord, pour une période et un appel' })
  @ApiOkResponse({ type: DashboardResponse })
  all(@Query() q: DashboardQuery): Promise<Dashboard> {
    return this.dashboard.dashboard(this.dashboard.scope(q));
  }

  @Get('figures/:figure')
  @Roles(...DASHBOARD_ROLES)
  @ApiOperation({ summary: "Une figure du tableau de bord : le tableau de données d'un graphique" })
  @ApiParam({ name: 'figure', enum: FIGURE_IDS })
  @ApiOkResponse({ type: FigureTableResponse })
  async figure(@Param('figure') figure: string, @Query() q: DashboardQuery): Promise<FigureTable> {
    if (!isFigureId(figure)) throw new DomainError('NOT_FOUND', 'Cette figure n’existe pas.');
    return (await this.dashboard.dashboard(this.dashboard.scope(q))).figures[figure];
  }
}
