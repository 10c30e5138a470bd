import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorator';
import { AccountsService } from './accounts.service';
import { AccountRequestAccepted, PasswordResetDto, PasswordResetRequestDto, TokenDto } from './dto/account-recovery.dto';
import { CreateAccountDto } from './dto/create-account.dto';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Create an applicant account; it is usable once the link mailed to the address is followed' })
  @ApiAcceptedResponse({ type: AccountRequestAccepted, description: 'Same answer whether the address is new or not.' })
  @ApiTooManyRequestsResponse({ description: 'Trop de demandes depuis cette adresse IP.' })
  signUp(@Body() dto: CreateAccountDto, @Req() req: FastifyRequest): Promise<AccountRequestAccepted> {
    return this.accounts.signUp(dto, req.ip, String(req.id));
  }

  @Post('verification')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token of the mailed link' })
  @ApiNoContentResponse({ description: 'Address confirmed; the account can log in.' })
  @ApiBadRequestResponse({ description: 'ACCOUNT_LINK_INVALID: unknown, used or expired token.' })
  async verify(@Body() dto: TokenDto, @Req() req: FastifyRequest): Promise<void> {
    await this.accounts.verifyEmail(dto.token, String(req.id));
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a single-use password reset link, valid one hour' })
  @ApiAcceptedResponse({ type: AccountRequestAccepted, description: 'Same answer whether an account exists or not.' })
  requestReset(@Body() dto: PasswordResetRequestDto, @Req() req: FastifyRequest): Promise<AccountRequestAccepted> {
    return this.accounts.requestPasswordReset(dto.email, req.ip, String(req.id));
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the token of the reset link; every session of the account ends' })
  @ApiNoContentResponse({ description: 'Password changed.' })
  @ApiBadRequestResponse({ description: 'ACCOUNT_LINK_INVALID, or VALIDATION_FAILED for a weak password.' })
  async reset(@Body() dto: PasswordResetDto, @Req() req: FastifyRequest): Promise<void> {
    await this.accounts.resetPassword(dto.token, dto.password, String(req.id));
  }
}
