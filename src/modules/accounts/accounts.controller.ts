import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorator';
import { AccountsService } from './accounts.service';
import { AccountResponse } from './dto/account.response';
import { CreateAccountDto } from './dto/create-account.dto';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Public()
  @ApiCreatedResponse({ type: AccountResponse, description: 'Compte porteur de projet créé ; se connecter ensuite avec POST /api/v1/auth/login.' })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN : adresse déjà utilisée.' })
  @ApiTooManyRequestsResponse({ description: 'Trop de créations de compte depuis cette adresse IP.' })
  signUp(@Body() dto: CreateAccountDto, @Req() req: FastifyRequest): Promise<AccountResponse> {
    return this.accounts.signUp(dto, req.ip, String(req.id));
  }
}
