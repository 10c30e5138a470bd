import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { selectSample } from './domain/sampling';
import { SampleSelectionResponse, SimulateSampleDto } from './dto/simulate-sample.dto';

@ApiTags('verification')
@Controller('api/v1/verification')
export class VerificationSimulationController {
  @Post('sample/simulate')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Redo the sampling of a verification from its seed and parameters (stores nothing)' })
  @ApiOkResponse({ type: SampleSelectionResponse })
  simulate(@Body() dto: SimulateSampleDto): SampleSelectionResponse {
    return selectSample(dto.lines, dto);
  }
}
