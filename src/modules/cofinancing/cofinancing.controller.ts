import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorator';
import { CofinancingService } from './cofinancing.service';
import { FinancingSimulationResponse } from './dto/financing-simulation.response';
import { SimulateFinancingDto } from './dto/simulate-financing.dto';

@ApiTags('cofinancing')
@Controller('api/v1/cofinancing')
export class CofinancingController {
  constructor(private readonly cofinancing: CofinancingService) {}

  /**
   * Public on purpose: it stores nothing and reads only published call rules (already public), so a structure can
   * check its budget before creating an account. Bounded by the array limits and the 1 MB body limit.
   */
  @ApiOperation({ summary: 'Simuler le cofinancement FSE+ d’un plan de financement' })
  @Post('simulate')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: FinancingSimulationResponse })
  simulate(@Body() dto: SimulateFinancingDto): Promise<FinancingSimulationResponse> {
    return this.cofinancing.simulate(dto);
  }
}
