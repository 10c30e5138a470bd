import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { computeAmountDue, DEFAULT_INTERIM_CAP_BP } from './domain/amount-due';
import { AmountDueResponse, SimulatePaymentDto } from './dto/simulate-payment.dto';

@ApiTags('payments')
@Controller('api/v1/payments')
export class PaymentsSimulationController {
  @Post('simulate')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Compute the EU amount due and what a payment may pay (stores nothing)' })
  @ApiOkResponse({ type: AmountDueResponse })
  simulate(@Body() dto: SimulatePaymentDto): AmountDueResponse {
    return computeAmountDue({ ...dto, interimCapBp: dto.interimCapBp ?? DEFAULT_INTERIM_CAP_BP });
  }
}
